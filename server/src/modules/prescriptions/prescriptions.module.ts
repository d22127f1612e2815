import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/app-config';
import { SealedBox } from '../../infra/crypto/sealed-box';
import { AuditModule } from '../audit/audit.module';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { ConsentsService } from './consents.service';
import { ConsentEntity } from './entities/consent.entity';
import { PrescriptionEntity } from './entities/prescription.entity';
import { PrescriptionRekeyJob } from './prescription-rekey.job';
import { PrescriptionsController } from './prescriptions.controller';
import { PrescriptionsService } from './prescriptions.service';
import { StaffDeskController } from './staff-desk.controller';
import { StaffDeskService } from './staff-desk.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([PrescriptionEntity, ConsentEntity]),
    MembersModule,
    AuditModule,
    StaffModule,
    StoresModule,
    // Orders list the lines bought with a prescription, and take our reference checker (see OrdersModule).
    OrdersModule,
    // The customer card shows who referred the customer and whom they referred.
    ReferralsModule,
  ],
  controllers: [PrescriptionsController, StaffDeskController],
  providers: [
    PrescriptionsService,
    ConsentsService,
    StaffDeskService,
    PrescriptionRekeyJob,
    {
      provide: SealedBox,
      useFactory: (config: AppConfig) => new SealedBox(config.prescriptionKeys),
      inject: [APP_CONFIG],
    },
  ],
  exports: [PrescriptionsService, ConsentsService],
})
export class PrescriptionsModule {}
