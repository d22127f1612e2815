import { Injectable } from '@nestjs/common';
import type { Dashboard, KpiPeriod, Leaderboard, StaffKpis } from '@lensloop/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { CouponsService } from '../coupons/coupons.service';
import { StaffService } from '../staff/staff.service';
import { KpiFactEntity, type KpiKind } from './entities/kpi-fact.entity';
import { MemberFactsEntity } from './entities/member-facts.entity';
import { OrderFactEntity } from './entities/order-fact.entity';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The calendar day, week (from Monday) or month in Asia/Shanghai that contains `now`, as UTC instants. */
export function periodWindow(period: KpiPeriod, now: Date): { from: Date; to: Date } {
  const local = new Date(now.getTime() + SHANGHAI_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  const toUtc = (year: number, month: number, day: number) =>
    new Date(Date.UTC(year, month, day) - SHANGHAI_MS);
  if (period === 'month') return { from: toUtc(y, m, 1), to: toUtc(y, m + 1, 1) };
  if (period === 'week') {
    const sinceMonday = (local.getUTCDay() + 6) % 7;
    const from = toUtc(y, m, d - sinceMonday);
    return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
  }
  const from = toUtc(y, m, d);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/**
 * The leaderboard and the dashboard, from facts the event handlers recorded (members added,
 * orders attributed to the owner when paid, referrals, tasks done) and the coupons module's count
 * of in-store redemptions.
 */
@Injectable()
export class KpiService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: BusinessClock,
    private readonly staff: StaffService,
    private readonly coupons: CouponsService,
  ) {}

  /** Records a countable fact once (`eventKey` unique). */
  async record(
    manager: EntityManager,
    fact: {
      eventKey: string;
      kind: KpiKind;
      staffId: number | null;
      storeId: number | null;
      memberId: number;
      channel?: string | null;
    },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(KpiFactEntity)
      .values({ ...fact, channel: fact.channel ?? null, at: this.clock.now() })
      .orIgnore()
      .execute();
  }

  private async staffRows(storeId: number | null, from: Date, to: Date): Promise<StaffKpis[]> {
    const people = await this.staff.activeStoreStaff(storeId);
    const manager = this.dataSource.manager;
    const [facts, orders, redeemed] = await Promise.all([
      manager
        .createQueryBuilder(KpiFactEntity, 'k')
        .select('k.staffId', 'staffId')
        .addSelect('k.kind', 'kind')
        .addSelect('COUNT(*)', 'count')
        .where('k.at >= :from AND k.at < :to AND k.staffId IS NOT NULL', { from, to })
        .groupBy('k.staffId')
        .addGroupBy('k.kind')
        .getRawMany<{ staffId: number | string; kind: KpiKind; count: number | string }>(),
      manager
        .createQueryBuilder(OrderFactEntity, 'o')
        .select('o.ownerStaffId', 'staffId')
        .addSelect('COUNT(*)', 'orders')
        .addSelect('COALESCE(SUM(o.amount), 0)', 'sales')
        .where(
          'o.paidAt >= :from AND o.paidAt < :to AND o.refundedAt IS NULL AND o.ownerStaffId IS NOT NULL',
          {
            from,
            to,
          },
        )
        .groupBy('o.ownerStaffId')
        .getRawMany<{ staffId: number | string; orders: number | string; sales: number | string }>(),
      this.coupons.redemptionsByStaff(from, to, null),
    ]);
    const countOf = (staffId: number, kind: KpiKind) =>
      Number(facts.find((row) => Number(row.staffId) === staffId && row.kind === kind)?.count ?? 0);
    const rows = people.map((person) => {
      const sold = orders.find((row) => Number(row.staffId) === person.id);
      return {
        staffId: person.id,
        name: person.name,
        storeId: person.storeId,
        membersAdded: countOf(person.id, 'member_added'),
        couponsRedeemed: redeemed.get(person.id) ?? 0,
        orders: Number(sold?.orders ?? 0),
        sales: Number(sold?.sales ?? 0),
        referrals: countOf(person.id, 'referral'),
        tasksDone: countOf(person.id, 'task_done'),
        rank: 0,
      };
    });
    // Ranked by sales, then members added, then orders; equal figures share a rank.
    const score = (row: StaffKpis) => [row.sales, row.membersAdded, row.orders];
    rows.sort((a, b) => {
      const [x, y] = [score(a), score(b)];
      return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || a.staffId - b.staffId;
    });
    rows.forEach((row, index) => {
      const previous = rows[index - 1];
      row.rank =
        previous && score(previous).every((value, i) => value === score(row)[i]) ? previous.rank : index + 1;
    });
    return rows;
  }

  async leaderboard(period: 'week' | 'month', storeId: number | null): Promise<Leaderboard> {
    const { from, to } = periodWindow(period, this.clock.now());
    return {
      period,
      from: from.toISOString(),
      to: to.toISOString(),
      storeId,
      items: await this.staffRows(storeId, from, to),
    };
  }

  async dashboard(period: KpiPeriod, storeId: number | null): Promise<Dashboard> {
    const { from, to } = periodWindow(period, this.clock.now());
    const manager = this.dataSource.manager;
    const added = manager
      .createQueryBuilder(KpiFactEntity, 'k')
      .select('k.channel', 'channel')
      .addSelect('COUNT(*)', 'count')
      .where("k.kind = 'member_added' AND k.at >= :from AND k.at < :to", { from, to })
      .groupBy('k.channel');
    const buyers = manager
      .createQueryBuilder(OrderFactEntity, 'o')
      .innerJoin(MemberFactsEntity, 'f', 'f.memberId = o.memberId')
      .select('COUNT(DISTINCT o.memberId)', 'active')
      .addSelect('COUNT(DISTINCT CASE WHEN f.purchases >= 2 THEN o.memberId END)', 'repeat')
      .addSelect('COALESCE(SUM(o.amount), 0)', 'sales')
      .where('o.paidAt >= :from AND o.paidAt < :to AND o.refundedAt IS NULL', { from, to });
    if (storeId !== null) {
      added.andWhere('k.storeId = :storeId', { storeId });
      buyers.andWhere('o.storeId = :storeId', { storeId });
    }
    const [channels, activity, redeemed, byStaff] = await Promise.all([
      added.getRawMany<{ channel: string | null; count: number | string }>(),
      buyers.getRawOne<{ active: number | string; repeat: number | string; sales: number | string }>(),
      this.coupons.redemptionsByStaff(from, to, storeId),
      this.staffRows(storeId, from, to),
    ]);
    // Sales is summed per order, not per (order × facts) row: one facts row per member.
    const active = Number(activity?.active ?? 0);
    return {
      period,
      from: from.toISOString(),
      to: to.toISOString(),
      storeId,
      membersAdded: channels.reduce((sum, row) => sum + Number(row.count), 0),
      activeMembers: active,
      repeatPurchaseRate: active ? Math.round((Number(activity?.repeat ?? 0) / active) * 100) / 100 : 0,
      couponsRedeemed: [...redeemed.values()].reduce((sum, count) => sum + count, 0),
      sales: Number(activity?.sales ?? 0),
      byChannel: channels
        .map((row) => ({ channel: row.channel ?? 'unknown', membersAdded: Number(row.count) }))
        .sort((a, b) => b.membersAdded - a.membersAdded || a.channel.localeCompare(b.channel)),
      byStaff,
    };
  }
}
