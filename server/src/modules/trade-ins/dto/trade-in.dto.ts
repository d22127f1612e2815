import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TRADE_IN_BRAND_TIERS,
  TRADE_IN_CATEGORIES,
  TRADE_IN_CONDITIONS,
  TRADE_IN_MATERIALS,
  TRADE_IN_STATUSES,
  type InspectTradeInRequest,
  type RejectTradeInRequest,
  type StaffTradeIn,
  type TradeIn,
  type TradeInBrandTier,
  type TradeInCategory,
  type TradeInCondition,
  type TradeInMaterial,
  type TradeInPhoto,
  type TradeInQuote,
  type TradeInQuoteRequest,
  type TradeInRequest,
  type TradeInRules,
  type TradeInStatus,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';
import { MAX_AGE_YEARS } from '../policies/trade-in-estimate.policy';

/** ¥100,000: no pair of glasses is worth more in a trade-in table. */
const MAX_TRADE_IN_FEN = 10_000_000;

export class TradeInQuoteRequestDto implements TradeInQuoteRequest {
  @ApiProperty({ enum: TRADE_IN_CATEGORIES })
  @IsIn(TRADE_IN_CATEGORIES)
  category: TradeInCategory;

  @ApiProperty({ enum: TRADE_IN_MATERIALS })
  @IsIn(TRADE_IN_MATERIALS)
  material: TradeInMaterial;

  @ApiProperty({ enum: TRADE_IN_BRAND_TIERS })
  @IsIn(TRADE_IN_BRAND_TIERS)
  brandTier: TradeInBrandTier;

  @ApiProperty({ minimum: 0, maximum: MAX_AGE_YEARS, description: 'Whole years since purchase.' })
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_YEARS)
  ageYears: number;

  @ApiProperty({ enum: TRADE_IN_CONDITIONS })
  @IsIn(TRADE_IN_CONDITIONS)
  condition: TradeInCondition;
}

export class TradeInRequestDto extends TradeInQuoteRequestDto implements TradeInRequest {
  @ApiProperty({ description: 'The store the glasses will be brought to.' })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId: number;

  @ApiProperty({ type: [Number], minItems: 1, maxItems: 6, description: 'The member’s own unused uploads.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  photoIds: number[];
}

export class InspectTradeInDto implements InspectTradeInRequest {
  @ApiProperty({ description: 'fen, inside [estimateMin, estimateMax] of the trade-in' })
  @IsInt()
  @Min(0)
  @Max(MAX_TRADE_IN_FEN)
  finalAmount: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RejectTradeInDto implements RejectTradeInRequest {
  @ApiProperty({ minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class StaffTradeInQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TRADE_IN_STATUSES })
  @IsOptional()
  @IsIn(TRADE_IN_STATUSES)
  status?: TradeInStatus;
}

export class TradeInQuoteDto implements TradeInQuote {
  @ApiProperty({ description: 'fen, whole yuan' })
  estimateMin: number;

  @ApiProperty({ description: 'fen, whole yuan' })
  estimateMax: number;
}

export class TradeInPhotoDto implements TradeInPhoto {
  @ApiProperty()
  id: number;

  @ApiProperty({
    description: 'API path of the image; answers only to its owner and to staff (send the token).',
    example: '/api/v1/trade-in-photos/7',
  })
  url: string;
}

export class TradeInDto implements TradeIn {
  @ApiProperty()
  id: number;

  @ApiProperty({ enum: TRADE_IN_CATEGORIES })
  category: TradeInCategory;

  @ApiProperty({ enum: TRADE_IN_MATERIALS })
  material: TradeInMaterial;

  @ApiProperty({ enum: TRADE_IN_BRAND_TIERS })
  brandTier: TradeInBrandTier;

  @ApiProperty()
  ageYears: number;

  @ApiProperty({ enum: TRADE_IN_CONDITIONS })
  condition: TradeInCondition;

  @ApiProperty({ description: 'fen, the estimate at submission' })
  estimateMin: number;

  @ApiProperty({ description: 'fen, the estimate at submission' })
  estimateMax: number;

  @ApiProperty()
  storeId: number;

  @ApiProperty({ enum: TRADE_IN_STATUSES })
  status: TradeInStatus;

  @ApiProperty({ type: [TradeInPhotoDto] })
  photos: TradeInPhotoDto[];

  @ApiProperty({ type: Number, nullable: true, description: 'fen' })
  finalAmount: number | null;

  @ApiProperty({ type: String, nullable: true })
  inspectionNote: string | null;

  @ApiProperty({ type: String, nullable: true })
  rejectReason: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The credit coupon (frames and lenses, 90 days).',
  })
  couponId: number | null;

  @ApiProperty()
  createdAt: string;

  @ApiProperty({ type: String, nullable: true })
  inspectedAt: string | null;
}

export class StaffTradeInDto extends TradeInDto implements StaffTradeIn {
  @ApiProperty()
  memberId: number;

  @ApiProperty({ type: Number, nullable: true })
  inspectedByStaffId: number | null;
}

export class TradeInBaseRangeDto {
  @ApiProperty({ enum: TRADE_IN_CATEGORIES })
  @IsIn(TRADE_IN_CATEGORIES)
  category: TradeInCategory;

  @ApiProperty({ enum: TRADE_IN_BRAND_TIERS })
  @IsIn(TRADE_IN_BRAND_TIERS)
  brandTier: TradeInBrandTier;

  @ApiProperty({ description: 'fen' })
  @IsInt()
  @Min(0)
  @Max(MAX_TRADE_IN_FEN)
  min: number;

  @ApiProperty({ description: 'fen, ≥ min' })
  @IsInt()
  @Min(0)
  @Max(MAX_TRADE_IN_FEN)
  max: number;
}

const percent = () => ApiProperty({ minimum: 0, maximum: 200, description: 'percent, 100 = unchanged' });

export class TradeInMaterialPercentDto implements Record<TradeInMaterial, number> {
  @percent() @IsInt() @Min(0) @Max(200) titanium: number;
  @percent() @IsInt() @Min(0) @Max(200) metal: number;
  @percent() @IsInt() @Min(0) @Max(200) acetate: number;
  @percent() @IsInt() @Min(0) @Max(200) plastic: number;
}

export class TradeInConditionPercentDto implements Record<TradeInCondition, number> {
  @percent() @IsInt() @Min(0) @Max(200) like_new: number;
  @percent() @IsInt() @Min(0) @Max(200) good: number;
  @percent() @IsInt() @Min(0) @Max(200) fair: number;
  @percent() @IsInt() @Min(0) @Max(200) poor: number;
}

export class TradeInAgeBandDto {
  @ApiProperty({ minimum: 0, maximum: MAX_AGE_YEARS })
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_YEARS)
  maxAgeYears: number;

  @percent()
  @IsInt()
  @Min(0)
  @Max(200)
  percent: number;
}

export class TradeInRulesDto implements TradeInRules {
  @ApiProperty({ type: [TradeInBaseRangeDto], description: 'One range per category × brand tier.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TradeInBaseRangeDto)
  base: TradeInBaseRangeDto[];

  @ApiProperty({ type: TradeInMaterialPercentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TradeInMaterialPercentDto)
  materialPercent: TradeInMaterialPercentDto;

  @ApiProperty({ type: TradeInConditionPercentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TradeInConditionPercentDto)
  conditionPercent: TradeInConditionPercentDto;

  @ApiProperty({
    type: [TradeInAgeBandDto],
    description:
      'Ascending by maxAgeYears; the first band whose limit is ≥ the age applies; the last reaches 30.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TradeInAgeBandDto)
  agePercent: TradeInAgeBandDto[];
}
