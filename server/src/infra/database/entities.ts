import { OutboxEventEntity } from '../events/outbox-event.entity';
import { OutboxHandledEntity } from '../events/outbox-handled.entity';
import { JobCursorEntity } from '../jobs/job-cursor.entity';
import { AppointmentSettingsEntity } from '../../modules/appointments/entities/appointment-settings.entity';
import { AppointmentSlotEntity } from '../../modules/appointments/entities/appointment-slot.entity';
import { AppointmentEntity } from '../../modules/appointments/entities/appointment.entity';
import { AuditLogEntity } from '../../modules/audit/entities/audit-log.entity';
import { CartItemEntity } from '../../modules/cart/entities/cart-item.entity';
import { CouponIssueJobEntity } from '../../modules/coupons/entities/coupon-issue-job.entity';
import { CouponTemplateEntity } from '../../modules/coupons/entities/coupon-template.entity';
import { CouponEntity } from '../../modules/coupons/entities/coupon.entity';
import { CustomerAdditionEntity } from '../../modules/customers/entities/customer-addition.entity';
import { CustomerArrivalEntity } from '../../modules/customers/entities/customer-arrival.entity';
import { OwnerChangeEntity } from '../../modules/customers/entities/owner-change.entity';
import { WecomCallbackEntity } from '../../modules/customers/entities/wecom-callback.entity';
import { WecomContactWayEntity } from '../../modules/customers/entities/wecom-contact-way.entity';
import { WecomCorpTagEntity } from '../../modules/customers/entities/wecom-corp-tag.entity';
import { WecomExternalContactEntity } from '../../modules/customers/entities/wecom-external-contact.entity';
import { WelcomeRulesEntity } from '../../modules/customers/entities/welcome-rules.entity';
import { LensOptionEntity } from '../../modules/catalog/entities/lens-option.entity';
import { ProductEntity } from '../../modules/catalog/entities/product.entity';
import { SkuEntity } from '../../modules/catalog/entities/sku.entity';
import { StoreStockEntity } from '../../modules/catalog/entities/store-stock.entity';
import { MemberTierEntity } from '../../modules/membership/entities/member-tier.entity';
import { PointsAccountEntity } from '../../modules/membership/entities/points-account.entity';
import { PointsLedgerEntryEntity } from '../../modules/membership/entities/points-ledger-entry.entity';
import { PointsLotUseEntity } from '../../modules/membership/entities/points-lot-use.entity';
import { PointsLotEntity } from '../../modules/membership/entities/points-lot.entity';
import { PointsRuleEntity } from '../../modules/membership/entities/points-rule.entity';
import { TierRuleEntity } from '../../modules/membership/entities/tier-rule.entity';
import { MemberEntity } from '../../modules/members/entities/member.entity';
import { ProfileEntity } from '../../modules/members/entities/profile.entity';
import { ConsentEntity } from '../../modules/prescriptions/entities/consent.entity';
import { PrescriptionEntity } from '../../modules/prescriptions/entities/prescription.entity';
import { IdempotencyKeyEntity } from '../../modules/orders/entities/idempotency-key.entity';
import { OrderEventEntity } from '../../modules/orders/entities/order-event.entity';
import { OrderItemEntity } from '../../modules/orders/entities/order-item.entity';
import { OrderEntity } from '../../modules/orders/entities/order.entity';
import { InboxItemEntity } from '../../modules/reminders/entities/inbox-item.entity';
import { ReminderConfigEntity } from '../../modules/reminders/entities/reminder-config.entity';
import { ReminderMemberSettingsEntity } from '../../modules/reminders/entities/reminder-member-settings.entity';
import { ReminderOccurrenceEntity } from '../../modules/reminders/entities/reminder-occurrence.entity';
import { ReminderScanMarkEntity } from '../../modules/reminders/entities/reminder-scan-mark.entity';
import { ReminderSubscriptionEntity } from '../../modules/reminders/entities/reminder-subscription.entity';
import { StaffTaskEntity } from '../../modules/staff-tasks/entities/staff-task.entity';
import { PaymentEntity } from '../../modules/payments/entities/payment.entity';
import { RefundEntity } from '../../modules/payments/entities/refund.entity';
import { GroupBuyCampaignEntity } from '../../modules/group-buys/entities/group-buy-campaign.entity';
import { GroupBuyGroupEntity } from '../../modules/group-buys/entities/group-buy-group.entity';
import { GroupBuyQuotaEntity } from '../../modules/group-buys/entities/group-buy-quota.entity';
import { GroupBuySeatEntity } from '../../modules/group-buys/entities/group-buy-seat.entity';
import { ServiceVoucherEntity } from '../../modules/group-buys/entities/service-voucher.entity';
import { ReferralAttributionEntity } from '../../modules/referrals/entities/referral-attribution.entity';
import { ReferralCodeEntity } from '../../modules/referrals/entities/referral-code.entity';
import { ReferralMonthlyGrantEntity } from '../../modules/referrals/entities/referral-monthly-grant.entity';
import { ReferralRejectionEntity } from '../../modules/referrals/entities/referral-rejection.entity';
import { ReferralRuleEntity } from '../../modules/referrals/entities/referral-rule.entity';
import { ReferralScanEntity } from '../../modules/referrals/entities/referral-scan.entity';
import { StaffEntity } from '../../modules/staff/entities/staff.entity';
import { StoreEntity } from '../../modules/stores/entities/store.entity';
import { TradeInPhotoEntity } from '../../modules/trade-ins/entities/trade-in-photo.entity';
import { TradeInRulesEntity } from '../../modules/trade-ins/entities/trade-in-rules.entity';
import { TradeInEntity } from '../../modules/trade-ins/entities/trade-in.entity';
import { WalletAccountEntity } from '../../modules/wallet/entities/wallet-account.entity';
import { WalletLedgerEntryEntity } from '../../modules/wallet/entities/wallet-ledger-entry.entity';
import { WalletPlanEntity } from '../../modules/wallet/entities/wallet-plan.entity';
import { WalletTopUpEntity } from '../../modules/wallet/entities/wallet-top-up.entity';
import { CommunityMemberEntity } from '../../modules/tags/entities/community-member.entity';
import { CommunityEntity } from '../../modules/tags/entities/community.entity';
import { KpiFactEntity } from '../../modules/tags/entities/kpi-fact.entity';
import { MemberFactsEntity } from '../../modules/tags/entities/member-facts.entity';
import { MemberTagEntity } from '../../modules/tags/entities/member-tag.entity';
import { OrderFactEntity } from '../../modules/tags/entities/order-fact.entity';
import { ProfileFactEntity } from '../../modules/tags/entities/profile-fact.entity';
import { SegmentEntity } from '../../modules/tags/entities/segment.entity';
import { TagSettingsEntity } from '../../modules/tags/entities/tag-settings.entity';

/** Every entity, for the data source and the migration generator. */
export const ENTITIES = [
  JobCursorEntity,
  StoreEntity,
  ProductEntity,
  SkuEntity,
  StoreStockEntity,
  MemberEntity,
  StaffEntity,
  ProfileEntity,
  ConsentEntity,
  PrescriptionEntity,
  AuditLogEntity,
  // Orders and payment
  LensOptionEntity,
  CartItemEntity,
  OrderEntity,
  OrderItemEntity,
  OrderEventEntity,
  IdempotencyKeyEntity,
  PaymentEntity,
  RefundEntity,
  // Domain events
  OutboxEventEntity,
  OutboxHandledEntity,
  // Appointments
  AppointmentEntity,
  AppointmentSlotEntity,
  AppointmentSettingsEntity,
  // Coupons
  CouponTemplateEntity,
  CouponEntity,
  CouponIssueJobEntity,
  // Referrals
  ReferralCodeEntity,
  ReferralAttributionEntity,
  ReferralScanEntity,
  ReferralRejectionEntity,
  ReferralRuleEntity,
  ReferralMonthlyGrantEntity,
  // Trade-ins
  TradeInEntity,
  TradeInPhotoEntity,
  TradeInRulesEntity,
  // Wallet
  WalletPlanEntity,
  WalletAccountEntity,
  WalletLedgerEntryEntity,
  WalletTopUpEntity,
  // Membership: tiers and points
  TierRuleEntity,
  PointsRuleEntity,
  MemberTierEntity,
  PointsAccountEntity,
  PointsLedgerEntryEntity,
  PointsLotEntity,
  PointsLotUseEntity,
  // Group-buy
  GroupBuyCampaignEntity,
  GroupBuyGroupEntity,
  GroupBuySeatEntity,
  GroupBuyQuotaEntity,
  ServiceVoucherEntity,
  // Tags, segments, groups and KPIs
  MemberFactsEntity,
  OrderFactEntity,
  ProfileFactEntity,
  MemberTagEntity,
  TagSettingsEntity,
  SegmentEntity,
  KpiFactEntity,
  CommunityEntity,
  CommunityMemberEntity,
  // Customers: owners, additions, arrivals, welcome, WeCom
  OwnerChangeEntity,
  CustomerAdditionEntity,
  CustomerArrivalEntity,
  WelcomeRulesEntity,
  WecomContactWayEntity,
  WecomCorpTagEntity,
  WecomExternalContactEntity,
  WecomCallbackEntity,
  // Care reminders
  ReminderConfigEntity,
  ReminderOccurrenceEntity,
  ReminderSubscriptionEntity,
  InboxItemEntity,
  ReminderMemberSettingsEntity,
  ReminderScanMarkEntity,
  // Staff tasks
  StaffTaskEntity,
];
