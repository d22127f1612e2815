import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/app-config';
import { SealedBox } from '../../infra/crypto/sealed-box';
import { AuditModule } from '../audit/audit.module';
import { MemberEntity } from '../members/entities/member.entity';
import { MembersModule } from '../members/members.module';
import { OrderItemEntity } from '../orders/entities/order-item.entity';
import { OrderEntity } from '../orders/entities/order.entity';
import { ConsentsService } from './consents.service';
import { ConsentEntity } from './entities/consent.entity';
import { PrescriptionEntity } from './entities/prescription.entity';
import { PrescriptionsController } from './prescriptions.controller';
import { PrescriptionsService } from './prescriptions.service';
import { StaffDeskController } from './staff-desk.controller';
import { StaffDeskService } from './staff-desk.service';

@Module({
  imports: [
    // Order lines are read (never written) to show what was bought with a prescription.
    TypeOrmModule.forFeature([PrescriptionEntity, ConsentEntity, MemberEntity, OrderEntity, OrderItemEntity]),
    MembersModule,
    AuditModule,
  ],
  controllers: [PrescriptionsController, StaffDeskController],
  providers: [
    PrescriptionsService,
    ConsentsService,
    StaffDeskService,
    {
      provide: SealedBox,
      useFactory: (config: AppConfig) => new SealedBox(config.prescriptionKeys),
      inject: [APP_CONFIG],
    },
  ],
  exports: [PrescriptionsService, ConsentsService],
})
export class PrescriptionsModule {}
