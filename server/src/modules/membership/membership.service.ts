import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MEMBER_TIERS,
  type Membership,
  type MemberTier,
  type PointsRule,
  type TierRule,
} from '@lensloop/shared';
import { DataSource, LessThanOrEqual, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../common/transaction';
import { OrdersService } from '../orders/orders.service';
import { MemberTierEntity } from './entities/member-tier.entity';
import { PointsRuleEntity } from './entities/points-rule.entity';
import { TierRuleEntity } from './entities/tier-rule.entity';
import { DEFAULT_POINTS_RULE } from './policies/points.policy';
import {
  agesOutAt,
  DEFAULT_TIER_RULES,
  nextTierOf,
  ruleOf,
  tierRuleFor,
  tierRuleProblems,
  windowStart,
} from './policies/tier.policy';
import { PointsService } from './points.service';

const POINTS_RULE_ID = 1;

function toTierRule(row: TierRule): TierRule {
  const { tier, minSpend, discountPercent, pointsMultiplier } = row;
  return { tier, minSpend, discountPercent, pointsMultiplier };
}

/** The admin's tier table, lowest first, or the defaults while it has not been saved complete. */
function rulesOrDefaults(rows: readonly TierRule[]): TierRule[] {
  return rows.length === MEMBER_TIERS.length ? rows.map(toTierRule) : DEFAULT_TIER_RULES.map(toTierRule);
}

/** Tiers from rolling 12-month paid spend, the admin's tier table and points rule, the member centre. */
@Injectable()
export class MembershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly points: PointsService,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async tierRules(manager: EntityManager = this.dataSource.manager): Promise<TierRule[]> {
    const rows = await manager.find(TierRuleEntity, { order: { minSpend: 'ASC' } });
    return rulesOrDefaults(rows);
  }

  /**
   * Replaces the tier table. Every member with a computed tier is put up for the next
   * `tier-review` run, which recomputes them against the new thresholds in batches.
   */
  async setTierRules(rules: readonly TierRule[]): Promise<TierRule[]> {
    const problems = tierRuleProblems(rules);
    if (problems.length)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The tier table is not valid.', problems);
    await this.tx.run(async (manager) => {
      await manager.createQueryBuilder().delete().from(TierRuleEntity).execute();
      await manager.insert(TierRuleEntity, rules.map(toTierRule));
      await manager
        .createQueryBuilder()
        .update(MemberTierEntity)
        .set({ reviewAt: this.clock.now() })
        .execute();
    });
    return this.tierRules();
  }

  async pointsRule(manager: EntityManager = this.dataSource.manager): Promise<PointsRule> {
    const row = await manager.findOneBy(PointsRuleEntity, { id: POINTS_RULE_ID });
    if (!row) return { ...DEFAULT_POINTS_RULE };
    const { pointsPerYuan, pointsPerYuanSpent, maxOrderPercent } = row;
    return { pointsPerYuan, pointsPerYuanSpent, maxOrderPercent };
  }

  async setPointsRule(rule: PointsRule): Promise<PointsRule> {
    await this.dataSource.manager.save(PointsRuleEntity, { id: POINTS_RULE_ID, ...rule });
    return this.pointsRule();
  }

  /** The member's tier and its rule (the lowest tier for a member never computed). */
  async tierOf(
    memberId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ tier: MemberTier; spend12m: number; rule: TierRule; rules: TierRule[] }> {
    const [state, rules] = await Promise.all([
      manager.findOneBy(MemberTierEntity, { memberId }),
      this.tierRules(manager),
    ]);
    const tier = state?.tier ?? rules[0].tier;
    return { tier, spend12m: state?.spend12m ?? 0, rule: ruleOf(rules, tier), rules };
  }

  /**
   * The rule of the member's tier (the lowest tier's for a member never computed), as `tierOf`
   * answers it, in one raw statement: the tier table, then the member's tier as a last row.
   */
  async tierRuleOf(memberId: number): Promise<TierRule> {
    const rows: {
      tier: MemberTier;
      min_spend: number | null;
      discount_percent: number | null;
      points_multiplier: number | null;
      member_row: number;
    }[] = await this.dataSource.query(
      'SELECT tier, min_spend, discount_percent, points_multiplier, 0 AS member_row FROM membership_tier_rules ' +
        'UNION ALL SELECT tier, NULL, NULL, NULL, 1 FROM member_tiers WHERE member_id = ?',
      [memberId],
    );
    const rules = rulesOrDefaults(
      rows
        .filter((row) => Number(row.member_row) === 0)
        .map((row) => ({
          tier: row.tier,
          minSpend: Number(row.min_spend),
          discountPercent: Number(row.discount_percent),
          pointsMultiplier: Number(row.points_multiplier),
        }))
        .sort((a, b) => a.minSpend - b.minSpend),
    );
    const memberTier = rows.find((row) => Number(row.member_row) === 1)?.tier;
    return ruleOf(rules, memberTier ?? rules[0].tier);
  }

  /**
   * Recomputes the member's tier from their orders paid in the last 12 months (less refunds),
   * with their tier row locked so concurrent recomputations follow one another.
   */
  async recompute(manager: EntityManager, memberId: number): Promise<MemberTier> {
    const now = this.clock.now();
    const rules = await this.tierRules(manager);
    await manager
      .createQueryBuilder()
      .insert()
      .into(MemberTierEntity)
      .values({ memberId, tier: rules[0].tier, spend12m: 0, computedAt: now, reviewAt: null })
      .orIgnore()
      .execute();
    const query = manager
      .createQueryBuilder(MemberTierEntity, 'state')
      .where('state.memberId = :memberId', { memberId });
    if (this.tx.supportsRowLocks) query.setLock('pessimistic_write');
    await query.getOneOrFail();
    const { spend, oldestPaidAt } = await this.orders.paidSpendSince(manager, memberId, windowStart(now));
    const tier = tierRuleFor(rules, spend).tier;
    // The next moment the spend falls: just after the oldest paid order leaves the window.
    const reviewAt = spend > 0 && oldestPaidAt ? new Date(agesOutAt(oldestPaidAt).getTime() + 1) : null;
    await manager.update(
      MemberTierEntity,
      { memberId },
      { tier, spend12m: spend, computedAt: now, reviewAt },
    );
    return tier;
  }

  /** Members whose spend has started to age out (their tier may fall), up to `limit`. */
  async dueForReview(limit: number): Promise<number[]> {
    const rows = await this.dataSource.manager.find(MemberTierEntity, {
      select: { memberId: true },
      where: { reviewAt: LessThanOrEqual(this.clock.now()) },
      order: { reviewAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.memberId);
  }

  reviewTier(memberId: number): Promise<MemberTier> {
    return this.tx.run((manager) => this.recompute(manager, memberId));
  }

  /** `GET /me/membership`. */
  async standingOf(memberId: number): Promise<Membership> {
    const [{ tier, spend12m, rule, rules }, points, pointsExpiring] = await Promise.all([
      this.tierOf(memberId),
      this.points.balanceOf(memberId),
      this.points.expiringOf(memberId),
    ]);
    return {
      tier,
      spend12m,
      nextTier: nextTierOf(rules, tier, spend12m),
      discountPercent: rule.discountPercent,
      points,
      pointsExpiring,
    };
  }

  /** Deletes the member's tier row (PIPL erasure). */
  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(MemberTierEntity, { memberId });
  }
}
