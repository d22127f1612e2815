import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type ClaimableCoupon,
  type Coupon,
  type CouponOffer,
  type CouponRedemptionCode,
  type CouponStatus,
  type CouponTemplate,
  type CouponValidity,
  type ProductCategory,
  type RedeemedCoupon,
} from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import type {
  CreateCouponTemplateDto,
  CouponValidityDto,
  UpdateCouponTemplateDto,
} from './dto/coupon-template.dto';
import { CouponTemplateEntity } from './entities/coupon-template.entity';
import { CouponEntity } from './entities/coupon.entity';
import { templateRuleProblems, validityProblems } from './policies/coupon-template.policy';
import { couponValidityAt, isIssuable } from './policies/coupon-validity.policy';
import { COUPON_CODE, rotatingCode, verifyRotatingCode } from '../../common/rotating-code';

export type IssueOutcome = 'issued' | 'limit' | 'sold_out';

export function templateNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.COUPON_TEMPLATE_NOT_FOUND, `Coupon template ${id} does not exist.`);
}

function couponNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.COUPON_NOT_FOUND, `Coupon ${id} does not exist.`);
}

export function validityOf(template: CouponTemplateEntity): CouponValidity {
  if (template.validDays !== null) return { days: template.validDays };
  return { from: (template.validFrom as Date).toISOString(), to: (template.validTo as Date).toISOString() };
}

function validityColumns(
  validity: CouponValidityDto,
): Pick<CouponTemplateEntity, 'validFrom' | 'validTo' | 'validDays'> {
  return validity.days !== undefined
    ? { validFrom: null, validTo: null, validDays: validity.days }
    : {
        validFrom: new Date(validity.from as string),
        validTo: new Date(validity.to as string),
        validDays: null,
      };
}

export function offerOf(template: CouponTemplateEntity): CouponOffer {
  const { name, kind, amountOff, percentOff, maxDiscount, threshold, scope } = template;
  return { name, kind, amountOff, percentOff, maxDiscount, threshold, scope };
}

export function toTemplate(template: CouponTemplateEntity): CouponTemplate {
  const { id, totalQuantity, issued, perMemberLimit, channel, stackable, active } = template;
  const validity = validityOf(template);
  return {
    ...offerOf(template),
    id,
    totalQuantity,
    issued,
    perMemberLimit,
    validity,
    channel,
    stackable,
    active,
  };
}

/** Templates, issuing (claim, welcome, push), the member's coupons and in-store redemption. */
@Injectable()
export class CouponsService {
  constructor(
    @InjectRepository(CouponTemplateEntity) private readonly templates: Repository<CouponTemplateEntity>,
    @InjectRepository(CouponEntity) private readonly coupons: Repository<CouponEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async createTemplate(input: CreateCouponTemplateDto): Promise<CouponTemplate> {
    const problems = [...templateRuleProblems(input), ...validityProblems(input.validity)];
    if (problems.length)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The template is not valid.', problems);
    const template = await this.templates.save(
      this.templates.create({
        name: input.name,
        kind: input.kind,
        amountOff: input.amountOff ?? null,
        percentOff: input.percentOff ?? null,
        maxDiscount: input.maxDiscount ?? null,
        threshold: input.threshold ?? 0,
        scope: { categories: input.scope.categories ?? [], productIds: input.scope.productIds ?? [] },
        totalQuantity: input.totalQuantity ?? null,
        perMemberLimit: input.perMemberLimit,
        ...validityColumns(input.validity),
        channel: input.channel,
        stackable: input.stackable,
      }),
    );
    return toTemplate(await this.getTemplate(template.id));
  }

  async listTemplates(): Promise<CouponTemplate[]> {
    return (await this.templates.find({ order: { id: 'DESC' } })).map(toTemplate);
  }

  async updateTemplate(id: number, patch: UpdateCouponTemplateDto): Promise<CouponTemplate> {
    const problems = patch.validity ? validityProblems(patch.validity) : [];
    if (problems.length)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The template is not valid.', problems);
    await this.getTemplate(id);
    const { validity, ...rest } = patch;
    await this.templates.update(id, { ...rest, ...(validity ? validityColumns(validity) : {}) });
    return toTemplate(await this.getTemplate(id));
  }

  async getTemplate(
    id: number,
    manager: EntityManager = this.templates.manager,
  ): Promise<CouponTemplateEntity> {
    const template = await manager.findOneBy(CouponTemplateEntity, { id });
    if (!template) throw templateNotFound(id);
    return template;
  }

  /** Active claim-centre templates that can still hand out a usable coupon, with what this member may take. */
  async listClaimable(memberId: number): Promise<ClaimableCoupon[]> {
    const now = this.clock.now();
    const templates = (
      await this.templates.find({ where: { channel: 'claim', active: true }, order: { id: 'DESC' } })
    ).filter((template) => isIssuable(validityOf(template), now));
    const held = templates.length
      ? await this.coupons
          .createQueryBuilder('coupon')
          .select('coupon.templateId', 'templateId')
          .addSelect('COUNT(*)', 'count')
          .where({ memberId, templateId: In(templates.map((template) => template.id)) })
          .groupBy('coupon.templateId')
          .getRawMany<{ templateId: number | string; count: number | string }>()
      : [];
    const heldByTemplate = new Map(held.map((row) => [Number(row.templateId), Number(row.count)]));
    return templates.map((template) => {
      const remaining =
        template.totalQuantity === null ? null : Math.max(template.totalQuantity - template.issued, 0);
      const mine = Math.max(template.perMemberLimit - (heldByTemplate.get(template.id) ?? 0), 0);
      return {
        ...offerOf(template),
        templateId: template.id,
        remaining,
        claimableByMe: remaining === 0 ? 0 : mine,
        validity: validityOf(template),
      };
    });
  }

  async claim(memberId: number, templateId: number): Promise<Coupon> {
    const template = await this.getTemplate(templateId);
    if (
      template.channel !== 'claim' ||
      !template.active ||
      !isIssuable(validityOf(template), this.clock.now())
    ) {
      throw new DomainError(
        ErrorCode.COUPON_NOT_CLAIMABLE,
        `Coupon template ${templateId} cannot be claimed.`,
      );
    }
    try {
      const coupon = await this.tx.run(async (manager) => {
        const outcome = await this.issueTo(manager, template, memberId);
        if (outcome === 'sold_out')
          throw new DomainError(ErrorCode.COUPON_SOLD_OUT, 'Every coupon has been claimed.');
        if (outcome === 'limit') throw limitReached(templateId);
        return outcome.coupon;
      });
      return this.toCoupon(coupon, template);
    } catch (error) {
      // Two claims of one member raced for the same number n: the loser is over the limit.
      if (isDuplicateKey(error)) throw limitReached(templateId);
      throw error;
    }
  }

  /**
   * Issues one coupon of `template` to the member in the caller's transaction: a per-member
   * count (the unique `(template, member, seq)` key settles a race), then the conditional
   * `issued < total_quantity` update with its affected rows checked.
   */
  async issueTo(
    manager: EntityManager,
    template: CouponTemplateEntity,
    memberId: number,
  ): Promise<Exclude<IssueOutcome, 'issued'> | { coupon: CouponEntity }> {
    const held = await manager.countBy(CouponEntity, { templateId: template.id, memberId });
    if (held >= template.perMemberLimit) return 'limit';
    const raised = await manager
      .createQueryBuilder()
      .update(CouponTemplateEntity)
      .set({ issued: () => 'issued + 1' })
      .where('id = :id AND (total_quantity IS NULL OR issued < total_quantity)', { id: template.id })
      .execute();
    if (raised.affected !== 1) return 'sold_out';
    const now = this.clock.now();
    const { from, to } = couponValidityAt(validityOf(template), now);
    const coupon = await this.insertCoupon(manager, {
      templateId: template.id,
      memberId,
      seq: held + 1,
      amountOff: null,
      validFrom: from,
      validTo: to,
    });
    return { coupon };
  }

  /**
   * One coupon of a welcome-channel template for a customer added through a code (customers
   * module), in the caller's transaction; null when the template is not an active welcome
   * template in its dates, is sold out, or the member already holds as many as allowed.
   */
  async issueWelcomeOf(manager: EntityManager, templateId: number, memberId: number): Promise<number | null> {
    const template = await manager.findOneBy(CouponTemplateEntity, { id: templateId });
    if (!template || template.channel !== 'welcome' || !template.active) return null;
    if (!isIssuable(validityOf(template), this.clock.now())) return null;
    const outcome = await this.issueTo(manager, template, memberId);
    return typeof outcome === 'object' ? outcome.coupon.id : null;
  }

  /**
   * `issueTo` for a batch of members in a few statements (the push job): the coupons the members
   * already hold in one query, the template's `issued` raised by what is left of its total in one
   * conditional update, the new coupons in one insert. Members at their limit are skipped; when
   * the total runs out, the members after it get nothing (`soldOut`). A concurrent claim of one of
   * these members for the same number fails this transaction on the `(template, member, seq)` key.
   */
  async issueToMany(
    manager: EntityManager,
    template: CouponTemplateEntity,
    memberIds: readonly number[],
  ): Promise<{ issued: number; soldOut: boolean }> {
    if (memberIds.length === 0) return { issued: 0, soldOut: false };
    const heldRows: { memberId: number; held: string | number }[] = await manager
      .createQueryBuilder(CouponEntity, 'coupon')
      .select('coupon.memberId', 'memberId')
      .addSelect('COUNT(*)', 'held')
      .where('coupon.templateId = :templateId AND coupon.memberId IN (:...memberIds)', {
        templateId: template.id,
        memberIds,
      })
      .groupBy('coupon.memberId')
      .getRawMany();
    const held = new Map(heldRows.map((row) => [Number(row.memberId), Number(row.held)]));
    const eligible = memberIds.filter((memberId) => (held.get(memberId) ?? 0) < template.perMemberLimit);
    const granted = await this.reserve(manager, template.id, eligible.length);
    const { from, to } = couponValidityAt(validityOf(template), this.clock.now());
    if (granted > 0) {
      await manager.insert(
        CouponEntity,
        eligible.slice(0, granted).map((memberId) => ({
          templateId: template.id,
          memberId,
          seq: (held.get(memberId) ?? 0) + 1,
          amountOff: null,
          status: 'available' as const,
          validFrom: from,
          validTo: to,
          usedAt: null,
          orderId: null,
          redeemedByStaffId: null,
          redeemedStoreId: null,
        })),
      );
    }
    return { issued: granted, soldOut: granted < eligible.length };
  }

  /** Raises the template's `issued` by up to `wanted`, never past its total; answers how many. */
  private async reserve(manager: EntityManager, templateId: number, wanted: number): Promise<number> {
    if (wanted === 0) return 0;
    const lock = this.tx.supportsRowLocks ? { mode: 'pessimistic_write' as const } : undefined;
    const template = await manager.findOneOrFail(CouponTemplateEntity, { where: { id: templateId }, lock });
    const left = template.totalQuantity === null ? wanted : template.totalQuantity - template.issued;
    const granted = Math.max(0, Math.min(wanted, left));
    if (granted > 0) await manager.increment(CouponTemplateEntity, { id: templateId }, 'issued', granted);
    return granted;
  }

  /**
   * Issues a reward coupon of its own amount (a trade-in's credit) in the caller's transaction, of
   * the one template kept for `credit.key` (made on first use: channel `reward`, amount off, no
   * threshold, the given scope and validity in days). A credit is never limited per member;
   * two credits of one member racing for the same number fail one transaction on the unique
   * `(template, member, seq)` key, and the caller runs it again.
   */
  async issueCredit(
    manager: EntityManager,
    credit: {
      key: string;
      name: string;
      memberId: number;
      amount: number;
      categories: ProductCategory[];
      validDays: number;
      /** The business-clock moment the credit was granted; validity counts from it. */
      issuedAt: Date;
    },
  ): Promise<CouponEntity> {
    const template = await this.creditTemplate(manager, credit);
    const held = await manager.countBy(CouponEntity, { templateId: template.id, memberId: credit.memberId });
    await manager
      .createQueryBuilder()
      .update(CouponTemplateEntity)
      .set({ issued: () => 'issued + 1' })
      .where('id = :id', { id: template.id })
      .execute();
    const { from, to } = couponValidityAt({ days: credit.validDays }, credit.issuedAt);
    return this.insertCoupon(manager, {
      templateId: template.id,
      memberId: credit.memberId,
      seq: held + 1,
      amountOff: credit.amount,
      validFrom: from,
      validTo: to,
    });
  }

  /** A new, unused coupon of a member. */
  private async insertCoupon(
    manager: EntityManager,
    fields: Pick<CouponEntity, 'templateId' | 'memberId' | 'seq' | 'amountOff' | 'validFrom' | 'validTo'>,
  ): Promise<CouponEntity> {
    const coupon = manager.create(CouponEntity, {
      ...fields,
      status: 'available',
      usedAt: null,
      orderId: null,
      redeemedByStaffId: null,
      redeemedStoreId: null,
    });
    await manager.insert(CouponEntity, coupon);
    return coupon;
  }

  private async creditTemplate(
    manager: EntityManager,
    credit: { key: string; name: string; categories: ProductCategory[]; validDays: number },
  ): Promise<CouponTemplateEntity> {
    const existing = await manager.findOneBy(CouponTemplateEntity, { creditKey: credit.key });
    if (existing) return existing;
    try {
      return await manager.save(
        manager.create(CouponTemplateEntity, {
          name: credit.name,
          kind: 'amount_off',
          amountOff: null,
          percentOff: null,
          maxDiscount: null,
          threshold: 0,
          scope: { categories: credit.categories, productIds: [] },
          totalQuantity: null,
          perMemberLimit: 1,
          validFrom: null,
          validTo: null,
          validDays: credit.validDays,
          channel: 'reward',
          stackable: false,
          active: true,
          creditKey: credit.key,
        }),
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Made by a concurrent first credit: a locking read sees it despite this transaction's snapshot.
      return manager.findOneOrFail(CouponTemplateEntity, {
        where: { creditKey: credit.key },
        lock: { mode: 'pessimistic_read' },
      });
    }
  }

  /** The member's coupons; `expired` means unused past `valid_to` on the business clock. */
  async listMine(memberId: number, status?: CouponStatus): Promise<Coupon[]> {
    const now = this.clock.now();
    const query = this.coupons
      .createQueryBuilder('coupon')
      .where('coupon.memberId = :memberId', { memberId });
    if (status === 'used') query.andWhere("coupon.status = 'used'");
    if (status === 'available')
      query.andWhere("coupon.status = 'available' AND coupon.validTo > :now", { now });
    if (status === 'expired')
      query.andWhere("coupon.status = 'available' AND coupon.validTo <= :now", { now });
    return this.withTemplates(await query.orderBy('coupon.id', 'DESC').getMany());
  }

  /** Owner-scoped: another member's coupon is "not found". */
  async findOwned(memberId: number, couponId: number): Promise<CouponEntity> {
    const coupon = await this.coupons.findOneBy({ id: couponId, memberId });
    if (!coupon) throw couponNotFound(couponId);
    return coupon;
  }

  async redemptionCodeFor(memberId: number, couponId: number): Promise<CouponRedemptionCode> {
    const coupon = await this.findOwned(memberId, couponId);
    this.assertUsable(coupon, this.clock.now());
    const { code, expiresAt } = rotatingCode(
      COUPON_CODE,
      this.config.coupons.codeSecret,
      coupon.id,
      this.clock.nowMs(),
    );
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /** A staff scan: once only, recording who and where (`UPDATE … WHERE status = 'available'`). */
  async redeem(staff: Principal, code: string): Promise<RedeemedCoupon> {
    const couponId = verifyRotatingCode(
      COUPON_CODE,
      this.config.coupons.codeSecret,
      code.trim(),
      this.clock.nowMs(),
    );
    if (couponId === null) {
      throw new DomainError(ErrorCode.COUPON_CODE_INVALID, 'The coupon code is not valid (or too old).', [
        { field: 'code', message: 'ask the customer to refresh the code' },
      ]);
    }
    const now = this.clock.now();
    const result = await this.coupons
      .createQueryBuilder()
      .update(CouponEntity)
      .set({ status: 'used', usedAt: now, redeemedByStaffId: staff.id, redeemedStoreId: staff.storeId })
      .where("id = :id AND status = 'available' AND valid_from <= :now AND valid_to > :now", {
        id: couponId,
        now,
      })
      .execute();
    const coupon = await this.coupons.findOneBy({ id: couponId });
    if (!coupon) throw couponNotFound(couponId);
    if (result.affected !== 1) {
      this.assertUsable(coupon, now);
      throw alreadyRedeemed(couponId);
    }
    const [shown] = await this.withTemplates([coupon]);
    return {
      ...shown,
      memberId: coupon.memberId,
      redeemedByStaffId: staff.id,
      redeemedStoreId: staff.storeId,
    };
  }

  /** Coupons redeemed in store in `[from, to)` per redeeming staff member (of one store, or all). */
  async redemptionsByStaff(from: Date, to: Date, storeId: number | null): Promise<Map<number, number>> {
    const query = this.coupons
      .createQueryBuilder('coupon')
      .select('coupon.redeemedByStaffId', 'staffId')
      .addSelect('COUNT(*)', 'count')
      .where('coupon.redeemedByStaffId IS NOT NULL AND coupon.usedAt >= :from AND coupon.usedAt < :to', {
        from,
        to,
      })
      .groupBy('coupon.redeemedByStaffId');
    if (storeId !== null) query.andWhere('coupon.redeemedStoreId = :storeId', { storeId });
    const rows: { staffId: number | string; count: number | string }[] = await query.getRawMany();
    return new Map(rows.map((row) => [Number(row.staffId), Number(row.count)]));
  }

  /** Why a coupon cannot be used now: used, not yet valid, expired. */
  assertUsable(coupon: CouponEntity, now: Date): void {
    if (coupon.status === 'used') throw alreadyRedeemed(coupon.id);
    if (now < coupon.validFrom) {
      throw new DomainError(
        ErrorCode.COUPON_NOT_YET_VALID,
        `Coupon ${coupon.id} is valid from ${coupon.validFrom.toISOString()}.`,
      );
    }
    if (now >= coupon.validTo) {
      throw new DomainError(
        ErrorCode.COUPON_EXPIRED,
        `Coupon ${coupon.id} expired at ${coupon.validTo.toISOString()}.`,
      );
    }
  }

  /** Coupons with their templates' names and rules, as the API shows them. */
  async withTemplates(coupons: readonly CouponEntity[]): Promise<Coupon[]> {
    const ids = [...new Set(coupons.map((coupon) => coupon.templateId))];
    const templates = await this.templatesByIds(ids);
    const byId = new Map(templates.map((template) => [template.id, template]));
    return coupons.map((coupon) =>
      this.toCoupon(coupon, byId.get(coupon.templateId) as CouponTemplateEntity),
    );
  }

  /** Available coupons of the member (any validity), for checkout. */
  availableOf(memberId: number): Promise<CouponEntity[]> {
    return this.coupons.find({ where: { memberId, status: 'available' }, order: { id: 'ASC' } });
  }

  /**
   * Available coupons whose validity ends in [from, to), by id after `afterId`, a page at a time,
   * with their names: the care reminders' expiry scan.
   */
  async expiringBetween(
    from: Date,
    to: Date,
    afterId: number,
    limit: number,
  ): Promise<{ id: number; memberId: number; name: string; validTo: Date }[]> {
    const rows = await this.coupons
      .createQueryBuilder('coupon')
      .select(['coupon.id', 'coupon.memberId', 'coupon.templateId', 'coupon.validTo'])
      .where("coupon.status = 'available' AND coupon.validTo >= :from AND coupon.validTo < :to", { from, to })
      .andWhere('coupon.id > :afterId', { afterId })
      .orderBy('coupon.id')
      .limit(limit)
      .getMany();
    const templates = await this.templatesByIds([...new Set(rows.map((row) => row.templateId))]);
    const names = new Map(templates.map((template) => [template.id, template.name]));
    return rows.map((row) => ({
      id: row.id,
      memberId: row.memberId,
      name: names.get(row.templateId) ?? '',
      validTo: row.validTo,
    }));
  }

  /** Which of these coupons are still unused and valid now. */
  async stillAvailable(
    ids: readonly number[],
    manager: EntityManager = this.coupons.manager,
  ): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await manager
      .createQueryBuilder(CouponEntity, 'coupon')
      .select(['coupon.id'])
      .where({ id: In([...ids]) })
      .andWhere("coupon.status = 'available' AND coupon.validTo > :now", { now: this.clock.now() })
      .getMany();
    return new Set(rows.map((row) => row.id));
  }

  /** A coupon's name (its template's), or null when the member holds no such coupon. */
  async nameOf(memberId: number, couponId: number): Promise<string | null> {
    const coupon = await this.coupons.findOneBy({ id: couponId, memberId });
    if (!coupon) return null;
    const [template] = await this.templatesByIds([coupon.templateId]);
    return template?.name ?? null;
  }

  templatesByIds(ids: readonly number[]): Promise<CouponTemplateEntity[]> {
    return ids.length ? this.templates.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  private toCoupon(coupon: CouponEntity, template: CouponTemplateEntity): Coupon {
    const expired = coupon.status === 'available' && this.clock.now() >= coupon.validTo;
    return {
      ...offerOf(template),
      amountOff: coupon.amountOff ?? template.amountOff,
      id: coupon.id,
      templateId: coupon.templateId,
      validFrom: coupon.validFrom.toISOString(),
      validTo: coupon.validTo.toISOString(),
      status: expired ? 'expired' : coupon.status,
      usedAt: coupon.usedAt?.toISOString() ?? null,
      orderId: coupon.orderId,
    };
  }
}

function limitReached(templateId: number): DomainError {
  return new DomainError(
    ErrorCode.COUPON_LIMIT_REACHED,
    `You hold as many coupons of template ${templateId} as one member may.`,
  );
}

export function alreadyRedeemed(couponId: number): DomainError {
  return new DomainError(ErrorCode.COUPON_ALREADY_REDEEMED, `Coupon ${couponId} has already been used.`);
}
