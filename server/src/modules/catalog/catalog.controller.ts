import { Controller, Get, Param, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ErrorCode,
  type LensOption,
  type Page,
  type ProductDetail,
  type ProductSummary,
} from '@lensloop/shared';
import { ConditionalGet } from '../../common/etag';
import { IdPipe } from '../../common/id.pipe';
import { CatalogService } from './catalog.service';
import { ProductDetailQueryDto, ProductQueryDto } from './dto/product-query.dto';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { Public } from '../../common/auth/roles.decorator';
import { PRODUCT_DETAIL_RESPONSE, PRODUCT_PAGE_RESPONSE } from './product-schemas';
import { LensOptionDto, ProductDetailDto, ProductSummaryDto } from './dto/product.dto';

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('lens-options')
  @ApiOperation({ summary: 'List the priced lens options (coatings, blue-cut, photochromic, tint)' })
  @ApiOkResponse({ type: [LensOptionDto] })
  @Public()
  listLensOptions(): Promise<LensOption[]> {
    return this.catalog.listLensOptions();
  }

  @Get('products')
  @ApiOperation({ summary: 'List products by category or search text' })
  @ApiPageResponse(ProductSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  @Public()
  @RouteSchema(PRODUCT_PAGE_RESPONSE)
  @ConditionalGet()
  listProducts(@Query() query: ProductQueryDto): Promise<Page<ProductSummary>> {
    return this.catalog.listProducts(query);
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'Get a product with its SKUs and, for frames, the lenses that fit' })
  @ApiOkResponse({ type: ProductDetailDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.PRODUCT_NOT_FOUND)
  @Public()
  @RouteSchema(PRODUCT_DETAIL_RESPONSE)
  @ConditionalGet()
  getProduct(@Param('id', IdPipe) id: number, @Query() query: ProductDetailQueryDto): Promise<ProductDetail> {
    return this.catalog.getProduct(id, query.storeId);
  }
}
