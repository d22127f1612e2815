import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LensOption, Page, ProductDetail, ProductSummary } from '@lensloop/shared';
import { IdPipe } from '../../common/id.pipe';
import { CatalogService } from './catalog.service';
import { ProductDetailQueryDto, ProductQueryDto } from './dto/product-query.dto';

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('lens-options')
  listLensOptions(): Promise<LensOption[]> {
    return this.catalog.listLensOptions();
  }

  @Get('products')
  listProducts(@Query() query: ProductQueryDto): Promise<Page<ProductSummary>> {
    return this.catalog.listProducts(query);
  }

  @Get('products/:id')
  getProduct(@Param('id', IdPipe) id: number, @Query() query: ProductDetailQueryDto): Promise<ProductDetail> {
    return this.catalog.getProduct(id, query.storeId);
  }
}
