import { InitialSchema1795463273864 } from './1795463273864-initial-schema.migration';
import { Prescriptions1795593680829 } from './1795593680829-prescriptions.migration';
import { OrdersAndPayments1795600000000 } from './1795600000000-orders-and-payments.migration';
import { AppointmentsAndPowerRanges1795700000000 } from './1795700000000-appointments-and-power-ranges.migration';
import { Outbox1795710000000 } from './1795710000000-outbox.migration';
import { Coupons1795720000000 } from './1795720000000-coupons.migration';
import { Referrals1795760000000 } from './1795760000000-referrals.migration';
import { CouponCredits1795730000000 } from './1795730000000-coupon-credits.migration';
import { TradeIns1795730000001 } from './1795730000001-trade-ins.migration';
import { Wallet1795750000000 } from './1795750000000-wallet.migration';
import { Membership1795740000000 } from './1795740000000-membership.migration';
import { WecomTags1795920000001 } from './1795920000001-wecom-tags.migration';
import { OrderLinesIndex1795940000000 } from './1795940000000-order-lines-index.migration';
import { ConsentCoveringIndex1795960000000 } from './1795960000000-consent-covering-index.migration';
import { ReminderBackfill1795920000000 } from './1795920000000-reminder-backfill.migration';
import { GroupBuys1795770000000 } from './1795770000000-group-buys.migration';
import { TagsSegmentsCommunities1795800000000 } from './1795800000000-tags-segments-communities.migration';
import { Customers1795790000000 } from './1795790000000-customers.migration';
import { Reminders1795780000000 } from './1795780000000-reminders.migration';
import { StaffTasks1795780000001 } from './1795780000001-staff-tasks.migration';
import { CatalogHotPaths1795810000000 } from './1795810000000-catalog-hot-paths.migration';
import { Operations1795900000000 } from './1795900000000-operations.migration';

/** Every migration in order; new ones come from `migration:generate` and are added here. */
export const MIGRATIONS = [
  InitialSchema1795463273864,
  Prescriptions1795593680829,
  OrdersAndPayments1795600000000,
  AppointmentsAndPowerRanges1795700000000,
  Outbox1795710000000,
  Coupons1795720000000,
  Referrals1795760000000,
  CouponCredits1795730000000,
  TradeIns1795730000001,
  Wallet1795750000000,
  Membership1795740000000,
  GroupBuys1795770000000,
  TagsSegmentsCommunities1795800000000,
  Customers1795790000000,
  Reminders1795780000000,
  StaffTasks1795780000001,
  CatalogHotPaths1795810000000,
  Operations1795900000000,
  ReminderBackfill1795920000000,
  WecomTags1795920000001,
  OrderLinesIndex1795940000000,
  ConsentCoveringIndex1795960000000,
];
