import { ApiPropertyOptional } from '@nestjs/swagger';
import { PRODUCT_CATEGORIES, type ProductCategory, type ProductQuery } from '@lensloop/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { PLAIN_QUERY_ID, registerFastValidation } from '../../../common/validation';

export class ProductQueryDto extends PageQueryDto implements ProductQuery {
  @ApiPropertyOptional({ enum: PRODUCT_CATEGORIES })
  @IsOptional()
  @IsIn(PRODUCT_CATEGORIES)
  category?: ProductCategory;

  @ApiPropertyOptional({ description: 'Words of the product name or brand.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  featured?: boolean;
}

export class ProductDetailQueryDto {
  @ApiPropertyOptional({ description: 'Report stock at this store instead of across all stores.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  storeId?: number;
}

const PAGE_NUMBER = /^[1-9]\d{0,4}$/;
const PRODUCT_QUERY_KEYS = new Set(['category', 'q', 'featured', 'page', 'pageSize']);

/** `text` as an integer from 1 to `max` when it is written plainly (no sign, spaces or zeros first). */
function pageNumber(text: unknown, max: number): number | null {
  if (typeof text !== 'string' || !PAGE_NUMBER.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

/**
 * The product list's query checked by hand (see `registerFastValidation`): what `ProductQueryDto`
 * makes of plainly valid input, or null for anything else, which class-validator then answers.
 */
export function fastProductQuery(value: unknown): ProductQueryDto | null {
  if (typeof value !== 'object' || value === null) return null;
  const query: ProductQueryDto = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!PRODUCT_QUERY_KEYS.has(key) || typeof raw !== 'string') return null;
    if (key === 'category') {
      if (!(PRODUCT_CATEGORIES as readonly string[]).includes(raw)) return null;
      query.category = raw as ProductCategory;
    } else if (key === 'q') {
      const text = raw.trim();
      if (text.length > 50) return null;
      query.q = text;
    } else if (key === 'featured') {
      if (raw !== 'true' && raw !== 'false') return null;
      query.featured = raw === 'true';
    } else {
      const number = pageNumber(raw, key === 'page' ? 10_000 : 100);
      if (number === null) return null;
      query[key as 'page' | 'pageSize'] = number;
    }
  }
  return query;
}

/** The product detail's query checked by hand: none, or a plainly written store id. */
export function fastProductDetailQuery(value: unknown): ProductDetailQueryDto | null {
  if (typeof value !== 'object' || value === null) return null;
  const keys = Object.keys(value);
  if (keys.length === 0) return {};
  const storeId = (value as { storeId?: unknown }).storeId;
  if (keys.length !== 1 || typeof storeId !== 'string' || !PLAIN_QUERY_ID.test(storeId)) return null;
  return { storeId: Number(storeId) };
}

registerFastValidation(ProductQueryDto, fastProductQuery);
registerFastValidation(ProductDetailQueryDto, fastProductDetailQuery);
