import { Injectable, type OnModuleInit } from '@nestjs/common';
import { referralCodeOfScene } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../infra/events/event-bus';
import type { CustomerChannel, DomainEvents } from '../../infra/events/domain-events';
import { CommunitiesService } from './communities.service';
import { KpiService } from './kpi.service';
import { TagsService } from './tags.service';

/** The arrival channel of a first login, from its referral code or wxacode scene. */
export function channelOfRegistration(event: DomainEvents['MemberRegistered']): CustomerChannel {
  if (event.referralCode || referralCodeOfScene(event.scene)) return 'referral';
  const scene = event.scene ?? '';
  if (scene.startsWith('s:')) return 'staff_qr';
  if (scene.startsWith('t:')) return 'store_qr';
  if (scene.startsWith('r:')) return 'regional_qr';
  if (event.storeId !== null) return 'store_qr';
  return 'online';
}

/** What tags, KPIs and groups do on other modules' events: database work only, so `transactional`. */
@Injectable()
export class TagsEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly tags: TagsService,
    private readonly kpis: KpiService,
    private readonly communities: CommunitiesService,
  ) {}

  onModuleInit(): void {
    const on = <K extends keyof DomainEvents>(
      name: string,
      type: K,
      handle: (manager: EntityManager, payload: DomainEvents[K], eventId: number) => Promise<void>,
    ) =>
      this.events.subscribe({
        name: `tags.${name}`,
        type,
        mode: 'transactional',
        handle: (event, manager) => handle(manager as EntityManager, event.payload, event.id),
      });

    on('on-registered', 'MemberRegistered', (manager, event) =>
      this.tags.onRegistered(manager, {
        memberId: event.memberId,
        storeId: event.storeId,
        channel: channelOfRegistration(event),
      }),
    );
    on('wecom-tags-edited', 'WecomContactTagsEdited', (manager, event) =>
      this.tags.applyWecomEdit(manager, event),
    );
    on('on-customer-added', 'CustomerAdded', async (manager, event, eventId) => {
      await this.tags.onCustomerAdded(manager, event);
      await this.kpis.record(manager, {
        eventKey: `added:${eventId}`,
        kind: 'member_added',
        staffId: event.ownerStaffId,
        storeId: event.storeId,
        memberId: event.memberId,
        channel: event.channel,
      });
    });
    on('on-owner-changed', 'OwnerChanged', (manager, event) =>
      this.tags.onOwnerChanged(manager, event.memberId, event.toStaffId),
    );
    on('on-order-paid', 'OrderPaid', async (manager, order) => {
      if (order.kind !== 'goods') return;
      await this.tags.onOrderPaid(manager, {
        orderId: order.orderId,
        memberId: order.memberId,
        storeId: order.storeId,
        amount: order.payable + order.balancePaid,
      });
    });
    on('on-order-refunded', 'OrderRefunded', async (manager, order) => {
      if (order.kind !== 'goods') return;
      await this.tags.onOrderRefunded(manager, order.orderId, order.memberId);
    });
    on('on-order-completed', 'OrderCompleted', async (manager, order) => {
      if (order.kind !== 'goods') return;
      if (!(await this.tags.lockFacts(manager, order.memberId))) return;
      await this.tags.recompute(manager, [order.memberId]);
    });
    on('on-prescription-recorded', 'PrescriptionRecorded', (manager, event) =>
      this.tags.onPrescriptionRecorded(manager, event.memberId),
    );
    on('on-referral-rewarded', 'ReferralRewarded', async (manager, event) => {
      const referrer = await this.tags.lockFacts(manager, event.referrerId);
      await this.kpis.record(manager, {
        eventKey: `referral:${event.attributionId}`,
        kind: 'referral',
        staffId: referrer?.ownerStaffId ?? null,
        storeId: referrer?.homeStoreId ?? null,
        memberId: event.refereeId,
      });
    });
    on('on-task-done', 'StaffTaskDone', (manager, event) =>
      this.kpis.record(manager, {
        eventKey: `task:${event.taskId}`,
        kind: 'task_done',
        staffId: event.staffId,
        storeId: null,
        memberId: event.memberId,
      }),
    );
    on('on-group-chat', 'GroupChatMembershipChanged', (manager, event) =>
      this.communities.onMembership(manager, event),
    );
  }
}
