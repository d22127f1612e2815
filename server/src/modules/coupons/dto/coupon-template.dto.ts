import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COUPON_CHANNELS,
  COUPON_KINDS,
  PRODUCT_CATEGORIES,
  type CouponChannel,
  type CouponKind,
  type CouponScope,
  type CouponTemplateInput,
  type CouponTemplatePatch,
  type CouponValidity,
  type ProductCategory,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';
import { oneOfModels } from '../../../common/openapi/api-responses.decorator';

const MAX_FEN = 100_000_000;

export class CouponScopeDto implements CouponScope {
  @ApiPropertyOptional({ enum: PRODUCT_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(PRODUCT_CATEGORIES, { each: true })
  categories?: ProductCategory[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  productIds?: number[];
}

/** `CouponValidity`, fixed dates. */
export class CouponDateRangeValidityDto implements Extract<CouponValidity, { from: string }> {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T00:00:00+08:00' })
  from: string;

  @ApiProperty({ format: 'date-time', example: '2027-01-01T00:00:00+08:00' })
  to: string;
}

/** `CouponValidity`, a number of days counted from the moment of issue. */
export class CouponDaysValidityDto implements Extract<CouponValidity, { days: number }> {
  @ApiProperty({ minimum: 1, maximum: 3650, example: 30 })
  days: number;
}

/** The two shapes of `CouponValidity`; register both with `ApiExtraModels` where it is used. */
export const COUPON_VALIDITY_MODELS = [CouponDateRangeValidityDto, CouponDaysValidityDto] as const;

export const COUPON_VALIDITY_PROPERTY = {
  ...oneOfModels(...COUPON_VALIDITY_MODELS),
  description: 'Fixed dates (ISO instants), or a number of days counted from the moment of issue.',
};

/**
 * `{ from, to }` or `{ days }`; which one is checked by the template policy. Validated as this
 * class, documented as the two shapes (`COUPON_VALIDITY_PROPERTY`).
 */
export class CouponValidityDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;
}

export class UpdateCouponTemplateDto implements Omit<CouponTemplatePatch, 'validity'> {
  @ApiPropertyOptional({ minLength: 1, maxLength: 60 })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100_000_000,
    description: 'null: unlimited',
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  totalQuantity?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  perMemberLimit?: number;

  // Validated as CouponValidityDto (either shape); documented as the two shapes.
  @ApiPropertyOptional({ ...COUPON_VALIDITY_PROPERTY, type: Object })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CouponValidityDto)
  validity?: CouponValidityDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  stackable?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateCouponTemplateDto implements Omit<CouponTemplateInput, 'validity'> {
  @ApiProperty({ minLength: 1, maxLength: 60, example: '满300减50' })
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiProperty({ enum: COUPON_KINDS })
  @IsIn(COUPON_KINDS)
  kind: CouponKind;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FEN, description: '`amount_off`: fen taken off.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountOff?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 99,
    description: '`percent_off`: percent taken off (20 → pay 80%).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  percentOff?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_FEN,
    description: '`percent_off`: the most it takes off, fen.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  maxDiscount?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_FEN,
    description: 'fen; 满减 threshold on the in-scope subtotal',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  threshold?: number;

  @ApiProperty({ type: CouponScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CouponScopeDto)
  scope: CouponScopeDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 100_000_000, description: 'Omit for unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  totalQuantity?: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  perMemberLimit: number;

  // Validated as CouponValidityDto (either shape); documented as the two shapes.
  @ApiProperty({ ...COUPON_VALIDITY_PROPERTY, type: Object })
  @IsObject()
  @ValidateNested()
  @Type(() => CouponValidityDto)
  validity: CouponValidityDto;

  @ApiProperty({ enum: COUPON_CHANNELS })
  @IsIn(COUPON_CHANNELS)
  channel: CouponChannel;

  @ApiProperty()
  @IsBoolean()
  stackable: boolean;
}
