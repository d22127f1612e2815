import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StoreStockEntity } from '../catalog/entities/store-stock.entity';
import { OrdersModule } from '../orders/orders.module';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';
import { CartItemEntity } from './entities/cart-item.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CartItemEntity, StoreStockEntity]), OrdersModule],
  controllers: [CartController],
  providers: [CartService],
})
export class CartModule {}
