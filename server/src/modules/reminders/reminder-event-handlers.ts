import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isChildAt, shanghaiDate, type ReminderKind } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import type { DomainEvents, GroupBuyEventPayload, OrderEventPayload } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { CatalogService } from '../catalog/catalog.service';
import { CouponsService } from '../coupons/coupons.service';
import { MembersService } from '../members/members.service';
import { ProfilesService } from '../members/profiles.service';
import { OrdersService } from '../orders/orders.service';
import { PrescriptionsService } from '../prescriptions/prescriptions.service';
import { addMonthsToDate, ruleOf } from './policies/reminder-rules.policy';
import { purchaseReminders } from './purchase-reminders';
import { ReminderConfigService } from './reminder-config.service';
import {
  careText,
  couponExpiringText,
  groupBuyText,
  orderReadyText,
  orderRefundedText,
  tradeInCreditedText,
  welcomeText,
  type ReminderText,
} from './reminder-templates';
import { careOccurrence, RemindersService } from './reminders.service';

const DAY_MS = 86_400_000;

/**
 * Scheduling from the data when it changes (never by scanning every member): each handler
 * recomputes the member's next occurrence of a rule. Database work only, so `transactional`.
 */
@Injectable()
export class ReminderEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly reminders: RemindersService,
    private readonly config: ReminderConfigService,
    private readonly clock: BusinessClock,
    private readonly orders: OrdersService,
    private readonly catalog: CatalogService,
    private readonly profiles: ProfilesService,
    private readonly prescriptions: PrescriptionsService,
    private readonly members: MembersService,
    private readonly coupons: CouponsService,
  ) {}

  onModuleInit(): void {
    const on = <K extends keyof DomainEvents>(
      type: K,
      name: string,
      handle: (manager: EntityManager, payload: DomainEvents[K]) => Promise<void>,
    ) =>
      this.events.subscribe({
        name: `reminders.${name}`,
        type,
        mode: 'transactional',
        handle: (event, manager) => handle(manager as EntityManager, event.payload),
      });
    on('PrescriptionRecorded', 'schedule-exam-follow-up', (manager, payload) =>
      this.onExam(manager, payload),
    );
    on('OrderCompleted', 'schedule-after-purchase', (manager, payload) =>
      this.onOrderCompleted(manager, payload),
    );
    on('OrderReadyForPickup', 'notify-ready', (manager, payload) =>
      this.notify(
        manager,
        payload.memberId,
        'order_ready',
        `order:${payload.orderId}`,
        orderReadyText(payload.orderNo, this.clock.now()),
      ),
    );
    on('OrderRefunded', 'notify-refunded', (manager, payload) =>
      this.notify(
        manager,
        payload.memberId,
        'order_refunded',
        `order:${payload.orderId}`,
        orderRefundedText(payload.orderNo, payload.refunded + payload.balanceRefunded, this.clock.now()),
      ),
    );
    on('TradeInCredited', 'notify-trade-in-credit', (manager, payload) =>
      this.onTradeInCredited(manager, payload),
    );
    on('GroupBuyCompleted', 'notify-group-complete', (manager, payload) =>
      this.onGroupBuy(manager, payload, true),
    );
    on('GroupBuyFailed', 'notify-group-failed', (manager, payload) =>
      this.onGroupBuy(manager, payload, false),
    );
    on('CustomerAdded', 'welcome', async (manager, payload) => {
      // The welcome greets a customer who arrived through a code; one who became a staff member's
      // customer at their first in-store purchase is long past being welcomed.
      if (payload.channel === 'store_purchase') return;
      const couponName =
        payload.welcomeCouponId === null
          ? null
          : await this.coupons.nameOf(payload.memberId, payload.welcomeCouponId);
      await this.notify(manager, payload.memberId, 'welcome', 'member', welcomeText(couponName));
    });
  }

  /**
   * A child's re-check (6 months after the last exam, 3 when the child is flagged fast-progressing)
   * or an adult's renewal (12 months): the new exam replaces the profile's waiting occurrence.
   */
  async onExam(manager: EntityManager, exam: DomainEvents['PrescriptionRecorded']): Promise<void> {
    const { memberId, profileId } = exam;
    const profile = await this.profiles.getProfile(memberId, profileId, manager);
    const headers = await this.prescriptions.latestHeaders(memberId);
    const latest = [exam.examDate, headers.get(profileId)?.examDate ?? exam.examDate].sort().at(-1) as string;
    const child = profile.birthDate !== null && isChildAt(profile.birthDate, latest);
    const rules = await this.config.get(manager);
    const kind: ReminderKind = child ? 'child_recheck' : 'adult_renewal';
    const rule = ruleOf(rules, kind);
    const subject = `profile:${profileId}`;
    if (!rule.enabled || rule.intervalMonths === null) {
      await this.reminders.reschedule(manager, memberId, ['child_recheck', 'adult_renewal'], subject, null);
      return;
    }
    let months = rule.intervalMonths;
    if (child && rule.fastIntervalMonths !== null) {
      const trend = await this.prescriptions.trendForMember(memberId, profileId);
      if (trend.fastProgression) months = rule.fastIntervalMonths;
    }
    const dueDate = addMonthsToDate(latest, months);
    const person = profile.relation === 'self' ? await this.memberName(memberId) : profile.name;
    const text = careText(kind, person, dueDate, { lastExam: latest });
    await this.reminders.reschedule(
      manager,
      memberId,
      ['child_recheck', 'adult_renewal'],
      subject,
      careOccurrence(memberId, kind, subject, dueDate, person, text),
    );
  }

  /** Glasses picked up, contact lenses bought: see `purchaseReminders`. */
  async onOrderCompleted(manager: EntityManager, payload: OrderEventPayload): Promise<void> {
    if (payload.kind !== 'goods') return;
    const order = await this.orders.toOrder(
      await this.orders.findOwned(payload.memberId, payload.orderId),
      manager,
    );
    const skus = await this.catalog.skusWithProducts(order.items.map((item) => item.skuId));
    const today = this.clock.today();
    const { cleaning, refill } = purchaseReminders(
      { ...payload, fulfilment: order.fulfilment, completedAt: this.clock.now(), items: order.items },
      new Map(skus.map((sku) => [sku.id, sku])),
      await this.config.get(manager),
      today,
      today,
      await this.memberName(payload.memberId),
    );
    if (cleaning) await this.reminders.schedule(manager, cleaning);
    if (refill) {
      await this.reminders.reschedule(manager, payload.memberId, ['contact_lens_refill'], 'contacts', refill);
    }
  }

  private async onTradeInCredited(
    manager: EntityManager,
    payload: DomainEvents['TradeInCredited'],
  ): Promise<void> {
    const validTo = new Date(payload.validTo);
    await this.notify(
      manager,
      payload.memberId,
      'trade_in_credited',
      `trade-in:${payload.tradeInId}`,
      tradeInCreditedText(payload.amount, validTo),
    );
    const rule = ruleOf(await this.config.get(manager), 'coupon_expiring');
    if (!rule.enabled || rule.leadDays === null) return;
    const remind = new Date(validTo.getTime() - rule.leadDays * DAY_MS);
    if (remind <= this.clock.now()) return;
    const name = (await this.coupons.nameOf(payload.memberId, payload.couponId)) ?? '以旧换新抵用券';
    // The same key as the expiry scan's (Shanghai date of validTo − lead): the scan adds nothing.
    const dueDate = shanghaiDate(remind);
    const text = couponExpiringText(name, validTo);
    await this.reminders.schedule(manager, {
      ...careOccurrence(
        payload.memberId,
        'coupon_expiring',
        `coupon:${payload.couponId}`,
        dueDate,
        null,
        text,
      ),
      dueAt: remind,
    });
  }

  private async onGroupBuy(
    manager: EntityManager,
    payload: GroupBuyEventPayload,
    completed: boolean,
  ): Promise<void> {
    const kind = completed ? 'group_buy_completed' : 'group_buy_failed';
    for (const memberId of new Set(payload.memberIds)) {
      await this.notify(
        manager,
        memberId,
        kind,
        `group:${payload.groupId}`,
        groupBuyText(payload.productName, completed),
      );
    }
  }

  /** A transactional notice, due now. */
  private notify(
    manager: EntityManager,
    memberId: number,
    kind: ReminderKind,
    subject: string,
    text: ReminderText,
  ): Promise<void> {
    const now = this.clock.now();
    return this.reminders.schedule(manager, {
      ...careOccurrence(memberId, kind, subject, this.clock.today(), null, text),
      dueAt: now,
    });
  }

  private async memberName(memberId: number): Promise<string> {
    return (await this.members.nicknamesOf([memberId])).get(memberId) ?? '您';
  }
}
