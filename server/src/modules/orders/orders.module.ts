import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { StoresModule } from '../stores/stores.module';
import { CouponPort } from './coupon-port';
import { MembershipPort } from './membership-port';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { OrderEventEntity } from './entities/order-event.entity';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderEntity } from './entities/order.entity';
import { IdempotencyService } from './idempotency.service';
import { OrderBillingService } from './order-billing.service';
import { OrderExpiryJob } from './order-expiry.job';
import { OrderHoldPort } from './order-hold-port';
import { OrderLifecycle } from './order-lifecycle';
import { OrderPricingService } from './order-pricing.service';
import { OrdersController } from './orders.controller';
import { OrdersPersonalData } from './orders-personal-data';
import { OrdersService } from './orders.service';
import { PrescriptionReferencePort } from './prescription-reference';
import { StaffOrdersController } from './staff-orders.controller';
import { WalletPort } from './wallet-port';

@Module({
  imports: [
    TypeOrmModule.forFeature([OrderEntity, OrderItemEntity, OrderEventEntity, IdempotencyKeyEntity]),
    CatalogModule,
    StoresModule,
  ],
  controllers: [OrdersController, StaffOrdersController],
  providers: [
    OrdersService,
    OrderPricingService,
    OrderLifecycle,
    IdempotencyService,
    OrderExpiryJob,
    OrderBillingService,
    OrdersPersonalData,
    PrescriptionReferencePort,
    CouponPort,
    WalletPort,
    MembershipPort,
    OrderHoldPort,
  ],
  exports: [
    OrdersService,
    OrderPricingService,
    OrderBillingService,
    PrescriptionReferencePort,
    CouponPort,
    WalletPort,
    MembershipPort,
    OrderHoldPort,
  ],
})
export class OrdersModule {}
