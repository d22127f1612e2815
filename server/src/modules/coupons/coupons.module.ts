import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { CouponCheckout } from './coupon-checkout';
import { CouponEventHandlers } from './coupon-event-handlers';
import { CouponIssueJob } from './coupon-issue.job';
import { CouponsController } from './coupons.controller';
import { CouponsPersonalData } from './coupons-personal-data';
import { CouponsService } from './coupons.service';
import { CouponIssueJobEntity } from './entities/coupon-issue-job.entity';
import { CouponTemplateEntity } from './entities/coupon-template.entity';
import { WelcomeTemplatePort } from './welcome-template-port';
import { CouponEntity } from './entities/coupon.entity';

/** Coupons (its service exported for rewards such as trade-in credit): imports orders only to register with its `CouponPort` (orders never import coupons), members to check push lists. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CouponTemplateEntity, CouponEntity, CouponIssueJobEntity]),
    OrdersModule,
    MembersModule,
  ],
  controllers: [CouponsController],
  providers: [
    CouponsService,
    CouponCheckout,
    CouponIssueJob,
    CouponEventHandlers,
    CouponsPersonalData,
    WelcomeTemplatePort,
  ],
  // Referral rewards issue reward-channel coupons through the service.
  exports: [CouponsService, WelcomeTemplatePort],
})
export class CouponsModule {}
