import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  REFERRAL_CODE_PATTERN,
  REFERRAL_SCENE_PREFIX,
  shanghaiDate,
  shanghaiDayRange,
  type CustomerReferrals,
  type MyReferral,
  type ReferralExport,
  type ReferralFriend,
  type ReferralFunnel,
  type ReferralRule,
  type ReferralRuleInput,
} from '@lensloop/shared';
import { Between, Repository, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { DomainEvents, OrderEventPayload } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { WechatClient } from '../../infra/wechat/wechat-client';
import { CouponsService } from '../coupons/coupons.service';
import { MembersService } from '../members/members.service';
import { ReferralAttributionEntity } from './entities/referral-attribution.entity';
import { ReferralCodeEntity } from './entities/referral-code.entity';
import { ReferralMonthlyGrantEntity } from './entities/referral-monthly-grant.entity';
import { ReferralRejectionEntity } from './entities/referral-rejection.entity';
import { ReferralRuleEntity } from './entities/referral-rule.entity';
import { ReferralScanEntity } from './entities/referral-scan.entity';
import { maskNickname, newReferralCode, normaliseReferralCode } from './policies/referral-code.policy';

const DAY_MS = 24 * 60 * 60 * 1000;
const RULE_ID = 1;
const QR_CACHE_SIZE = 500;
/** The page a referral mini-program code opens; it reads `scene` from the launch options. */
export const REFERRAL_LANDING_PAGE = 'pages/index/index';
/** Where the server serves a referral code's mini-program code image. */
export const referralQrPath = (code: string) => `/api/v1/referral-qr/${code}.png`;

/** The rule until an admin saves one. */
export const DEFAULT_REFERRAL_RULE: ReferralRule = {
  reward: { couponTemplateId: null, points: 100 },
  returnWindowDays: 7,
  monthlyCapPerReferrer: 10,
  attributionDays: 7,
};

type Member = Awaited<ReturnType<MembersService['getMember']>>;

/**
 * Referral (fission), single level by design: a member's code, attribution of a new member to
 * the code that brought them (first touch, once, never to oneself), and the referrer's reward
 * once the referee's first goods order has completed and its return window has passed.
 */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);
  /** Mini-program code images by referral code, oldest first. */
  private readonly qrCache = new Map<string, { contentType: string; image: Buffer }>();

  constructor(
    @InjectRepository(ReferralCodeEntity) private readonly codes: Repository<ReferralCodeEntity>,
    @InjectRepository(ReferralAttributionEntity)
    private readonly attributions: Repository<ReferralAttributionEntity>,
    @InjectRepository(ReferralScanEntity) private readonly scans: Repository<ReferralScanEntity>,
    @InjectRepository(ReferralRejectionEntity)
    private readonly rejections: Repository<ReferralRejectionEntity>,
    private readonly members: MembersService,
    private readonly coupons: CouponsService,
    private readonly wechat: WechatClient,
    private readonly events: EventBus,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  // ── Codes ──────────────────────────────────────────────────────────────────────────────────

  /** The member's code, made on first use (the primary key on the member settles a race). */
  async codeOf(memberId: number): Promise<ReferralCodeEntity> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.codes.findOneBy({ memberId });
      if (existing) return existing;
      try {
        await this.codes.insert({ memberId, code: newReferralCode() });
      } catch (error) {
        // Another request made this member's code first, or (rarely) the code was taken: read again.
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new Error('Could not allocate a unique referral code');
  }

  /** `GET /me/referral`: the code, its mini-program code and the invited friends, masked. */
  async myReferral(memberId: number): Promise<MyReferral> {
    await this.members.getMember(memberId);
    const code = await this.codeOf(memberId);
    const qrUrl = referralQrPath(code.code);
    const rows = await this.attributions.find({
      where: { referrerId: memberId },
      order: { attributedAt: 'DESC', id: 'DESC' },
    });
    const friends = (await this.friendsOf(rows)).slice(0, 100);
    return {
      code: code.code,
      qrUrl,
      invited: rows.length,
      rewarded: rows.filter((row) => row.status === 'rewarded').length,
      friends,
    };
  }

  /**
   * `GET /referral-qr/:code.png`: the code's mini-program code (`wxacode.getUnlimited`, scene
   * `ref:<code>`), asked of WeChat once per process and kept in memory (WeChat makes the same
   * image again for the same scene, so nothing is lost on a restart).
   */
  async qrImage(rawCode: string): Promise<{ contentType: string; image: Buffer }> {
    const code = normaliseReferralCode(rawCode);
    const cached = this.qrCache.get(code);
    if (cached) return cached;
    const owner = REFERRAL_CODE_PATTERN.test(code) ? await this.codes.findOneBy({ code }) : null;
    if (!owner) {
      throw new DomainError(ErrorCode.REFERRAL_QR_NOT_FOUND, 'No mini-program code for this referral code.');
    }
    const fetched = await this.wechat.unlimitedQrCode(
      `${REFERRAL_SCENE_PREFIX}${code}`,
      REFERRAL_LANDING_PAGE,
    );
    if (this.qrCache.size >= QR_CACHE_SIZE) this.qrCache.delete(this.qrCache.keys().next().value as string);
    this.qrCache.set(code, fetched);
    return fetched;
  }

  /** `POST /referral-scans`: counted for the funnel, anonymous. */
  async recordScan(rawCode: string): Promise<void> {
    const code = normaliseReferralCode(rawCode);
    const owner = REFERRAL_CODE_PATTERN.test(code) ? await this.codes.findOneBy({ code }) : null;
    if (!owner) throw new DomainError(ErrorCode.REFERRAL_CODE_NOT_FOUND, 'No member has this referral code.');
    await this.scans.insert({ code, referrerId: owner.memberId, scannedAt: this.clock.now() });
  }

  // ── Attribution (MemberRegistered) ─────────────────────────────────────────────────────────

  /**
   * Attributes a new member to the code they arrived with, in the event's transaction. Anything
   * wrong with the code is logged and counted, never an error: the login has answered already.
   */
  async attribute(manager: EntityManager, event: DomainEvents['MemberRegistered']): Promise<void> {
    if (!event.referralCode) return;
    const reject = async (reason: string, detail: string) => {
      this.logger.warn(`referral of new member ${event.memberId} not attributed (${reason}): ${detail}`);
      await manager.insert(ReferralRejectionEntity, {
        memberId: event.memberId,
        reason,
        at: this.clock.now(),
      });
    };
    const code = normaliseReferralCode(event.referralCode);
    if (!REFERRAL_CODE_PATTERN.test(code))
      return reject('malformed_code', JSON.stringify(event.referralCode.slice(0, 40)));
    const owner = await manager.findOneBy(ReferralCodeEntity, { code });
    if (!owner) return reject('unknown_code', code);
    const referrer = await this.activeMember(manager, owner.memberId);
    if (!referrer) return reject('unknown_code', `${code} belongs to an erased member`);
    const referee = await this.activeMember(manager, event.memberId);
    if (!referee) return reject('referee_gone', `member ${event.memberId}`);
    const same = sameperson(referrer, referee);
    if (same) return reject('self_referral', `same ${same} as the referrer ${referrer.id}`);
    const rule = await this.rule(manager);
    const now = this.clock.now();
    // A scan time in the future (a wrong phone clock) counts as now; one that is no date is ignored.
    const scannedMs = event.scannedAt ? Date.parse(event.scannedAt) : NaN;
    const scannedAt = Number.isNaN(scannedMs) ? null : new Date(Math.min(scannedMs, now.getTime()));
    if (scannedAt && now.getTime() - scannedAt.getTime() > rule.attributionDays * DAY_MS) {
      return reject(
        'scan_expired',
        `scanned ${scannedAt.toISOString()}, ${rule.attributionDays} days allowed`,
      );
    }
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ReferralAttributionEntity)
      .values({
        refereeId: referee.id,
        referrerId: referrer.id,
        code,
        scene: event.scene?.slice(0, 64) ?? null,
        scannedAt,
        attributedAt: now,
        status: 'registered',
        orderId: null,
        orderCompletedAt: null,
        rewardDueAt: null,
        settledAt: null,
        rewardMonth: null,
        rewardCouponId: null,
        rewardPoints: null,
        cancelReason: null,
      })
      .orIgnore()
      .execute();
    // First touch: the unique referee key keeps the first attribution.
    if (!affectedRows(inserted)) return reject('already_attributed', `member ${referee.id}`);
  }

  // ── Reward life cycle ──────────────────────────────────────────────────────────────────────

  /**
   * Whether a completed order counts as the referee's first goods order: the one place of this
   * rule. A stored-value top-up (`kind: 'top_up'`, completed as soon as it is paid) never does.
   */
  isRewardableOrder(order: OrderEventPayload): boolean {
    return order.kind === 'goods';
  }

  /** `OrderCompleted`: the referee's first goods order starts the return window. */
  async onOrderCompleted(manager: EntityManager, order: OrderEventPayload): Promise<void> {
    if (!this.isRewardableOrder(order)) return;
    const rule = await this.rule(manager);
    const now = this.clock.now();
    await manager
      .createQueryBuilder()
      .update(ReferralAttributionEntity)
      .set({
        status: 'ordered',
        orderId: order.orderId,
        orderCompletedAt: now,
        rewardDueAt: new Date(now.getTime() + rule.returnWindowDays * DAY_MS),
      })
      .where("referee_id = :memberId AND status = 'registered'", { memberId: order.memberId })
      .execute();
  }

  /** `OrderRefunded` / `RefundCreated`: a refund inside the return window cancels the reward. */
  async onRefund(manager: EntityManager, orderId: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ReferralAttributionEntity)
      .set({ status: 'cancelled', cancelReason: 'refunded', settledAt: this.clock.now() })
      .where("order_id = :orderId AND status = 'ordered' AND reward_due_at > :now", {
        orderId,
        now: this.clock.now(),
      })
      .execute();
  }

  /** The `referral-rewards` job: grants every reward whose window has passed, one transaction each. */
  async grantDue(): Promise<number> {
    const seen = new Set<number>();
    let granted = 0;
    for (;;) {
      const due = await this.attributions.find({
        select: { id: true },
        where: { status: 'ordered', rewardDueAt: Between(new Date(0), this.clock.now()) },
        order: { rewardDueAt: 'ASC' },
        take: 50,
      });
      const fresh = due.filter((row) => !seen.has(row.id));
      if (fresh.length === 0) return granted;
      for (const row of fresh) {
        seen.add(row.id);
        if (await this.tx.run((manager) => this.settle(manager, row.id))) granted++;
      }
    }
  }

  /**
   * Settles one due reward: the conditional `ordered → rewarded` update claims it (a concurrent
   * run finds nothing to claim), then the self-referral check by phone, the monthly cap on its
   * counter row, the coupon and the `ReferralRewarded` event — all in this transaction.
   */
  private async settle(manager: EntityManager, attributionId: number): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await manager
      .createQueryBuilder()
      .update(ReferralAttributionEntity)
      .set({ status: 'rewarded', settledAt: now })
      .where("id = :id AND status = 'ordered' AND reward_due_at <= :now", { id: attributionId, now })
      .execute();
    if (!affectedRows(claimed)) return false;
    const row = await manager.findOneByOrFail(ReferralAttributionEntity, { id: attributionId });
    const finish = (changes: Partial<ReferralAttributionEntity>) =>
      manager.update(ReferralAttributionEntity, row.id, changes);

    const referrer = await this.activeMember(manager, row.referrerId);
    if (!referrer) return finish({ status: 'cancelled', cancelReason: 'referrer_erased' }).then(() => false);
    const referee = await this.activeMember(manager, row.refereeId);
    // A phone bound after the attribution can still show the friend is the referrer.
    if (referee && sameperson(referrer, referee)) {
      this.logger.warn(`referral reward ${row.id} cancelled: member ${referee.id} is the referrer`);
      return finish({ status: 'cancelled', cancelReason: 'self_referral' }).then(() => false);
    }

    const rule = await this.rule(manager);
    const month = shanghaiDate(now).slice(0, 7);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReferralMonthlyGrantEntity)
      .values({ referrerId: row.referrerId, month, granted: 0 })
      .orIgnore()
      .execute();
    const counted = await manager
      .createQueryBuilder()
      .update(ReferralMonthlyGrantEntity)
      .set({ granted: () => 'granted + 1' })
      .where('referrer_id = :referrerId AND month = :month AND granted < :cap', {
        referrerId: row.referrerId,
        month,
        cap: rule.monthlyCapPerReferrer,
      })
      .execute();
    if (!affectedRows(counted)) return finish({ status: 'capped', rewardMonth: month }).then(() => false);

    let couponId: number | null = null;
    if (rule.reward.couponTemplateId !== null) {
      const template = await this.coupons.getTemplate(rule.reward.couponTemplateId, manager);
      const outcome = await this.coupons.issueTo(manager, template, row.referrerId);
      if (typeof outcome === 'object') couponId = outcome.coupon.id;
      else this.logger.warn(`referral reward ${row.id}: no coupon of template ${template.id} (${outcome})`);
    }
    const points = rule.reward.points ?? 0;
    await finish({ rewardMonth: month, rewardCouponId: couponId, rewardPoints: points || null });
    await this.events.publish(manager, 'ReferralRewarded', row.id, {
      attributionId: row.id,
      referrerId: row.referrerId,
      refereeId: row.refereeId,
      points,
      couponId,
    });
    return true;
  }

  // ── Rule and report ────────────────────────────────────────────────────────────────────────

  async rule(manager: EntityManager = this.codes.manager): Promise<ReferralRule> {
    const row = await manager.findOneBy(ReferralRuleEntity, { id: RULE_ID });
    if (!row) return DEFAULT_REFERRAL_RULE;
    return {
      reward: { couponTemplateId: row.couponTemplateId, points: row.points },
      returnWindowDays: row.returnWindowDays,
      monthlyCapPerReferrer: row.monthlyCapPerReferrer,
      attributionDays: row.attributionDays,
    };
  }

  async saveRule(input: ReferralRuleInput): Promise<ReferralRule> {
    const { couponTemplateId, points } = input.reward;
    if (couponTemplateId === undefined && !points) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The reward gives nothing.', [
        { field: 'reward', message: 'give a couponTemplateId, points, or both' },
      ]);
    }
    if (couponTemplateId !== undefined) {
      const template = await this.coupons.getTemplate(couponTemplateId);
      if (template.channel !== 'reward' || !template.active) {
        throw new DomainError(
          ErrorCode.REFERRAL_REWARD_TEMPLATE_INVALID,
          `Coupon template ${couponTemplateId} is not an active reward-channel template.`,
          [
            {
              field: 'reward.couponTemplateId',
              message: `channel ${template.channel}, active ${template.active}`,
            },
          ],
        );
      }
    }
    await this.codes.manager.save(ReferralRuleEntity, {
      id: RULE_ID,
      couponTemplateId: couponTemplateId ?? null,
      points: points || null,
      returnWindowDays: input.returnWindowDays,
      monthlyCapPerReferrer: input.monthlyCapPerReferrer,
      attributionDays: input.attributionDays,
    });
    return this.rule();
  }

  /** Scans → registrations → first orders → rewards, by the Asia/Shanghai days `from`–`to`. */
  async funnel(from: string, to: string): Promise<ReferralFunnel> {
    if (from > to) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The period ends before it starts.', [
        { field: 'to', message: 'to must not be before from' },
      ]);
    }
    const [start] = shanghaiDayRange(from);
    const [, end] = shanghaiDayRange(to);
    const within = Between(start, new Date(end.getTime() - 1));
    const [scans, registrations, firstOrders, rewards, rejected] = await Promise.all([
      this.scans.countBy({ scannedAt: within }),
      this.attributions.countBy({ attributedAt: within }),
      this.attributions.countBy({ orderCompletedAt: within }),
      this.attributions.countBy({ status: 'rewarded', settledAt: within }),
      this.rejections
        .createQueryBuilder('rejection')
        .select('rejection.reason', 'reason')
        .addSelect('COUNT(*)', 'count')
        .where({ at: within })
        .groupBy('rejection.reason')
        .getRawMany<{ reason: string; count: string | number }>(),
    ]);
    return {
      from,
      to,
      scans,
      registrations,
      firstOrders,
      rewards,
      rejected: Object.fromEntries(rejected.map((row) => [row.reason, Number(row.count)])),
    };
  }

  // ── Staff card and personal data ───────────────────────────────────────────────────────────

  /** Who referred the customer and whom they referred, masked, for the staff customer card. */
  async customerReferrals(memberId: number): Promise<CustomerReferrals> {
    const [own, referred] = await Promise.all([
      this.attributions.findOneBy({ refereeId: memberId }),
      this.attributions.find({
        where: { referrerId: memberId },
        order: { attributedAt: 'DESC', id: 'DESC' },
      }),
    ]);
    const ids = [...referred.map((row) => row.refereeId), ...(own ? [own.referrerId] : [])];
    const nicknames = await this.members.nicknamesOf(ids);
    const active = await this.members.existingIds(ids);
    return {
      referredBy: own
        ? { memberId: own.referrerId, nicknameMasked: maskNickname(nicknames.get(own.referrerId) ?? null) }
        : null,
      referred: {
        count: referred.length,
        members: referred
          .filter((row) => active.has(row.refereeId))
          .slice(0, 50)
          .map((row) => ({
            memberId: row.refereeId,
            nicknameMasked: maskNickname(nicknames.get(row.refereeId) ?? null),
            joinedAt: row.attributedAt.toISOString(),
            status: row.status,
          })),
      },
    };
  }

  async exportFor(memberId: number): Promise<ReferralExport> {
    const [code, own, mine] = await Promise.all([
      this.codes.findOneBy({ memberId }),
      this.attributions.findOneBy({ refereeId: memberId }),
      this.myFriends(memberId),
    ]);
    return {
      code: code?.code ?? null,
      referredBy: own
        ? {
            memberId: own.referrerId,
            code: own.code,
            attributedAt: own.attributedAt.toISOString(),
            status: own.status,
          }
        : null,
      invited: mine,
    };
  }

  private async myFriends(memberId: number): Promise<ReferralFriend[]> {
    const rows = await this.attributions.find({
      where: { referrerId: memberId },
      order: { attributedAt: 'DESC', id: 'DESC' },
    });
    return this.friendsOf(rows);
  }

  /** Invited friends, masked; an erased friend still counts but leaves the list (name and dates gone). */
  private async friendsOf(rows: ReferralAttributionEntity[]): Promise<ReferralFriend[]> {
    const ids = rows.map((row) => row.refereeId);
    const [nicknames, active] = await Promise.all([
      this.members.nicknamesOf(ids),
      this.members.existingIds(ids),
    ]);
    return rows
      .filter((row) => active.has(row.refereeId))
      .map((row) => ({
        nicknameMasked: maskNickname(nicknames.get(row.refereeId) ?? null),
        joinedAt: row.attributedAt.toISOString(),
        status: row.status,
      }));
  }

  /**
   * Erasure: the code, its image, the scans of it and the member's rejected logins go; their own
   * attribution stays as ids only (the referrer keeps the count, the name goes with the member
   * row); rewards still pending for them as a referrer are cancelled.
   */
  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(ReferralCodeEntity, { memberId });
    await manager.delete(ReferralScanEntity, { referrerId: memberId });
    await manager.delete(ReferralRejectionEntity, { memberId });
    await manager.update(
      ReferralAttributionEntity,
      { refereeId: memberId },
      { code: null, scene: null, scannedAt: null },
    );
    await manager
      .createQueryBuilder()
      .update(ReferralAttributionEntity)
      .set({ status: 'cancelled', cancelReason: 'referrer_erased', settledAt: this.clock.now() })
      .where("referrer_id = :memberId AND status IN ('registered', 'ordered')", { memberId })
      .execute();
  }

  private async activeMember(manager: EntityManager, memberId: number): Promise<Member | null> {
    try {
      return await this.members.getMember(memberId, manager);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.MEMBER_NOT_FOUND) return null;
      throw error;
    }
  }
}

/** How two members are the same person: same WeChat user, same unionid or same phone. */
function sameperson(a: Member, b: Member): 'member' | 'openid' | 'unionid' | 'phone' | null {
  if (a.id === b.id) return 'member';
  if (a.openid === b.openid) return 'openid';
  if (a.unionid && a.unionid === b.unionid) return 'unionid';
  if (a.phone && a.phone === b.phone) return 'phone';
  return null;
}

/**
 * Rows an INSERT IGNORE or UPDATE changed: TypeORM's `affected` for updates; for inserts on
 * MariaDB the rows of `RETURNING` (none when ignored), elsewhere the driver's `affectedRows`.
 */
function affectedRows(result: { affected?: number | null; raw?: unknown }): number {
  if (typeof result.affected === 'number') return result.affected;
  if (Array.isArray(result.raw)) return result.raw.length;
  const raw = result.raw as { affectedRows?: number; changes?: number } | undefined;
  return raw?.affectedRows ?? raw?.changes ?? 0;
}
