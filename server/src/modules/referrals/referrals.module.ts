import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { ReferralAttributionEntity } from './entities/referral-attribution.entity';
import { ReferralCodeEntity } from './entities/referral-code.entity';
import { ReferralMonthlyGrantEntity } from './entities/referral-monthly-grant.entity';
import { ReferralRejectionEntity } from './entities/referral-rejection.entity';
import { ReferralRuleEntity } from './entities/referral-rule.entity';
import { ReferralScanEntity } from './entities/referral-scan.entity';
import { ReferralEventHandlers } from './referral-event-handlers';
import { ReferralRewardsJob } from './referral-rewards.job';
import { ReferralsController } from './referrals.controller';
import { ReferralsPersonalData } from './referrals-personal-data';
import { ReferralsService } from './referrals.service';

/**
 * Referral (fission), single level: codes, attribution, rewards. Reacts to members' and orders'
 * events; issues reward coupons through the coupons module; points go out as `ReferralRewarded`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ReferralCodeEntity,
      ReferralAttributionEntity,
      ReferralScanEntity,
      ReferralRejectionEntity,
      ReferralRuleEntity,
      ReferralMonthlyGrantEntity,
    ]),
    MembersModule,
    CouponsModule,
  ],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralEventHandlers, ReferralRewardsJob, ReferralsPersonalData],
  exports: [ReferralsService],
})
export class ReferralsModule {}
