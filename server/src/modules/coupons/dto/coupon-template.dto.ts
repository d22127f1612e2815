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
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';

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

/** `{ from, to }` or `{ days }`; which one is checked by the template policy. */
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
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({ description: 'null: unlimited' })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  totalQuantity?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  perMemberLimit?: number;

  @ApiPropertyOptional({ type: CouponValidityDto })
  @IsOptional()
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
  @ApiProperty()
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiProperty({ enum: COUPON_KINDS })
  @IsIn(COUPON_KINDS)
  kind: CouponKind;

  @ApiPropertyOptional({ description: 'fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountOff?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 99 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  percentOff?: number;

  @ApiPropertyOptional({ description: 'fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  maxDiscount?: number;

  @ApiPropertyOptional({ description: 'fen; 满减 threshold on the in-scope subtotal' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  threshold?: number;

  @ApiProperty({ type: CouponScopeDto })
  @ValidateNested()
  @Type(() => CouponScopeDto)
  scope: CouponScopeDto;

  @ApiPropertyOptional({ description: 'Omit for unlimited.' })
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

  @ApiProperty({ type: CouponValidityDto })
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
