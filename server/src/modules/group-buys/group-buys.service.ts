import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  addDays,
  ErrorCode,
  REFUNDABLE_STATUSES,
  type GroupBuyCampaign,
  type GroupBuyCampaignInput,
  type GroupBuyExport,
  type GroupBuyGroup,
  type GroupBuyReport,
  type GroupJoinResult,
  type GroupMember,
  type JoinGroupRequest,
  type MyGroup,
  type RedeemedVoucher,
  type ServiceVoucher,
} from '@lensloop/shared';
import { In, IsNull, Not, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import { EventBus } from '../../infra/events/event-bus';
import { CatalogService } from '../catalog/catalog.service';
import { MembersService } from '../members/members.service';
import { OrderBillingService } from '../orders/order-billing.service';
import { OrdersService } from '../orders/orders.service';
import { PaymentsService } from '../payments/payments.service';
import { GroupBuyCampaignEntity } from './entities/group-buy-campaign.entity';
import { GroupBuyGroupEntity } from './entities/group-buy-group.entity';
import { GroupBuyQuotaEntity } from './entities/group-buy-quota.entity';
import { GroupBuySeatEntity } from './entities/group-buy-seat.entity';
import { ServiceVoucherEntity } from './entities/service-voucher.entity';
import {
  campaignStatusAt,
  groupRefundNumber,
  maskNickname,
  normaliseVoucherCode,
  SEAT_PAYMENT_MINUTES,
  VOUCHER_VALID_DAYS,
  voucherCode,
} from './policies/group-buy.policy';

const EXPIRY_BATCH = 20;
/** Seats that show in a group: held, or paid and refunded once the group ended. */
const SHOWN_SEATS = ['pending', 'paid', 'refunded'] as const;

function conflict(code: ErrorCode, message: string): DomainError {
  return new DomainError(code, message);
}

function toCampaign(campaign: GroupBuyCampaignEntity, nowMs: number): GroupBuyCampaign {
  return {
    id: campaign.id,
    name: campaign.name,
    skuId: campaign.skuId,
    productId: campaign.productId,
    productName: campaign.productName,
    category: campaign.category,
    imageUrl: campaign.imageUrl,
    listPrice: campaign.listPrice,
    groupPrice: campaign.groupPrice,
    groupSize: campaign.groupSize,
    hoursToComplete: campaign.hoursToComplete,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt.toISOString(),
    maxGroups: campaign.maxGroups,
    groupsOpened: campaign.groupsOpened,
    perMemberLimit: campaign.perMemberLimit,
    newMembersOnly: campaign.newMembersOnly,
    status: campaignStatusAt(campaign, nowMs),
    voucher: campaign.category === 'services',
  };
}

function toVoucher(voucher: ServiceVoucherEntity): ServiceVoucher {
  return {
    id: voucher.id,
    code: voucher.code,
    status: voucher.status,
    productName: voucher.productName,
    validTo: voucher.validTo,
    redeemedAt: voucher.redeemedAt?.toISOString() ?? null,
  };
}

/**
 * Group-buy: campaigns, groups, seats and service vouchers. A seat is held by the member's order
 * at the group price (orders module); seats, completion and failure are conditional updates on
 * the group row, so concurrent joins, payments and expiry runs never over-fill, complete short or
 * refund twice. Failed groups are refunded through the payments module's refund flow under a
 * deterministic refund number.
 */
@Injectable()
export class GroupBuysService {
  private readonly logger = new Logger(GroupBuysService.name);

  constructor(
    @InjectRepository(GroupBuyCampaignEntity) private readonly campaigns: Repository<GroupBuyCampaignEntity>,
    @InjectRepository(GroupBuyGroupEntity) private readonly groups: Repository<GroupBuyGroupEntity>,
    @InjectRepository(GroupBuySeatEntity) private readonly seats: Repository<GroupBuySeatEntity>,
    @InjectRepository(ServiceVoucherEntity) private readonly vouchers: Repository<ServiceVoucherEntity>,
    private readonly catalog: CatalogService,
    private readonly orders: OrdersService,
    private readonly billing: OrderBillingService,
    private readonly payments: PaymentsService,
    private readonly members: MembersService,
    private readonly events: EventBus,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  // ---- Admin ---------------------------------------------------------------------------------

  async createCampaign(input: GroupBuyCampaignInput): Promise<GroupBuyCampaign> {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) {
      throw new DomainError(ErrorCode.GROUP_BUY_CAMPAIGN_INVALID, 'The campaign ends before it starts.', [
        { field: 'endsAt', message: 'must be after startsAt' },
      ]);
    }
    if (endsAt.getTime() <= this.clock.nowMs()) {
      throw new DomainError(ErrorCode.GROUP_BUY_CAMPAIGN_INVALID, 'The campaign would be over already.', [
        { field: 'endsAt', message: 'must be in the future' },
      ]);
    }
    const [sku] = await this.catalog.skusWithProducts([input.skuId]);
    if (!sku) {
      throw new DomainError(ErrorCode.SKU_NOT_FOUND, `SKU ${input.skuId} does not exist.`, [
        { field: 'skuId', message: `no SKU ${input.skuId}` },
      ]);
    }
    const saved = await this.campaigns.save(
      this.campaigns.create({
        name: input.name.trim(),
        skuId: sku.id,
        productId: sku.productId,
        productName: sku.product.name,
        category: sku.product.category,
        imageUrl: sku.product.imageUrl,
        listPrice: sku.price,
        groupPrice: input.groupPrice,
        groupSize: input.groupSize,
        hoursToComplete: input.hoursToComplete,
        startsAt,
        endsAt,
        maxGroups: input.maxGroups ?? null,
        groupsOpened: 0,
        perMemberLimit: input.perMemberLimit,
        newMembersOnly: input.newMembersOnly,
        endedAt: null,
      }),
    );
    return toCampaign(saved, this.clock.nowMs());
  }

  async listCampaigns(): Promise<GroupBuyCampaign[]> {
    const nowMs = this.clock.nowMs();
    const all = await this.campaigns.find({ order: { id: 'DESC' } });
    return all.map((campaign) => toCampaign(campaign, nowMs));
  }

  /** Ends a campaign now: no new groups or joins; open groups run to their deadline. */
  async endCampaign(campaignId: number): Promise<GroupBuyCampaign> {
    await this.campaignOrFail(this.campaigns.manager, campaignId);
    await this.campaigns
      .createQueryBuilder()
      .update()
      .set({ endedAt: this.clock.now() })
      .where('id = :id AND ended_at IS NULL', { id: campaignId })
      .execute();
    return toCampaign(await this.campaignOrFail(this.campaigns.manager, campaignId), this.clock.nowMs());
  }

  async report(): Promise<GroupBuyReport> {
    const [all, counts] = await Promise.all([
      this.campaigns.find({ order: { id: 'DESC' } }),
      this.groups
        .createQueryBuilder('g')
        .select('g.campaignId', 'campaignId')
        .addSelect('g.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .groupBy('g.campaignId')
        .addGroupBy('g.status')
        .getRawMany<{ campaignId: number | string; status: string; n: number | string }>(),
    ]);
    return {
      campaigns: all.map((campaign) => {
        const of = (status: string) =>
          Number(
            counts.find((row) => Number(row.campaignId) === campaign.id && row.status === status)?.n ?? 0,
          );
        return {
          campaignId: campaign.id,
          name: campaign.name,
          open: of('open'),
          complete: of('complete'),
          failed: of('failed'),
        };
      }),
    };
  }

  // ---- Members -------------------------------------------------------------------------------

  /** Campaigns open for groups now. */
  async activeCampaigns(): Promise<GroupBuyCampaign[]> {
    const nowMs = this.clock.nowMs();
    const all = await this.campaigns.find({ where: { endedAt: IsNull() }, order: { id: 'DESC' } });
    return all
      .map((campaign) => toCampaign(campaign, nowMs))
      .filter((campaign) => campaign.status === 'active');
  }

  /** Opens a group: the leader's seat and order at the group price, all or nothing. */
  async openGroup(memberId: number, campaignId: number, request: JoinGroupRequest): Promise<GroupJoinResult> {
    const { groupId, order } = await this.tx.run(async (manager) => {
      const campaign = await this.campaignOrFail(manager, campaignId);
      this.checkCampaignOpen(campaign);
      await this.checkNewMember(manager, campaign, memberId);
      await this.takeQuota(manager, campaign, memberId);
      const opened = await manager
        .createQueryBuilder()
        .update(GroupBuyCampaignEntity)
        .set({ groupsOpened: () => 'groups_opened + 1' })
        .where('id = :id AND (max_groups IS NULL OR groups_opened < max_groups)', { id: campaign.id })
        .execute();
      if (opened.affected !== 1) {
        throw conflict(ErrorCode.GROUP_BUY_SOLD_OUT, 'Every group of this campaign has been opened.');
      }
      const group = await manager.save(
        manager.create(GroupBuyGroupEntity, {
          campaignId: campaign.id,
          leaderId: memberId,
          size: campaign.groupSize,
          seatsTaken: 1,
          paidCount: 0,
          status: 'open',
          deadline: new Date(this.clock.nowMs() + campaign.hoursToComplete * 3_600_000),
          completedAt: null,
          failedAt: null,
        }),
      );
      const seatOrder = await this.addSeat(manager, campaign, group.id, memberId, true, request);
      return { groupId: group.id, order: seatOrder };
    });
    return { group: await this.getGroup(groupId), order };
  }

  /**
   * Joins a group. Every refusal (own group, twice, full, expired, complete, campaign over,
   * limit, new members only) is a 409 with its own code and leaves nothing held: the seat, the
   * quota and the order are in one transaction.
   */
  async joinGroup(memberId: number, groupId: number, request: JoinGroupRequest): Promise<GroupJoinResult> {
    const order = await this.tx.run(async (manager) => {
      const group = await this.groupOrFail(manager, groupId);
      if (group.leaderId === memberId) throw conflict(ErrorCode.GROUP_OWN, 'This is your own group.');
      if (await manager.existsBy(GroupBuySeatEntity, { groupId, activeMemberId: memberId })) {
        throw conflict(ErrorCode.GROUP_ALREADY_JOINED, 'You are in this group already.');
      }
      this.checkGroupJoinable(group);
      const campaign = await this.campaignOrFail(manager, group.campaignId);
      this.checkCampaignOpen(campaign);
      await this.checkNewMember(manager, campaign, memberId);
      await this.takeQuota(manager, campaign, memberId);
      const taken = await manager
        .createQueryBuilder()
        .update(GroupBuyGroupEntity)
        .set({ seatsTaken: () => 'seats_taken + 1' })
        .where("id = :id AND status = 'open' AND seats_taken < size AND deadline > :now", {
          id: groupId,
          now: this.clock.now(),
        })
        .execute();
      if (taken.affected !== 1) {
        // Read what stopped it, now that the row is as the update saw it.
        this.checkGroupJoinable(await this.groupOrFail(manager, groupId));
        throw conflict(ErrorCode.GROUP_FULL, 'Every seat of this group is taken.');
      }
      return this.addSeat(manager, campaign, groupId, memberId, false, request);
    });
    return { group: await this.getGroup(groupId), order };
  }

  /** A group as anyone with the share link sees it: masked members, seats left, deadline. */
  async getGroup(groupId: number): Promise<GroupBuyGroup> {
    const group = await this.groupOrFail(this.groups.manager, groupId);
    const [view] = await this.groupViews([group]);
    return view;
  }

  async myGroups(memberId: number): Promise<MyGroup[]> {
    const seats = await this.seats.find({
      where: { memberId, status: Not('released') },
      order: { id: 'DESC' },
      take: 100,
    });
    if (seats.length === 0) return [];
    const groups = await this.groups.findBy({ id: In([...new Set(seats.map((seat) => seat.groupId))]) });
    const views = new Map((await this.groupViews(groups)).map((view) => [view.id, view]));
    // A seat is marked paid when the payment's event is handled, a moment after the order is:
    // the order's own status answers for a seat still pending here.
    const paidOrders = new Set<number>();
    for (const seat of seats) {
      if (seat.status !== 'pending') continue;
      const order = await this.billing.findById(seat.orderId);
      if (order.status !== 'pending_payment' && order.status !== 'cancelled') paidOrders.add(seat.orderId);
    }
    return seats.flatMap((seat) => {
      const view = views.get(seat.groupId);
      const seatStatus = paidOrders.has(seat.orderId) ? 'paid' : seat.status;
      return view ? [{ ...view, orderId: seat.orderId, seatStatus, leader: seat.leader }] : [];
    });
  }

  async myVouchers(memberId: number): Promise<ServiceVoucher[]> {
    const list = await this.vouchers.find({ where: { memberId }, order: { id: 'DESC' } });
    return list.map(toVoucher);
  }

  /** A staff member redeems a service voucher in store: once, before its valid-to day ends. */
  async redeemVoucher(staff: Principal, code: string): Promise<RedeemedVoucher> {
    const normalised = normaliseVoucherCode(code);
    const voucher = await this.vouchers.findOneBy({ code: normalised });
    if (!voucher) throw new DomainError(ErrorCode.VOUCHER_NOT_FOUND, 'No such voucher.');
    if (voucher.status === 'redeemed') {
      throw conflict(ErrorCode.VOUCHER_ALREADY_REDEEMED, 'This voucher has been redeemed already.');
    }
    if (voucher.validTo < this.clock.today()) {
      throw conflict(ErrorCode.VOUCHER_EXPIRED, `This voucher was valid until ${voucher.validTo}.`);
    }
    const redeemed = await this.vouchers
      .createQueryBuilder()
      .update()
      .set({
        status: 'redeemed',
        redeemedAt: this.clock.now(),
        redeemedBy: staff.id,
        redeemedStoreId: staff.storeId,
      })
      .where("id = :id AND status = 'unused'", { id: voucher.id })
      .execute();
    if (redeemed.affected !== 1) {
      throw conflict(ErrorCode.VOUCHER_ALREADY_REDEEMED, 'This voucher has been redeemed already.');
    }
    const after = await this.vouchers.findOneByOrFail({ id: voucher.id });
    return { ...toVoucher(after), memberId: after.memberId, storeId: after.redeemedStoreId };
  }

  // ---- Reactions to orders (transactional handlers) ------------------------------------------

  /** A seat's order was paid: the seat is paid, and the group completes when every seat is. */
  async onOrderPaid(manager: EntityManager, orderId: number): Promise<void> {
    const seat = await manager.findOneBy(GroupBuySeatEntity, { orderId });
    if (!seat) return;
    const marked = await manager
      .createQueryBuilder()
      .update(GroupBuySeatEntity)
      .set({ status: 'paid', paidAt: this.clock.now() })
      .where("id = :id AND status = 'pending'", { id: seat.id })
      .execute();
    if (marked.affected !== 1) return;
    const counted = await manager
      .createQueryBuilder()
      .update(GroupBuyGroupEntity)
      .set({ paidCount: () => 'paid_count + 1' })
      .where("id = :id AND status = 'open'", { id: seat.groupId })
      .execute();
    if (counted.affected === 1) {
      await this.completeIfFull(manager, seat.groupId);
      return;
    }
    // The group ended before this payment was counted: the money goes back.
    const order = await this.billing.findById(orderId, manager);
    this.logger.warn(`seat ${seat.id} paid after group ${seat.groupId} ended: refunding ${order.no}`);
    await this.refundSeat(manager, seat, order.no, 'group-buy ended before payment');
  }

  /** A seat's order was cancelled unpaid (its window lapsed): the seat and the quota are released. */
  async onOrderCancelled(manager: EntityManager, orderId: number): Promise<void> {
    const seat = await manager.findOneBy(GroupBuySeatEntity, { orderId });
    if (!seat) return;
    const released = await manager
      .createQueryBuilder()
      .update(GroupBuySeatEntity)
      .set({ status: 'released', activeMemberId: null })
      .where("id = :id AND status = 'pending'", { id: seat.id })
      .execute();
    if (released.affected !== 1) return;
    await manager
      .createQueryBuilder()
      .update(GroupBuyGroupEntity)
      .set({ seatsTaken: () => 'seats_taken - 1' })
      .where("id = :id AND status = 'open' AND seats_taken > 0", { id: seat.groupId })
      .execute();
    if (seat.memberId !== null) await this.giveBackQuota(manager, seat.campaignId, seat.memberId);
  }

  /**
   * A seat's order was refunded. In a complete group only that member's seat (and unused voucher)
   * goes: the group stays complete. In an open group the seat is given back.
   */
  async onOrderRefunded(manager: EntityManager, orderId: number): Promise<void> {
    const seat = await manager.findOneBy(GroupBuySeatEntity, { orderId });
    if (!seat) return;
    const marked = await manager
      .createQueryBuilder()
      .update(GroupBuySeatEntity)
      .set({ status: 'refunded', activeMemberId: null })
      .where("id = :id AND status IN ('pending', 'paid')", { id: seat.id })
      .execute();
    await manager.delete(ServiceVoucherEntity, { orderId, status: 'unused' });
    if (marked.affected !== 1) return;
    const wasPaid = seat.status === 'paid';
    await manager
      .createQueryBuilder()
      .update(GroupBuyGroupEntity)
      .set({
        seatsTaken: () => 'seats_taken - 1',
        ...(wasPaid ? { paidCount: () => 'paid_count - 1' } : {}),
      })
      .where("id = :id AND status = 'open' AND seats_taken > 0", { id: seat.groupId })
      .execute();
    if (seat.memberId !== null) await this.giveBackQuota(manager, seat.campaignId, seat.memberId);
  }

  /** The hold on a seat's order: staff fulfil it only once its group is complete. */
  async holdOf(manager: EntityManager, orderId: number): Promise<string | null> {
    const seat = await manager.findOneBy(GroupBuySeatEntity, { orderId });
    if (!seat) return null;
    const group = await manager.findOneBy(GroupBuyGroupEntity, { id: seat.groupId });
    if (!group || group.status === 'complete') return null;
    return `group-buy group ${group.id} is ${group.status === 'open' ? 'not complete yet' : 'failed'}`;
  }

  // ---- Expiry (job) ----------------------------------------------------------------------------

  /**
   * Fails groups past their deadline: unpaid seats' orders are cancelled, paid ones refunded in
   * full under `groupRefundNumber` (the payments module sends it; WeChat dedups the number) and
   * their stock released. Batches are claimed `FOR UPDATE SKIP LOCKED` and each group is failed by
   * a conditional update, so two processes running this at once fail and refund each group once.
   */
  async failExpired(): Promise<number> {
    let failed = 0;
    for (;;) {
      const batch = await this.tx.run(async (manager) => {
        const query = manager
          .createQueryBuilder(GroupBuyGroupEntity, 'g')
          .where("g.status = 'open' AND g.deadline <= :now", { now: this.clock.now() })
          .orderBy('g.id')
          .limit(EXPIRY_BATCH);
        if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
        const due = await query.getMany();
        let done = 0;
        for (const group of due) if (await this.failGroup(manager, group)) done++;
        return { claimed: due.length, done };
      });
      failed += batch.done;
      if (batch.claimed < EXPIRY_BATCH) break;
    }
    return failed;
  }

  private async failGroup(manager: EntityManager, group: GroupBuyGroupEntity): Promise<boolean> {
    const now = this.clock.now();
    const failed = await manager
      .createQueryBuilder()
      .update(GroupBuyGroupEntity)
      .set({ status: 'failed', failedAt: now })
      .where("id = :id AND status = 'open'", { id: group.id })
      .execute();
    if (failed.affected !== 1) return false;
    const seats = await manager.find(GroupBuySeatEntity, {
      where: { groupId: group.id, status: In(['pending', 'paid']) },
      order: { leader: 'DESC', id: 'ASC' },
    });
    for (const seat of seats) {
      const order = await this.billing.findById(seat.orderId, manager);
      if (order.status === 'pending_payment' || order.status === 'cancelled') {
        // Unpaid: cancelled now (stock released), or already cancelled and its handler not run yet.
        await this.orders.cancelUnpaid(manager, seat.orderId, 'group-buy failed');
        await manager.update(
          GroupBuySeatEntity,
          { id: seat.id },
          { status: 'released', activeMemberId: null },
        );
      } else {
        await this.refundSeat(manager, seat, order.no, 'group-buy failed');
      }
      if (seat.memberId !== null) await this.giveBackQuota(manager, seat.campaignId, seat.memberId);
    }
    const campaign = await this.campaignOrFail(manager, group.campaignId);
    await this.events.publish(manager, 'GroupBuyFailed', group.id, {
      groupId: group.id,
      campaignId: group.campaignId,
      memberIds: seats.flatMap((seat) => (seat.memberId === null ? [] : [seat.memberId])),
      productName: campaign.productName,
    });
    return true;
  }

  /** Refunds a seat's order in full (once: the refund number is deterministic) and releases its stock. */
  private async refundSeat(
    manager: EntityManager,
    seat: GroupBuySeatEntity,
    orderNo: string,
    reason: string,
  ): Promise<void> {
    const order = await this.billing.findById(seat.orderId, manager);
    if (REFUNDABLE_STATUSES.includes(order.status)) {
      if (await this.payments.refundRemaining(manager, seat.orderId, groupRefundNumber(orderNo), reason)) {
        await this.orders.releaseStockOf(manager, seat.orderId);
      }
    }
    await manager.update(GroupBuySeatEntity, { id: seat.id }, { status: 'refunded', activeMemberId: null });
  }

  // ---- Personal data ---------------------------------------------------------------------------

  async exportFor(memberId: number): Promise<GroupBuyExport> {
    const [seats, vouchers] = await Promise.all([
      this.seats.find({ where: { memberId }, order: { id: 'ASC' } }),
      this.vouchers.find({ where: { memberId }, order: { id: 'ASC' } }),
    ]);
    const campaignIds = [...new Set(seats.map((seat) => seat.campaignId))];
    const campaigns = campaignIds.length ? await this.campaigns.findBy({ id: In(campaignIds) }) : [];
    const nameOf = new Map(campaigns.map((campaign) => [campaign.id, campaign.name]));
    return {
      seats: seats.map((seat) => ({
        groupId: seat.groupId,
        campaignName: nameOf.get(seat.campaignId) ?? '',
        orderId: seat.orderId,
        status: seat.status,
        joinedAt: seat.createdAt.toISOString(),
      })),
      vouchers: vouchers.map((voucher) => ({
        code: voucher.code,
        productName: voucher.productName,
        status: voucher.status,
        validTo: voucher.validTo,
      })),
    };
  }

  /** Vouchers and quotas go; seats and groups stay (orders are kept) without the member. */
  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(ServiceVoucherEntity, { memberId });
    await manager.delete(GroupBuyQuotaEntity, { memberId });
    await manager.update(GroupBuySeatEntity, { memberId }, { memberId: null, activeMemberId: null });
    await manager.update(GroupBuyGroupEntity, { leaderId: memberId }, { leaderId: null });
  }

  // ---- Internals -------------------------------------------------------------------------------

  private async addSeat(
    manager: EntityManager,
    campaign: GroupBuyCampaignEntity,
    groupId: number,
    memberId: number,
    leader: boolean,
    request: JoinGroupRequest,
  ) {
    const order = await this.orders.createFixedPriceOrder(manager, memberId, {
      storeId: request.storeId,
      fulfilment: request.fulfilment,
      skuId: campaign.skuId,
      unitPrice: campaign.groupPrice,
      paymentWindowMinutes: SEAT_PAYMENT_MINUTES,
      description: `拼团 · ${campaign.groupSize}人团`,
    });
    const paid = order.status === 'paid';
    try {
      await manager.insert(GroupBuySeatEntity, {
        groupId,
        campaignId: campaign.id,
        memberId,
        activeMemberId: memberId,
        orderId: order.id,
        leader,
        status: paid ? 'paid' : 'pending',
        paidAt: paid ? this.clock.now() : null,
      });
    } catch (error) {
      if (isDuplicateKey(error))
        throw conflict(ErrorCode.GROUP_ALREADY_JOINED, 'You are in this group already.');
      throw error;
    }
    if (paid) {
      await manager
        .createQueryBuilder()
        .update(GroupBuyGroupEntity)
        .set({ paidCount: () => 'paid_count + 1' })
        .where('id = :id', { id: groupId })
        .execute();
      await this.completeIfFull(manager, groupId);
    }
    return order;
  }

  /** Completes the group when every seat is paid (never with fewer); vouchers for a service deal. */
  private async completeIfFull(manager: EntityManager, groupId: number): Promise<void> {
    const completed = await manager
      .createQueryBuilder()
      .update(GroupBuyGroupEntity)
      .set({ status: 'complete', completedAt: this.clock.now() })
      .where("id = :id AND status = 'open' AND paid_count = size AND seats_taken = size", { id: groupId })
      .execute();
    if (completed.affected !== 1) return;
    const group = await manager.findOneByOrFail(GroupBuyGroupEntity, { id: groupId });
    const campaign = await this.campaignOrFail(manager, group.campaignId);
    const seats = await manager.find(GroupBuySeatEntity, {
      where: { groupId, status: 'paid' },
      order: { leader: 'DESC', id: 'ASC' },
    });
    if (campaign.category === 'services') {
      const validTo = addDays(this.clock.today(), VOUCHER_VALID_DAYS);
      for (const seat of seats) {
        if (seat.memberId === null) continue;
        await manager.insert(ServiceVoucherEntity, {
          code: voucherCode(),
          memberId: seat.memberId,
          groupId,
          orderId: seat.orderId,
          productId: campaign.productId,
          productName: campaign.productName,
          status: 'unused',
          validTo,
          redeemedAt: null,
          redeemedBy: null,
          redeemedStoreId: null,
        });
      }
    }
    await this.events.publish(manager, 'GroupBuyCompleted', groupId, {
      groupId,
      campaignId: campaign.id,
      memberIds: seats.flatMap((seat) => (seat.memberId === null ? [] : [seat.memberId])),
      productName: campaign.productName,
    });
  }

  private checkCampaignOpen(campaign: GroupBuyCampaignEntity): void {
    const status = campaignStatusAt(campaign, this.clock.nowMs());
    if (status !== 'active') {
      throw conflict(
        ErrorCode.GROUP_BUY_CAMPAIGN_ENDED,
        status === 'scheduled' ? 'This campaign has not started yet.' : 'This campaign has ended.',
      );
    }
  }

  private checkGroupJoinable(group: GroupBuyGroupEntity): void {
    if (group.status === 'complete') throw conflict(ErrorCode.GROUP_COMPLETE, 'This group is complete.');
    if (group.status === 'failed' || group.deadline.getTime() <= this.clock.nowMs()) {
      throw conflict(ErrorCode.GROUP_EXPIRED, 'This group has run out of time.');
    }
    if (group.seatsTaken >= group.size)
      throw conflict(ErrorCode.GROUP_FULL, 'Every seat of this group is taken.');
  }

  /** A new-members-only deal: nobody who has ever paid for an order. */
  private async checkNewMember(
    manager: EntityManager,
    campaign: GroupBuyCampaignEntity,
    memberId: number,
  ): Promise<void> {
    if (!campaign.newMembersOnly) return;
    const { oldestPaidAt } = await this.orders.paidSpendSince(manager, memberId, new Date(0));
    if (oldestPaidAt !== null) {
      throw conflict(ErrorCode.GROUP_BUY_NEW_MEMBERS_ONLY, 'This deal is for new members only.');
    }
  }

  /** Takes one of the member's seats of the campaign on the quota row (a lock row, never a count). */
  private async takeQuota(manager: EntityManager, campaign: GroupBuyCampaignEntity, memberId: number) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(GroupBuyQuotaEntity)
      .values({ campaignId: campaign.id, memberId, used: 0 })
      .orIgnore()
      .execute();
    const taken = await manager
      .createQueryBuilder()
      .update(GroupBuyQuotaEntity)
      .set({ used: () => 'used + 1' })
      .where('campaign_id = :campaignId AND member_id = :memberId AND used < :limit', {
        campaignId: campaign.id,
        memberId,
        limit: campaign.perMemberLimit,
      })
      .execute();
    if (taken.affected !== 1) {
      throw conflict(
        ErrorCode.GROUP_BUY_LIMIT_REACHED,
        `One member may take ${campaign.perMemberLimit} seat(s) of this campaign.`,
      );
    }
  }

  private async giveBackQuota(manager: EntityManager, campaignId: number, memberId: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(GroupBuyQuotaEntity)
      .set({ used: () => 'used - 1' })
      .where('campaign_id = :campaignId AND member_id = :memberId AND used > 0', { campaignId, memberId })
      .execute();
  }

  private async groupViews(groups: GroupBuyGroupEntity[]): Promise<GroupBuyGroup[]> {
    if (groups.length === 0) return [];
    const ids = groups.map((group) => group.id);
    const [campaigns, seats] = await Promise.all([
      this.campaigns.findBy({ id: In([...new Set(groups.map((group) => group.campaignId))]) }),
      this.seats.find({
        where: { groupId: In(ids), status: In([...SHOWN_SEATS]) },
        order: { leader: 'DESC', id: 'ASC' },
      }),
    ]);
    const nicknames = await this.members.nicknamesOf(
      seats.flatMap((seat) => (seat.memberId === null ? [] : [seat.memberId])),
    );
    const campaignOf = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
    return groups.map((group) => {
      const campaign = campaignOf.get(group.campaignId) as GroupBuyCampaignEntity;
      const members: GroupMember[] = seats
        .filter((seat) => seat.groupId === group.id)
        // An open group shows who holds a seat; an ended one, who paid.
        .filter((seat) => (group.status === 'open' ? seat.status !== 'refunded' : seat.status !== 'pending'))
        .map((seat) => ({
          nicknameMasked: maskNickname(
            seat.memberId === null ? null : (nicknames.get(seat.memberId) ?? null),
          ),
          avatarUrl: null,
          leader: seat.leader,
          paid: seat.status === 'paid' || seat.status === 'refunded',
          joinedAt: seat.createdAt.toISOString(),
        }));
      return {
        id: group.id,
        campaignId: group.campaignId,
        campaignName: campaign.name,
        productName: campaign.productName,
        imageUrl: campaign.imageUrl,
        listPrice: campaign.listPrice,
        groupPrice: campaign.groupPrice,
        size: group.size,
        seatsLeft: group.status === 'open' ? Math.max(0, group.size - group.seatsTaken) : 0,
        paidCount: group.paidCount,
        deadline: group.deadline.toISOString(),
        status: group.status,
        members,
        completedAt: group.completedAt?.toISOString() ?? null,
        failedAt: group.failedAt?.toISOString() ?? null,
      };
    });
  }

  private async campaignOrFail(manager: EntityManager, campaignId: number): Promise<GroupBuyCampaignEntity> {
    const campaign = await manager.findOneBy(GroupBuyCampaignEntity, { id: campaignId });
    if (!campaign) {
      throw new DomainError(ErrorCode.GROUP_BUY_CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist.`);
    }
    return campaign;
  }

  private async groupOrFail(manager: EntityManager, groupId: number): Promise<GroupBuyGroupEntity> {
    const group = await manager.findOneBy(GroupBuyGroupEntity, { id: groupId });
    if (!group) throw new DomainError(ErrorCode.GROUP_NOT_FOUND, `Group ${groupId} does not exist.`);
    return group;
  }
}
