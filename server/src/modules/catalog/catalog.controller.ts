import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page, ProductDetail, ProductSummary } from '@lensloop/shared';
import { IdPipe } from '../../common/id.pipe';
import { CatalogService } from './catalog.service';
import { ProductDetailQueryDto, ProductQueryDto } from './dto/product-query.dto';

@ApiTags('catalog')
@Controller('products')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  listProducts(@Query() query: ProductQueryDto): Promise<Page<ProductSummary>> {
    return this.catalog.listProducts(query);
  }

  @Get(':id')
  getProduct(@Param('id', IdPipe) id: number, @Query() query: ProductDetailQueryDto): Promise<ProductDetail> {
    return this.catalog.getProduct(id, query.storeId);
  }
}
