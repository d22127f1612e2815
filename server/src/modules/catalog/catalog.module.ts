import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { LensOptionEntity } from './entities/lens-option.entity';
import { ProductEntity } from './entities/product.entity';
import { SkuEntity } from './entities/sku.entity';
import { StoreStockEntity } from './entities/store-stock.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ProductEntity, SkuEntity, StoreStockEntity, LensOptionEntity])],
  controllers: [CatalogController],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
