import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { GroupBuyCampaignEntity } from './entities/group-buy-campaign.entity';
import { GroupBuyGroupEntity } from './entities/group-buy-group.entity';
import { GroupBuyQuotaEntity } from './entities/group-buy-quota.entity';
import { GroupBuySeatEntity } from './entities/group-buy-seat.entity';
import { ServiceVoucherEntity } from './entities/service-voucher.entity';
import { GroupBuyEventHandlers } from './group-buy-event-handlers';
import { GroupBuyExpiryJob } from './group-buy-expiry.job';
import { GroupBuysController } from './group-buys.controller';
import { GroupBuysPersonalData } from './group-buys-personal-data';
import { GroupBuysService } from './group-buys.service';

/**
 * Group-buy: campaigns, groups, seats (held by orders at the group price) and service vouchers.
 * Builds on orders (seat orders, hold), payments (refunds of failed groups) and the outbox.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      GroupBuyCampaignEntity,
      GroupBuyGroupEntity,
      GroupBuySeatEntity,
      GroupBuyQuotaEntity,
      ServiceVoucherEntity,
    ]),
    CatalogModule,
    MembersModule,
    OrdersModule,
    PaymentsModule,
  ],
  controllers: [GroupBuysController],
  providers: [GroupBuysService, GroupBuyEventHandlers, GroupBuyExpiryJob, GroupBuysPersonalData],
  exports: [GroupBuysService],
})
export class GroupBuysModule {}
