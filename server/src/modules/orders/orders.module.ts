import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LensOptionEntity } from '../catalog/entities/lens-option.entity';
import { SkuEntity } from '../catalog/entities/sku.entity';
import { StoreEntity } from '../stores/entities/store.entity';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { OrderEventEntity } from './entities/order-event.entity';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderEntity } from './entities/order.entity';
import { IdempotencyService } from './idempotency.service';
import { OrderBillingService } from './order-billing.service';
import { OrderExpiryJob } from './order-expiry.job';
import { OrderLifecycle } from './order-lifecycle';
import { OrderPricingService } from './order-pricing.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module';
import { PrescriptionsService } from '../prescriptions/prescriptions.service';
import { PRESCRIPTION_REFERENCE_CHECKER } from './prescription-reference';
import { StaffOrdersController } from './staff-orders.controller';
import { StockReservations } from './stock-reservations';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      OrderEntity,
      OrderItemEntity,
      OrderEventEntity,
      IdempotencyKeyEntity,
      SkuEntity,
      LensOptionEntity,
      StoreEntity,
    ]),
    PrescriptionsModule,
  ],
  controllers: [OrdersController, StaffOrdersController],
  providers: [
    OrdersService,
    OrderPricingService,
    OrderLifecycle,
    StockReservations,
    IdempotencyService,
    OrderExpiryJob,
    OrderBillingService,
    { provide: PRESCRIPTION_REFERENCE_CHECKER, useExisting: PrescriptionsService },
  ],
  exports: [OrdersService, OrderPricingService, OrderBillingService],
})
export class OrdersModule {}
