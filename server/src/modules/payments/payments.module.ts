import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentEntity } from './entities/payment.entity';
import { RefundEntity } from './entities/refund.entity';
import { PaymentEventHandlers } from './payment-event-handlers';
import { PaymentReconciliationJob } from './payment-reconciliation.job';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  imports: [TypeOrmModule.forFeature([PaymentEntity, RefundEntity]), OrdersModule, MembersModule],
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentReconciliationJob, PaymentEventHandlers],
  exports: [PaymentsService],
})
export class PaymentsModule {}
