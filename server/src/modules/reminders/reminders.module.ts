import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module';
import { StaffModule } from '../staff/staff.module';
import { StaffTasksModule } from '../staff-tasks/staff-tasks.module';
import { CouponExpiryScanner } from './coupon-expiry.scanner';
import { InboxItemEntity } from './entities/inbox-item.entity';
import { ReminderConfigEntity } from './entities/reminder-config.entity';
import { ReminderMemberSettingsEntity } from './entities/reminder-member-settings.entity';
import { ReminderOccurrenceEntity } from './entities/reminder-occurrence.entity';
import { ReminderScanMarkEntity } from './entities/reminder-scan-mark.entity';
import { ReminderSubscriptionEntity } from './entities/reminder-subscription.entity';
import { ReminderArrivalNotes } from './reminder-arrival-notes';
import { ReminderBackfillJob } from './reminder-backfill.job';
import { ReminderConfigService } from './reminder-config.service';
import { ReminderDeliveryJob } from './reminder-delivery.job';
import { ReminderEventHandlers } from './reminder-event-handlers';
import { ReminderFollowUps } from './reminder-follow-ups';
import { RemindersController } from './reminders.controller';
import { RemindersPersonalData } from './reminders-personal-data';
import { RemindersService } from './reminders.service';

/**
 * Care reminders: rules, occurrences scheduled from other modules' events, delivery (subscribe
 * message or inbox, 1-to-1 task for the owner) by the `reminders` job; reads orders, catalog,
 * prescriptions, members and coupons through their services.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ReminderConfigEntity,
      ReminderOccurrenceEntity,
      ReminderSubscriptionEntity,
      InboxItemEntity,
      ReminderMemberSettingsEntity,
      ReminderScanMarkEntity,
    ]),
    OrdersModule,
    CatalogModule,
    CouponsModule,
    MembersModule,
    PrescriptionsModule,
    StaffModule,
    StaffTasksModule,
  ],
  controllers: [RemindersController],
  providers: [
    RemindersService,
    ReminderConfigService,
    ReminderDeliveryJob,
    ReminderBackfillJob,
    ReminderEventHandlers,
    ReminderFollowUps,
    CouponExpiryScanner,
    RemindersPersonalData,
    ReminderArrivalNotes,
  ],
  exports: [RemindersService],
})
export class RemindersModule {}
