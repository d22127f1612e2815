import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { MemberTierEntity } from './entities/member-tier.entity';
import { PointsAccountEntity } from './entities/points-account.entity';
import { PointsLedgerEntryEntity } from './entities/points-ledger-entry.entity';
import { PointsLotUseEntity } from './entities/points-lot-use.entity';
import { PointsLotEntity } from './entities/points-lot.entity';
import { PointsRuleEntity } from './entities/points-rule.entity';
import { TierRuleEntity } from './entities/tier-rule.entity';
import { MembershipCheckout } from './membership-checkout';
import { MembershipController } from './membership.controller';
import { MembershipEventHandlers } from './membership-event-handlers';
import { MembershipPersonalData } from './membership-personal-data';
import { MembershipService } from './membership.service';
import { MembershipStanding } from './membership-standing';
import { PointsExpiryJob } from './points-expiry.job';
import { PointsService } from './points.service';
import { TierReviewJob } from './tier-review.job';

/**
 * Tiers and points. Imports orders to register with its `MembershipPort` and to read paid spend
 * (orders never import membership), members to register with its `MemberStandingPort`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      TierRuleEntity,
      PointsRuleEntity,
      MemberTierEntity,
      PointsAccountEntity,
      PointsLedgerEntryEntity,
      PointsLotEntity,
      PointsLotUseEntity,
    ]),
    OrdersModule,
    MembersModule,
  ],
  controllers: [MembershipController],
  providers: [
    MembershipService,
    PointsService,
    MembershipCheckout,
    MembershipEventHandlers,
    MembershipPersonalData,
    MembershipStanding,
    PointsExpiryJob,
    TierReviewJob,
  ],
})
export class MembershipModule {}
