import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type Page,
  type PageQuery,
  type PointsEntryKind,
  type PointsLedgerEntry,
} from '@lensloop/shared';
import { DataSource, In, LessThan, MoreThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { TransactionRunner } from '../../common/transaction';
import { PointsAccountEntity } from './entities/points-account.entity';
import { PointsLedgerEntryEntity } from './entities/points-ledger-entry.entity';
import { PointsLotUseEntity } from './entities/points-lot-use.entity';
import { PointsLotEntity } from './entities/points-lot.entity';

export function toLedgerEntry(entry: PointsLedgerEntryEntity): PointsLedgerEntry {
  const { id, points, balanceAfter, kind, orderId } = entry;
  return { id, points, balanceAfter, kind, orderId, createdAt: entry.createdAt.toISOString() };
}

export function pointsInsufficient(points: number): DomainError {
  return new DomainError(ErrorCode.POINTS_INSUFFICIENT, `The member does not hold ${points} points.`, [
    { field: 'pointsToUse', message: 'more than the points balance' },
  ]);
}

/**
 * The points balance, its lots and the append-only ledger. Every change locks the member's
 * account row first (a conditional update or `FOR UPDATE`), then their lots, and writes one
 * ledger entry in the same transaction, so the balance is always the ledger's sum and the sum of
 * the lots' remaining points, and never negative.
 */
@Injectable()
export class PointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async balanceOf(memberId: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const account = await manager.findOneBy(PointsAccountEntity, { memberId });
    return account?.balance ?? 0;
  }

  /** The next year end at which points expire, and how many; null when nothing is pending. */
  async expiringOf(memberId: number): Promise<{ points: number; at: string } | null> {
    const lots = await this.dataSource.manager.find(PointsLotEntity, {
      where: { memberId, remaining: MoreThan(0), expiresAt: MoreThan(this.clock.now()) },
      order: { expiresAt: 'ASC' },
    });
    if (lots.length === 0) return null;
    const at = lots[0].expiresAt.getTime();
    const points = lots
      .filter((lot) => lot.expiresAt.getTime() === at)
      .reduce((sum, lot) => sum + lot.remaining, 0);
    return { points, at: new Date(at).toISOString() };
  }

  async ledgerOf(memberId: number, query: PageQuery): Promise<Page<PointsLedgerEntry>> {
    const window = pageWindow(query);
    const [entries, total] = await this.dataSource.manager.findAndCount(PointsLedgerEntryEntity, {
      where: { memberId },
      order: { id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(entries.map(toLedgerEntry), total, window);
  }

  async fullLedgerOf(memberId: number): Promise<PointsLedgerEntry[]> {
    const entries = await this.dataSource.manager.find(PointsLedgerEntryEntity, {
      where: { memberId },
      order: { id: 'DESC' },
    });
    return entries.map(toLedgerEntry);
  }

  /**
   * Debits an order's points in its transaction: `UPDATE … WHERE balance >= n`, so of concurrent
   * orders only those the balance covers succeed; then takes them from the lots expiring first.
   */
  async spend(manager: EntityManager, memberId: number, orderId: number, points: number): Promise<void> {
    if (points <= 0) return;
    const debited = await manager
      .createQueryBuilder()
      .update(PointsAccountEntity)
      .set({ balance: () => 'balance - :points' })
      .where('member_id = :memberId AND balance >= :points', { memberId, points })
      .execute();
    if (debited.affected !== 1) throw pointsInsufficient(points);
    const balance = await this.lockedBalance(manager, memberId);
    let left = points;
    for (const lot of await this.lockLots(manager, { memberId, remaining: MoreThan(0) })) {
      if (left === 0) break;
      const taken = Math.min(lot.remaining, left);
      left -= taken;
      await manager.update(PointsLotEntity, lot.id, { remaining: lot.remaining - taken });
      await manager.insert(PointsLotUseEntity, { orderId, lotId: lot.id, points: taken });
    }
    await this.append(manager, memberId, -points, 'spend', orderId, balance);
  }

  /** Credits points an order earned, as a new lot expiring at `expiresAt`; once per order. */
  async earn(
    manager: EntityManager,
    memberId: number,
    orderId: number | null,
    points: number,
    expiresAt: Date,
  ): Promise<void> {
    if (points <= 0) return;
    if (orderId !== null && (await this.hasEntry(manager, orderId, 'earn'))) return;
    const balance = (await this.lockedBalance(manager, memberId)) + points;
    await manager.update(PointsAccountEntity, { memberId }, { balance });
    await manager.insert(PointsLotEntity, { memberId, orderId, points, remaining: points, expiresAt });
    await this.append(manager, memberId, points, 'earn', orderId, balance);
  }

  /**
   * Gives back the points an order spent (cancelled or refunded), into the lots they came from;
   * once per order. Points of a lot that has expired meanwhile go to the next `points-expiry` run.
   */
  async returnSpent(manager: EntityManager, orderId: number): Promise<void> {
    const spent = await manager.findOneBy(PointsLedgerEntryEntity, { orderId, kind: 'spend' });
    if (!spent || (await this.hasEntry(manager, orderId, 'refund_spent'))) return;
    const memberId = spent.memberId;
    const current = await this.lockedBalance(manager, memberId);
    const uses = await manager.findBy(PointsLotUseEntity, { orderId });
    const lots = await this.lockLots(manager, { id: In(uses.map((use) => use.lotId)) });
    for (const lot of lots) {
      const back = uses.filter((use) => use.lotId === lot.id).reduce((sum, use) => sum + use.points, 0);
      await manager.update(PointsLotEntity, lot.id, { remaining: lot.remaining + back });
    }
    const points = -spent.points;
    await manager.update(PointsAccountEntity, { memberId }, { balance: current + points });
    await this.append(manager, memberId, points, 'refund_spent', orderId, current + points);
  }

  /**
   * Takes back the points a refunded order earned, once. Points the member has already spent are
   * not clawed back into a negative balance: what is taken is at most the balance (from the
   * order's own lot first, then the lots expiring first), so the balance never goes below zero.
   */
  async reverseEarned(manager: EntityManager, orderId: number): Promise<number> {
    const earned = await manager.findOneBy(PointsLedgerEntryEntity, { orderId, kind: 'earn' });
    if (!earned || (await this.hasEntry(manager, orderId, 'reverse_earned'))) return 0;
    const memberId = earned.memberId;
    const current = await this.lockedBalance(manager, memberId);
    const take = Math.min(earned.points, current);
    if (take <= 0) return 0;
    const lots = await this.lockLots(manager, { memberId, remaining: MoreThan(0) });
    lots.sort((a, b) => Number(b.orderId === orderId) - Number(a.orderId === orderId));
    let left = take;
    for (const lot of lots) {
      if (left === 0) break;
      const taken = Math.min(lot.remaining, left);
      left -= taken;
      await manager.update(PointsLotEntity, lot.id, { remaining: lot.remaining - taken });
    }
    await manager.update(PointsAccountEntity, { memberId }, { balance: current - take });
    await this.append(manager, memberId, -take, 'reverse_earned', orderId, current - take);
    return take;
  }

  /** Members holding points in lots past their expiry, up to `limit`. */
  async membersWithExpiredPoints(limit: number): Promise<number[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(PointsLotEntity, 'lot')
      .select('DISTINCT lot.memberId', 'memberId')
      .where('lot.expiresAt < :now AND lot.remaining > 0', { now: this.clock.now() })
      .limit(limit)
      .getRawMany<{ memberId: number }>();
    return rows.map((row) => Number(row.memberId));
  }

  /** Empties the member's expired lots with one `expire` entry; 0 (and nothing written) when none are left. */
  expireFor(memberId: number): Promise<number> {
    return this.tx.run(async (manager) => {
      const current = await this.lockedBalance(manager, memberId);
      const lots = await this.lockLots(manager, {
        memberId,
        remaining: MoreThan(0),
        expiresAt: LessThan(this.clock.now()),
      });
      const points = lots.reduce((sum, lot) => sum + lot.remaining, 0);
      if (points === 0) return 0;
      await manager.update(PointsLotEntity, { id: In(lots.map((lot) => lot.id)) }, { remaining: 0 });
      await manager.update(PointsAccountEntity, { memberId }, { balance: current - points });
      await this.append(manager, memberId, -points, 'expire', null, current - points);
      return points;
    });
  }

  /** Deletes the member's points (PIPL erasure). */
  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    const lots = await manager.find(PointsLotEntity, { select: { id: true }, where: { memberId } });
    if (lots.length) await manager.delete(PointsLotUseEntity, { lotId: In(lots.map((lot) => lot.id)) });
    await manager.delete(PointsLotEntity, { memberId });
    await manager.delete(PointsLedgerEntryEntity, { memberId });
    await manager.delete(PointsAccountEntity, { memberId });
  }

  /** The member's balance with their account row locked for this transaction (created at 0). */
  private async lockedBalance(manager: EntityManager, memberId: number): Promise<number> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PointsAccountEntity)
      .values({ memberId, balance: 0 })
      .orIgnore()
      .execute();
    const query = manager
      .createQueryBuilder(PointsAccountEntity, 'account')
      .where('account.memberId = :memberId', { memberId });
    if (this.tx.supportsRowLocks) query.setLock('pessimistic_write');
    const account = await query.getOneOrFail();
    return account.balance;
  }

  /** Lots matching `where`, locked, those expiring first first. */
  private lockLots(
    manager: EntityManager,
    where: FindOptionsWhere<PointsLotEntity>,
  ): Promise<PointsLotEntity[]> {
    return manager.find(PointsLotEntity, {
      where,
      order: { expiresAt: 'ASC', id: 'ASC' },
      ...(this.tx.supportsRowLocks ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  private hasEntry(manager: EntityManager, orderId: number, kind: PointsEntryKind): Promise<boolean> {
    return manager.existsBy(PointsLedgerEntryEntity, { orderId, kind });
  }

  private async append(
    manager: EntityManager,
    memberId: number,
    points: number,
    kind: PointsEntryKind,
    orderId: number | null,
    balanceAfter: number,
  ): Promise<void> {
    await manager.insert(PointsLedgerEntryEntity, { memberId, points, kind, orderId, balanceAfter });
  }
}
