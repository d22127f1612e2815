import { Inject, Injectable } from '@nestjs/common';
import type { ReminderRules } from '@lensloop/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { WechatClient, type SubscribeSendOutcome } from '../../infra/wechat/wechat-client';
import { CouponsService } from '../coupons/coupons.service';
import { MembersService } from '../members/members.service';
import { SegmentPort } from '../members/segment-port';
import { StaffService } from '../staff/staff.service';
import { StaffTasksService } from '../staff-tasks/staff-tasks.service';
import { CouponExpiryScanner } from './coupon-expiry.scanner';
import { InboxItemEntity } from './entities/inbox-item.entity';
import { ReminderMemberSettingsEntity } from './entities/reminder-member-settings.entity';
import { ReminderOccurrenceEntity } from './entities/reminder-occurrence.entity';
import { ReminderSubscriptionEntity } from './entities/reminder-subscription.entity';
import { quietHoursRelease, ruleOf } from './policies/reminder-rules.policy';
import { ReminderConfigService } from './reminder-config.service';
import { PAGE_FOR, templateFor } from './reminder-templates';
import { ReminderFollowUps } from './reminder-follow-ups';

const BATCH = 500;
const DAY_MS = 86_400_000;
/** Subscribe messages sent at once by one process. */
const SEND_CONCURRENCY = 8;

/** A claimed WeChat send: the occurrence leased to this process under `attempts`. */
interface ClaimedSend {
  occurrence: ReminderOccurrenceEntity;
  templateId: string;
}

/**
 * The `reminders` job: delivers due occurrences in every replica. A batch is claimed with
 * `FOR UPDATE SKIP LOCKED` and settled in the same transaction (muted, turned into a 1-to-1 task,
 * deferred by quiet hours or the marketing cap, or written to the inbox, set-based), except the
 * WeChat sends: those consume a one-time grant and are leased (`sending` until `leaseUntil`) in
 * that transaction, sent after it, then settled by a conditional update on the lease. A send that
 * fails is retried with backoff and ends in the inbox; a lease that expires (the process died
 * mid-send, so WeChat may or may not have delivered it) goes to the inbox, never to a second send.
 */
@Injectable()
export class ReminderDeliveryJob extends IntervalJob {
  readonly name = 'reminders';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly rulesConfig: ReminderConfigService,
    private readonly wechat: WechatClient,
    private readonly members: MembersService,
    private readonly segments: SegmentPort,
    private readonly staffTasks: StaffTasksService,
    private readonly couponScanner: CouponExpiryScanner,
    private readonly followUps: ReminderFollowUps,
    private readonly coupons: CouponsService,
    private readonly staff: StaffService,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    await this.couponScanner.scan();
    let handled = 0;
    for (;;) {
      const { settled, sends } = await this.claimBatch();
      handled += settled;
      handled += await this.sendAll(sends);
      if (settled + sends.length < BATCH) return handled;
    }
  }

  /** Claims and settles one batch; returns how many it settled and the sends it leased. */
  private claimBatch(): Promise<{ settled: number; sends: ClaimedSend[] }> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      // One status at a time, so each claim is a range of the (status, nextAttemptAt) index read
      // in order, never a sort of everything due.
      const claim = async (status: 'sending' | 'scheduled', limit: number) => {
        if (limit <= 0) return [];
        const query = manager
          .createQueryBuilder(ReminderOccurrenceEntity, 'o')
          .where('o.status = :status AND o.nextAttemptAt <= :now', { status, now })
          .orderBy('o.nextAttemptAt')
          .addOrderBy('o.id')
          .limit(limit);
        if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
        return query.getMany();
      };
      const expired = await claim('sending', BATCH);
      const rows = [...expired, ...(await claim('scheduled', BATCH - expired.length))];
      if (!rows.length) return { settled: 0, sends: [] };
      const config = await this.rulesConfig.get(manager);
      const toInbox: ReminderOccurrenceEntity[] = [];
      const errors = new Map<number, string>();
      const cancelled: number[] = [];
      const muted: number[] = [];
      const deferred = new Map<number, number[]>();
      const sends: ClaimedSend[] = [];
      let settled = 0;

      // A lease that ran out: the process died during the send. WeChat may have shown it, so it is
      // never sent again; the inbox makes sure it is not lost either.
      for (const row of rows.filter((row) => row.status === 'sending')) {
        toInbox.push(row);
        errors.set(row.id, 'interrupted during the WeChat send; delivered to the inbox instead');
      }
      let open = rows.filter((row) => row.status === 'scheduled');

      open = open.filter((row) => {
        if (ruleOf(config, row.kind).enabled) return true;
        cancelled.push(row.id);
        return false;
      });

      // An expiry reminder of a coupon used (or gone) since is dropped.
      const couponOf = (row: ReminderOccurrenceEntity) => Number(row.subject.split(':')[1]);
      const aboutCoupons = open.filter((row) => row.kind === 'coupon_expiring');
      if (aboutCoupons.length) {
        const alive = await this.coupons.stillAvailable(aboutCoupons.map(couponOf), manager);
        open = open.filter((row) => {
          if (row.kind !== 'coupon_expiring' || alive.has(couponOf(row))) return true;
          cancelled.push(row.id);
          return false;
        });
      }

      const careOrMarketing = open.filter((row) => row.category !== 'transactional');
      const mutedKinds = await this.mutedKinds(
        manager,
        careOrMarketing.map((row) => row.memberId),
      );
      open = open.filter((row) => {
        if (row.category === 'transactional' || !mutedKinds.get(row.memberId)?.has(row.kind)) return true;
        muted.push(row.id);
        return false;
      });

      const taskIds = await this.toTasks(
        manager,
        config,
        open.filter((row) => row.category !== 'transactional'),
      );
      open = open.filter((row) => !taskIds.has(row.id));

      const release = quietHoursRelease(now, config.quietHours);
      open = open.filter((row) => {
        if (row.category === 'transactional' || release.getTime() === now.getTime()) return true;
        deferred.set(release.getTime(), [...(deferred.get(release.getTime()) ?? []), row.id]);
        return false;
      });

      const capped = await this.overCap(
        manager,
        config,
        now,
        open.filter((row) => row.category === 'marketing'),
      );
      open = open.filter((row) => !capped.has(row.id));

      const grants = await this.takeGrants(manager, now, open);
      for (const row of open) {
        const template = templateFor(row.kind);
        const grantId = row.subscriptionId ?? grants.get(row.id) ?? null;
        if (template && grantId !== null && row.fields) {
          row.subscriptionId = grantId;
          row.attempts += 1;
          sends.push({ occurrence: row, templateId: template.templateId });
        } else {
          toInbox.push(row);
        }
      }

      // Set-based settling: a few statements per batch.
      if (cancelled.length)
        await manager.update(ReminderOccurrenceEntity, { id: In(cancelled) }, { status: 'cancelled' });
      if (muted.length)
        await manager.update(ReminderOccurrenceEntity, { id: In(muted) }, { status: 'muted' });
      for (const [releaseAt, ids] of deferred) {
        await manager
          .createQueryBuilder()
          .update(ReminderOccurrenceEntity)
          .set({ nextAttemptAt: new Date(releaseAt), deferredCount: () => 'deferred_count + 1' })
          .where({ id: In(ids) })
          .execute();
      }
      for (const [id, until] of capped) {
        await manager
          .createQueryBuilder()
          .update(ReminderOccurrenceEntity)
          .set({ nextAttemptAt: until, cappedCount: () => 'capped_count + 1' })
          .where({ id })
          .execute();
      }
      await this.deliverToInbox(manager, now, toInbox, errors);
      const leaseUntil = new Date(now.getTime() + this.config.reminders.leaseSeconds * 1000);
      for (const { occurrence } of sends) {
        await manager.update(ReminderOccurrenceEntity, occurrence.id, {
          status: 'sending',
          attempts: occurrence.attempts,
          subscriptionId: occurrence.subscriptionId,
          leaseUntil,
          nextAttemptAt: leaseUntil,
        });
      }
      const finished = rows.filter(
        (row) => toInbox.includes(row) || taskIds.has(row.id) || muted.includes(row.id),
      );
      await this.followUps.after(manager, finished);
      settled = rows.length - sends.length;
      return { settled, sends };
    });
  }

  private async mutedKinds(manager: EntityManager, memberIds: number[]): Promise<Map<number, Set<string>>> {
    const unique = [...new Set(memberIds)];
    if (!unique.length) return new Map();
    const rows = await manager.findBy(ReminderMemberSettingsEntity, { memberId: In(unique) });
    return new Map(rows.map((row) => [row.memberId, new Set<string>(row.muted)]));
  }

  /**
   * Care and marketing reminders of members in the 1-to-1 segment who have an owner become a
   * task for the owner ("联系王芳：小明的复查到期了"); returns the occurrences that did.
   */
  private async toTasks(
    manager: EntityManager,
    config: ReminderRules,
    rows: ReminderOccurrenceEntity[],
  ): Promise<Set<number>> {
    const done = new Set<number>();
    if (!rows.length) return done;
    const inSegment = await this.segments.matching(config.oneToOneSegmentId, [
      ...new Set(rows.map((row) => row.memberId)),
    ]);
    const candidates = rows.filter((row) => inSegment.has(row.memberId));
    if (!candidates.length) return done;
    const names = await this.members.nicknamesOf(candidates.map((row) => row.memberId));
    for (const row of candidates) {
      const member = await this.members.getMember(row.memberId, manager);
      if (member.ownerStaffId === null) continue;
      const owner = await this.staff.getStaff(member.ownerStaffId).catch(() => null);
      if (!owner) continue;
      const name = names.get(row.memberId) ?? '顾客';
      const about = row.personName && row.personName !== name ? `${row.personName}的` : '';
      await this.staffTasks.create(manager, {
        memberId: row.memberId,
        staffId: member.ownerStaffId,
        storeId: owner.storeId ?? member.homeStoreId ?? 0,
        kind: 'service',
        title: `联系${name}：${about}${taskLabel(row.kind)}到期了`,
        dueAt: row.dueAt,
        dedupeKey: `occurrence:${row.id}`,
      });
      await manager.update(ReminderOccurrenceEntity, row.id, {
        status: 'task',
        channel: 'task',
        deliveredAt: this.clock.now(),
      });
      done.add(row.id);
    }
    return done;
  }

  /**
   * The marketing reminders that would break the cap (count per rolling window, counting those
   * delivered in the window and those let through earlier in this batch), with when to look again:
   * when the oldest delivery in the window leaves it.
   */
  private async overCap(
    manager: EntityManager,
    config: ReminderRules,
    now: Date,
    rows: ReminderOccurrenceEntity[],
  ): Promise<Map<number, Date>> {
    const capped = new Map<number, Date>();
    if (!rows.length) return capped;
    const windowMs = config.marketingCap.days * DAY_MS;
    const since = new Date(now.getTime() - windowMs);
    const memberIds = [...new Set(rows.map((row) => row.memberId))];
    const delivered = await manager
      .createQueryBuilder(ReminderOccurrenceEntity, 'o')
      .select(['o.memberId', 'o.deliveredAt'])
      .where({ memberId: In(memberIds), category: 'marketing' })
      .andWhere('o.deliveredAt > :since', { since })
      .orderBy('o.deliveredAt', 'ASC')
      .getMany();
    const times = new Map<number, number[]>();
    for (const row of delivered) {
      times.set(row.memberId, [...(times.get(row.memberId) ?? []), (row.deliveredAt as Date).getTime()]);
    }
    for (const row of rows) {
      const list = times.get(row.memberId) ?? [];
      if (list.length >= config.marketingCap.count) {
        // The slot frees when the (n − cap + 1)-th latest delivery leaves the window.
        const oldestBlocking = list[list.length - config.marketingCap.count];
        capped.set(row.id, new Date(Math.max(oldestBlocking + windowMs, now.getTime() + 1000)));
      } else {
        list.push(now.getTime());
        times.set(row.memberId, list);
      }
    }
    return capped;
  }

  /** One unused grant per occurrence that has a template and none yet, consumed in this transaction. */
  private async takeGrants(
    manager: EntityManager,
    now: Date,
    rows: ReminderOccurrenceEntity[],
  ): Promise<Map<number, number>> {
    const taken = new Map<number, number>();
    const wanting = rows.filter((row) => row.subscriptionId === null && row.fields && templateFor(row.kind));
    if (!wanting.length) return taken;
    const query = manager
      .createQueryBuilder(ReminderSubscriptionEntity, 'grant')
      .where({ memberId: In([...new Set(wanting.map((row) => row.memberId))]), usedAt: IsNull() })
      .orderBy('grant.id');
    if (this.tx.supportsRowLocks) query.setLock('pessimistic_write');
    const grants = await query.getMany();
    for (const row of wanting) {
      const key = templateFor(row.kind)?.key;
      const index = grants.findIndex((grant) => grant.memberId === row.memberId && grant.templateKey === key);
      if (index < 0) continue;
      const [grant] = grants.splice(index, 1);
      const { affected } = await manager.update(
        ReminderSubscriptionEntity,
        { id: grant.id, usedAt: IsNull() },
        { usedAt: now, occurrenceId: row.id },
      );
      if (affected) taken.set(row.id, grant.id);
    }
    return taken;
  }

  /** Inbox entries for the occurrences (one per occurrence, by its unique key) and their status. */
  private async deliverToInbox(
    manager: EntityManager,
    now: Date,
    rows: ReminderOccurrenceEntity[],
    errors: Map<number, string>,
  ): Promise<void> {
    if (!rows.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(InboxItemEntity)
      .values(
        rows.map((row) => ({
          memberId: row.memberId,
          occurrenceId: row.id,
          kind: row.kind,
          category: row.category,
          title: row.title,
          body: row.body,
          createdAt: now,
          readAt: null,
        })),
      )
      .orIgnore()
      .execute();
    const plain = rows.filter((row) => !errors.has(row.id)).map((row) => row.id);
    if (plain.length) {
      await manager.update(
        ReminderOccurrenceEntity,
        { id: In(plain) },
        { status: 'inbox', channel: 'inbox', deliveredAt: now, leaseUntil: null },
      );
    }
    for (const row of rows.filter((row) => errors.has(row.id))) {
      await manager
        .createQueryBuilder()
        .update(ReminderOccurrenceEntity)
        .set({
          status: 'inbox',
          channel: 'inbox',
          deliveredAt: now,
          leaseUntil: null,
          lastError: (errors.get(row.id) as string).slice(0, 500),
          failures: () => 'failures + 1',
        })
        .where({ id: row.id })
        .execute();
    }
  }

  private async sendAll(sends: ClaimedSend[]): Promise<number> {
    let settled = 0;
    const queue = [...sends];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await this.sendOne(next);
        settled++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, sends.length) }, worker));
    return settled;
  }

  private async sendOne({ occurrence, templateId }: ClaimedSend): Promise<void> {
    let outcome: SubscribeSendOutcome;
    try {
      const member = await this.members.getMember(occurrence.memberId);
      outcome = await this.wechat.sendSubscribeMessage(
        { openid: member.openid, templateId, page: PAGE_FOR(occurrence.kind), data: occurrence.fields ?? {} },
        this.config.reminders.sendTimeoutMs,
      );
    } catch (error) {
      outcome = { result: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    await this.tx.run(async (manager) => {
      const now = this.clock.now();
      // Only while this process still holds the lease (same attempt, still sending).
      const leased = { id: occurrence.id, status: 'sending' as const, attempts: occurrence.attempts };
      if (outcome.result === 'sent') {
        const { affected } = await manager.update(ReminderOccurrenceEntity, leased, {
          status: 'sent',
          channel: 'wechat',
          deliveredAt: now,
          leaseUntil: null,
          lastError: null,
        });
        if (affected) await this.followUps.after(manager, [occurrence]);
        return;
      }
      const current = await manager.findOne(ReminderOccurrenceEntity, {
        where: leased,
        ...(this.tx.supportsRowLocks ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!current) return;
      const retry =
        outcome.result === 'failed' && occurrence.attempts < this.config.reminders.maxSendAttempts;
      if (retry) {
        const delay = this.config.reminders.retryBaseSeconds * 1000 * 2 ** (occurrence.attempts - 1);
        await manager
          .createQueryBuilder()
          .update(ReminderOccurrenceEntity)
          .set({
            status: 'scheduled',
            leaseUntil: null,
            nextAttemptAt: new Date(now.getTime() + delay),
            lastError: outcome.error.slice(0, 500),
            failures: () => 'failures + 1',
          })
          .where(leased)
          .execute();
        return;
      }
      if (outcome.result === 'invalid') {
        // WeChat refused the data, so the grant was not used: it stays for the next notice.
        await manager.update(
          ReminderSubscriptionEntity,
          { id: occurrence.subscriptionId as number },
          { usedAt: null, occurrenceId: null },
        );
      } else if (outcome.result === 'refused') {
        // 43101: WeChat holds no grant of the member for this template; ours are stale.
        const key = templateFor(occurrence.kind)?.key as string;
        await manager.update(
          ReminderSubscriptionEntity,
          { memberId: occurrence.memberId, templateKey: key, usedAt: IsNull() },
          { usedAt: now },
        );
      }
      await this.deliverToInbox(manager, now, [current], new Map([[current.id, outcome.error]]));
      await this.followUps.after(manager, [current]);
    });
  }
}

function taskLabel(kind: ReminderOccurrenceEntity['kind']): string {
  switch (kind) {
    case 'child_recheck':
      return '复查';
    case 'adult_renewal':
      return '验光';
    case 'lens_cleaning':
      return '镜片清洁';
    case 'contact_lens_refill':
      return '隐形眼镜续购';
    case 'coupon_expiring':
      return '优惠券';
    default:
      return '服务';
  }
}

export { taskLabel };
