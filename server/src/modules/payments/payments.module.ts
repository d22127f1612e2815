import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberEntity } from '../members/entities/member.entity';
import { OrderEntity } from '../orders/entities/order.entity';
import { OrdersModule } from '../orders/orders.module';
import { PaymentEntity } from './entities/payment.entity';
import { RefundEntity } from './entities/refund.entity';
import { PaymentReconciliationJob } from './payment-reconciliation.job';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrderEntity, PaymentEntity, RefundEntity, MemberEntity]), OrdersModule],
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentReconciliationJob],
})
export class PaymentsModule {}
