import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LENS_OPTION_KINDS,
  PRODUCT_CATEGORIES,
  type LensOption,
  type LensOptionKind,
  type LensPowerRange,
  type ProductCategory,
  type ProductDetail,
  type ProductSummary,
  type Sku,
} from '@lensloop/shared';

/** `Record<string, string>` in the document. */
export const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class ProductSummaryDto implements ProductSummary {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'Simplified Chinese, as customers read it.' })
  name: string;

  @ApiProperty({ type: String, nullable: true, description: 'English translation of `name`.' })
  nameEn: string | null;

  @ApiProperty({ enum: PRODUCT_CATEGORIES })
  category: ProductCategory;

  @ApiProperty()
  brand: string;

  @ApiProperty({ description: 'Lowest SKU price, fen.', example: 29900 })
  priceFrom: number;

  @ApiProperty({ example: '/static/products/frame-1.svg' })
  imageUrl: string;

  @ApiProperty()
  featured: boolean;
}

/** Hundredths of a diopter, minus-cylinder form. */
export class LensPowerRangeDto implements LensPowerRange {
  @ApiProperty({ example: -800 })
  sphereMin: number;

  @ApiProperty({ example: 400 })
  sphereMax: number;

  @ApiProperty({ description: 'Largest cylinder magnitude.', example: 200 })
  cylinderMax: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Progressives only.', example: 75 })
  addMin?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Progressives only.', example: 300 })
  addMax?: number | null;
}

export class SkuDto implements Sku {
  @ApiProperty()
  id: number;

  @ApiProperty()
  code: string;

  @ApiProperty({ ...STRING_MAP, example: { colour: 'Black', size: '52□18-140' } })
  attributes: Record<string, string>;

  @ApiProperty({ description: 'Fen.' })
  price: number;

  @ApiProperty({ description: 'Units at `storeId` when the request named one, else across all stores.' })
  stock: number;

  @ApiProperty({
    type: LensPowerRangeDto,
    nullable: true,
    description: 'Spectacle lenses: the powers this SKU can be made in; null for other products.',
  })
  powerRange: LensPowerRangeDto | null;
}

export class ProductDetailDto extends ProductSummaryDto implements ProductDetail {
  @ApiProperty()
  description: string;

  @ApiProperty({ type: [SkuDto] })
  skus: SkuDto[];

  @ApiProperty({ type: [ProductSummaryDto], description: 'Lenses that fit a frame; empty otherwise.' })
  lensOptions: ProductSummaryDto[];
}

export class LensOptionDto implements LensOption {
  @ApiProperty({ example: 'AR-PREMIUM' })
  code: string;

  @ApiProperty({ enum: LENS_OPTION_KINDS })
  kind: LensOptionKind;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true, description: 'English translation of `name`.' })
  nameEn: string | null;

  @ApiProperty({ description: 'Fen.' })
  price: number;
}
