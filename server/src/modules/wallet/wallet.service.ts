import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type Fen,
  type Page,
  type PageQuery,
  type WalletBalance,
  type WalletEntryKind,
  type WalletLedgerEntry,
  type WalletPlan,
  type WalletPlanInput,
} from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { TransactionRunner } from '../../common/transaction';
import { WalletAccountEntity } from './entities/wallet-account.entity';
import { WalletLedgerEntryEntity } from './entities/wallet-ledger-entry.entity';
import { WalletPlanEntity } from './entities/wallet-plan.entity';
import { WalletTopUpEntity } from './entities/wallet-top-up.entity';
import {
  bonusToRemove,
  planProblems,
  returnSplit,
  spendSplit,
  topUpRefundable,
  type Buckets,
} from './policies/wallet-split';

/** A movement of the wallet: signed deltas of both buckets. */
interface Movement extends Buckets {
  kind: WalletEntryKind;
  orderId: number | null;
  topUpId: number | null;
  /** Set for entries that happen once per fact; a second one is refused by the unique key. */
  onceKey: string | null;
}

export function walletInsufficient(balance: Fen, amount: Fen): DomainError {
  return new DomainError(ErrorCode.WALLET_INSUFFICIENT, 'The stored-value balance is not enough.', [
    { field: 'useBalance', message: `the balance is ${balance} fen, ${amount} fen needed` },
  ]);
}

function topUpSpent(refundable: Fen): DomainError {
  return new DomainError(
    ErrorCode.WALLET_TOP_UP_SPENT,
    'Part of this top-up has been spent: only its unspent principal can be refunded.',
    [{ field: 'amount', message: `at most ${refundable} fen` }],
  );
}

function toPlan(plan: WalletPlanEntity, suggestedId: number | null = null): WalletPlan {
  return { id: plan.id, pay: plan.pay, credit: plan.credit, suggested: plan.id === suggestedId };
}

function toEntry(entry: WalletLedgerEntryEntity): WalletLedgerEntry {
  return {
    id: entry.id,
    amount: entry.amount,
    balanceAfter: entry.balanceAfter,
    kind: entry.kind,
    orderId: entry.orderId,
    createdAt: entry.createdAt.toISOString(),
  };
}

/**
 * The stored-value wallet: plans, accounts (principal and bonus apart) and the append-only
 * ledger. Every movement locks the member's account row, checks the buckets, updates them
 * conditionally and appends one ledger entry with the balance after it, in the caller's
 * transaction: the ledger sum always equals the balance, which never goes below zero.
 */
@Injectable()
export class WalletService {
  constructor(
    @InjectRepository(WalletPlanEntity) private readonly plans: Repository<WalletPlanEntity>,
    @InjectRepository(WalletAccountEntity) private readonly accounts: Repository<WalletAccountEntity>,
    @InjectRepository(WalletLedgerEntryEntity) private readonly ledger: Repository<WalletLedgerEntryEntity>,
    @InjectRepository(WalletTopUpEntity) private readonly topUps: Repository<WalletTopUpEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  // ---- plans

  async activePlans(): Promise<WalletPlanEntity[]> {
    return this.plans.find({ where: { active: true }, order: { pay: 'ASC', id: 'ASC' } });
  }

  /** The active plans, `suggested` on the smallest whose credit covers `orderAmount`. */
  async listPlans(orderAmount?: Fen): Promise<WalletPlan[]> {
    const plans = await this.activePlans();
    const suggested = orderAmount !== undefined ? coveringPlan(plans, orderAmount) : null;
    return plans.map((plan) => toPlan(plan, suggested?.id ?? null));
  }

  async planCovering(amount: Fen): Promise<WalletPlan | null> {
    const plan = coveringPlan(await this.activePlans(), amount);
    return plan ? toPlan(plan, plan.id) : null;
  }

  async findActivePlan(planId: number): Promise<WalletPlanEntity> {
    const plan = await this.plans.findOneBy({ id: planId, active: true });
    if (!plan)
      throw new DomainError(ErrorCode.WALLET_PLAN_NOT_FOUND, `Top-up plan ${planId} is not offered.`);
    return plan;
  }

  /** Replaces the active plans; old top-ups keep their (now inactive) plan and amounts. */
  async replacePlans(inputs: readonly WalletPlanInput[]): Promise<WalletPlan[]> {
    const problems = planProblems(inputs);
    if (problems.length)
      throw new DomainError(ErrorCode.WALLET_PLAN_INVALID, 'A top-up plan is not valid.', problems);
    await this.tx.run(async (manager) => {
      await manager.update(WalletPlanEntity, { active: true }, { active: false });
      if (inputs.length)
        await manager.insert(
          WalletPlanEntity,
          inputs.map((input) => ({ pay: input.pay, credit: input.credit, active: true })),
        );
    });
    return this.listPlans();
  }

  // ---- reading

  async balanceOf(memberId: number): Promise<WalletBalance> {
    const account = await this.accounts.findOneBy({ memberId });
    const principal = account?.principal ?? 0;
    const bonus = account?.bonus ?? 0;
    return { balance: principal + bonus, principal, bonus };
  }

  /** Newest first. */
  async ledgerOf(memberId: number, query: PageQuery): Promise<Page<WalletLedgerEntry>> {
    const window = pageWindow(query);
    const [entries, total] = await this.ledger.findAndCount({
      where: { memberId },
      order: { id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(entries.map(toEntry), total, window);
  }

  async allEntriesOf(memberId: number): Promise<WalletLedgerEntry[]> {
    const entries = await this.ledger.find({ where: { memberId }, order: { id: 'ASC' } });
    return entries.map(toEntry);
  }

  async topUpsOf(memberId: number): Promise<WalletTopUpEntity[]> {
    return this.topUps.find({ where: { memberId }, order: { id: 'ASC' } });
  }

  // ---- money moves (inside the caller's transaction)

  /** Pays `amount` of an order from the wallet: principal first, then bonus; never below zero. */
  async debitForOrder(manager: EntityManager, memberId: number, orderId: number, amount: Fen): Promise<void> {
    const account = await this.lockAccount(manager, memberId);
    const split = account ? spendSplit(account, amount) : null;
    if (!account || !split) throw walletInsufficient(account ? account.principal + account.bonus : 0, amount);
    await this.move(manager, account, {
      principal: -split.principal,
      bonus: -split.bonus,
      kind: 'payment',
      orderId,
      topUpId: null,
      onceKey: `payment:${orderId}`,
    });
  }

  /** Returns `amount` of what the order took from the wallet (a refund of its wallet part). */
  async refundToWallet(
    manager: EntityManager,
    memberId: number,
    orderId: number,
    amount: Fen,
  ): Promise<void> {
    const account = await this.lockedOrNewAccount(manager, memberId);
    const taken = await this.netTakenBy(manager, orderId);
    const back = returnSplit(taken, amount);
    if (back.principal + back.bonus !== amount) {
      throw new Error(
        `order ${orderId} took ${taken.principal + taken.bonus} fen from the wallet, not ${amount}`,
      );
    }
    await this.move(manager, account, { ...back, kind: 'refund', orderId, topUpId: null, onceKey: null });
  }

  /** Returns everything a cancelled order still holds of the wallet, once (the `OrderCancelled` handler). */
  async returnForCancelledOrder(manager: EntityManager, memberId: number, orderId: number): Promise<void> {
    const taken = await this.netTakenBy(manager, orderId);
    if (taken.principal + taken.bonus <= 0) return;
    const account = await this.lockedOrNewAccount(manager, memberId);
    await this.move(manager, account, {
      ...taken,
      kind: 'cancel',
      orderId,
      topUpId: null,
      onceKey: `cancel:${orderId}`,
    });
  }

  /** Credits a paid top-up once: `pending → credited`, principal `pay` and bonus `credit − pay`. */
  async creditTopUp(manager: EntityManager, orderId: number): Promise<void> {
    const topUp = await manager.findOneBy(WalletTopUpEntity, { orderId });
    if (!topUp) return;
    const credited = await manager
      .createQueryBuilder()
      .update(WalletTopUpEntity)
      .set({ state: 'credited', creditedAt: this.clock.now() })
      .where("id = :id AND state = 'pending'", { id: topUp.id })
      .execute();
    if (credited.affected !== 1) return;
    const account = await this.lockedOrNewAccount(manager, topUp.memberId);
    await this.move(manager, account, {
      principal: topUp.pay,
      bonus: topUp.credit - topUp.pay,
      kind: 'top_up',
      orderId,
      topUpId: topUp.id,
      onceKey: `top_up:${topUp.id}`,
    });
  }

  /** An unpaid top-up whose order was cancelled is never credited. */
  async cancelTopUp(manager: EntityManager, orderId: number): Promise<void> {
    await manager.update(WalletTopUpEntity, { orderId, state: 'pending' }, { state: 'cancelled' });
  }

  /** What a refund of this top-up order may return (0 when not credited or spent). */
  async refundableOfTopUp(orderId: number): Promise<Fen> {
    const topUp = await this.topUps.findOneBy({ orderId });
    if (!topUp || topUp.state !== 'credited') return 0;
    const account = await this.accounts.findOneBy({ memberId: topUp.memberId });
    return topUpRefundable(topUp, account?.principal ?? 0);
  }

  /** Takes `amount` of the top-up's principal and its bonus share out of the wallet (before its WeChat refund). */
  async withdrawTopUp(manager: EntityManager, orderId: number, amount: Fen): Promise<void> {
    const found = await manager.findOneBy(WalletTopUpEntity, { orderId });
    if (!found || found.state !== 'credited') throw topUpSpent(0);
    const account = await this.lockedOrNewAccount(manager, found.memberId);
    // Read again under the account lock: two refunds of one top-up serialise here.
    const topUp = await manager.findOneByOrFail(WalletTopUpEntity, { id: found.id });
    const refundable = topUpRefundable(topUp, account.principal);
    if (amount > refundable) throw topUpSpent(refundable);
    const bonus = bonusToRemove(topUp, amount, account.bonus);
    const updated = await manager
      .createQueryBuilder()
      .update(WalletTopUpEntity)
      .set({
        principalRefunded: () => 'principal_refunded + :amount',
        bonusRemoved: () => 'bonus_removed + :bonus',
      })
      .where('id = :id AND principal_refunded + :amount <= pay', { id: topUp.id, amount, bonus })
      .execute();
    if (updated.affected !== 1) throw topUpSpent(refundable);
    await this.move(manager, account, {
      principal: -amount,
      bonus: -bonus,
      kind: 'top_up_refund',
      orderId,
      topUpId: topUp.id,
      onceKey: null,
    });
  }

  // ---- internals

  /** The member's account row, locked for this transaction; null without one. */
  private async lockAccount(manager: EntityManager, memberId: number): Promise<WalletAccountEntity | null> {
    const query = manager
      .createQueryBuilder(WalletAccountEntity, 'account')
      .where('account.member_id = :memberId', { memberId });
    if (this.tx.supportsRowLocks) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /**
   * The account row locked, created first when the member has none. An existing row is locked
   * straight away: an `INSERT IGNORE` on it would take a shared lock first, and two transactions
   * upgrading their shared locks would deadlock.
   */
  private async lockedOrNewAccount(manager: EntityManager, memberId: number): Promise<WalletAccountEntity> {
    const existing = await this.lockAccount(manager, memberId);
    if (existing) return existing;
    await manager
      .createQueryBuilder()
      .insert()
      .into(WalletAccountEntity)
      .values({ memberId, principal: 0, bonus: 0 })
      .orIgnore()
      .execute();
    return (await this.lockAccount(manager, memberId)) as WalletAccountEntity;
  }

  /** What an order's entries took from the wallet, net of what went back, per bucket. */
  private async netTakenBy(manager: EntityManager, orderId: number): Promise<Buckets> {
    const entries = await manager.find(WalletLedgerEntryEntity, {
      where: { orderId, kind: In(['payment', 'refund', 'cancel']) },
    });
    return {
      principal: -entries.reduce((sum, entry) => sum + entry.principalDelta, 0),
      bonus: -entries.reduce((sum, entry) => sum + entry.bonusDelta, 0),
    };
  }

  /**
   * Applies a movement to the locked account (conditional: neither bucket below zero) and
   * appends its ledger entry with the balance after it.
   */
  private async move(
    manager: EntityManager,
    account: WalletAccountEntity,
    movement: Movement,
  ): Promise<void> {
    const updated = await manager
      .createQueryBuilder()
      .update(WalletAccountEntity)
      .set({
        principal: () => 'principal + :principal',
        bonus: () => 'bonus + :bonus',
      })
      .where('member_id = :memberId AND principal + :principal >= 0 AND bonus + :bonus >= 0', {
        memberId: account.memberId,
        principal: movement.principal,
        bonus: movement.bonus,
      })
      .execute();
    if (updated.affected !== 1)
      throw walletInsufficient(account.principal + account.bonus, -movement.principal - movement.bonus);
    account.principal += movement.principal;
    account.bonus += movement.bonus;
    await manager.insert(WalletLedgerEntryEntity, {
      memberId: account.memberId,
      amount: movement.principal + movement.bonus,
      principalDelta: movement.principal,
      bonusDelta: movement.bonus,
      balanceAfter: account.principal + account.bonus,
      kind: movement.kind,
      orderId: movement.orderId,
      topUpId: movement.topUpId,
      onceKey: movement.onceKey,
    });
  }
}

/** The smallest plan (by credit, then pay) whose credit covers `amount`; null for amount ≤ 0 or none. */
function coveringPlan(plans: readonly WalletPlanEntity[], amount: Fen): WalletPlanEntity | null {
  if (amount <= 0) return null;
  const covering = plans
    .filter((plan) => plan.credit >= amount)
    .sort((a, b) => a.credit - b.credit || a.pay - b.pay);
  return covering[0] ?? null;
}
