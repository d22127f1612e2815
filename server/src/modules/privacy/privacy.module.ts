import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { MemberEntity } from '../members/entities/member.entity';
import { MembersModule } from '../members/members.module';
import { ConsentEntity } from '../prescriptions/entities/consent.entity';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MemberEntity, ConsentEntity]),
    MembersModule,
    PrescriptionsModule,
    AuditModule,
  ],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
