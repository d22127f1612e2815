import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { MemberEntity } from '../members/entities/member.entity';
import { MembersModule } from '../members/members.module';
import { OrderEntity } from '../orders/entities/order.entity';
import { OrdersModule } from '../orders/orders.module';
import { ConsentEntity } from '../prescriptions/entities/consent.entity';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MemberEntity, ConsentEntity, OrderEntity]),
    MembersModule,
    PrescriptionsModule,
    AuditModule,
    OrdersModule,
  ],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
