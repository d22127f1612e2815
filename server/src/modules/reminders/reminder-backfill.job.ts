import { Inject, Injectable } from '@nestjs/common';
import { shanghaiDate, type ReminderBackfillStatus } from '@lensloop/shared';
import { In, LessThan, MoreThanOrEqual, Not, type EntityManager, type Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { BusinessClock } from '../../common/clock';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { CatalogService } from '../catalog/catalog.service';
import { MembersService } from '../members/members.service';
import { OrdersService, type CompletedPurchase } from '../orders/orders.service';
import { ReminderOccurrenceEntity } from './entities/reminder-occurrence.entity';
import { ReminderScanMarkEntity } from './entities/reminder-scan-mark.entity';
import { purchaseReminders } from './purchase-reminders';
import { ReminderConfigService } from './reminder-config.service';
import { dedupeKeyOf, scheduleAll, type NewOccurrence } from './reminders.service';

const MARK = 'purchase-backfill';
/** Orders per page: one transaction, a fixed number of statements. */
const PAGE = 1_000;

/**
 * The `reminder-backfill` job: schedules the care reminders of every completed purchase up to the
 * newest order when a run was started (`POST /admin/reminders/backfill`; also after an admin changes
 * the lens-cleaning or refill rule). For a chain importing years of purchases, or a rule that moved,
 * replaying one `OrderCompleted` at a time through the outbox would take hours; this reads a page of
 * 1,000 orders through the orders service and writes its reminders with one multi-row insert.
 *
 * Each page is claimed by a conditional update of the run's position, so replicas running the job
 * at once take different pages and a killed run continues where it stopped. A page's reminders
 * replace the ones of the same order (cleaning) or member (refill) that were waiting before the run
 * started, with `purchaseReminders` — the same rule as the event handler, so their dedupe keys agree.
 * A refill scheduled by a purchase made during the run is newer than anything the run reads: kept.
 */
@Injectable()
export class ReminderBackfillJob extends IntervalJob {
  readonly name = 'reminder-backfill';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectRepository(ReminderScanMarkEntity) private readonly marks: Repository<ReminderScanMarkEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly rules: ReminderConfigService,
    private readonly orders: OrdersService,
    private readonly catalog: CatalogService,
    private readonly members: MembersService,
  ) {
    super(config.jobs);
  }

  /** Starts a run over every order placed so far (a run in progress starts over). */
  async start(): Promise<ReminderBackfillStatus> {
    const upTo = await this.orders.lastOrderId();
    const row = { name: MARK, until: this.clock.now(), position: 0, upTo };
    await this.tx.run((manager) => manager.save(ReminderScanMarkEntity, row));
    return this.status();
  }

  async status(): Promise<ReminderBackfillStatus> {
    const mark = await this.marks.findOneBy({ name: MARK });
    if (!mark || mark.position === null || mark.upTo === null) {
      return { startedAt: null, position: 0, upToOrderId: 0, done: true };
    }
    return {
      startedAt: mark.until.toISOString(),
      position: mark.position,
      upToOrderId: mark.upTo,
      done: mark.position >= mark.upTo,
    };
  }

  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const page = await this.nextPage();
      if (page === null) return handled;
      handled += page;
    }
  }

  /** Does one page; answers how many orders it covered, or null when the run is done. */
  private async nextPage(): Promise<number | null> {
    const mark = await this.marks.findOneBy({ name: MARK });
    if (!mark || mark.position === null || mark.upTo === null || mark.position >= mark.upTo) return null;
    const { position, upTo, until: startedAt } = mark;
    const purchases = await this.orders.completedPurchases(position, upTo, PAGE);
    const next = purchases.length < PAGE ? upTo : (purchases.at(-1) as CompletedPurchase).orderId;
    const occurrences = await this.remindersOf(purchases);
    await this.tx.run(async (manager) => {
      const { affected } = await manager.update(
        ReminderScanMarkEntity,
        { name: MARK, position, upTo },
        { position: next },
      );
      // Another replica took this page, or the run was restarted meanwhile.
      if (!affected) return;
      await this.replace(manager, occurrences, startedAt);
    });
    return purchases.length;
  }

  private async remindersOf(purchases: readonly CompletedPurchase[]): Promise<NewOccurrence[]> {
    if (!purchases.length) return [];
    const skuIds = new Set(purchases.flatMap((purchase) => purchase.items.map((item) => item.skuId)));
    const [skus, names, rules] = await Promise.all([
      this.catalog.skusWithProducts([...skuIds]),
      this.members.nicknamesOf(purchases.map((purchase) => purchase.memberId)),
      this.rules.get(),
    ]);
    const skuById = new Map(skus.map((sku) => [sku.id, sku]));
    const today = this.clock.today();
    const cleanings: NewOccurrence[] = [];
    // Orders come oldest first: a member's later contact-lens purchase replaces an earlier one.
    const refills = new Map<number, NewOccurrence>();
    for (const purchase of purchases) {
      const person = names.get(purchase.memberId) ?? '您';
      const { cleaning, refill } = purchaseReminders(
        purchase,
        skuById,
        rules,
        shanghaiDate(purchase.completedAt),
        today,
        person,
      );
      if (cleaning) cleanings.push(cleaning);
      if (refill) refills.set(purchase.memberId, refill);
    }
    return [...cleanings, ...refills.values()];
  }

  /**
   * Cancels what the page's reminders replace (waiting, created before the run, another due date),
   * then inserts them; an occurrence already there (same dedupe key) is left as it is.
   */
  private async replace(
    manager: EntityManager,
    occurrences: NewOccurrence[],
    startedAt: Date,
  ): Promise<void> {
    const cleanings = occurrences.filter((occurrence) => occurrence.kind === 'lens_cleaning');
    let refills = occurrences.filter((occurrence) => occurrence.kind === 'contact_lens_refill');
    if (refills.length) {
      const newer = await manager.find(ReminderOccurrenceEntity, {
        select: { memberId: true },
        where: {
          memberId: In(refills.map((refill) => refill.memberId)),
          kind: 'contact_lens_refill',
          status: 'scheduled',
          createdAt: MoreThanOrEqual(startedAt),
        },
      });
      const skip = new Set(newer.map((row) => row.memberId));
      refills = refills.filter((refill) => !skip.has(refill.memberId));
    }
    const keep = [...cleanings, ...refills].map(dedupeKeyOf);
    const waitingBefore = {
      status: 'scheduled' as const,
      createdAt: LessThan(startedAt),
      dedupeKey: Not(In(keep)),
    };
    if (cleanings.length) {
      await manager.update(
        ReminderOccurrenceEntity,
        {
          ...waitingBefore,
          memberId: In(cleanings.map((cleaning) => cleaning.memberId)),
          kind: 'lens_cleaning',
          subject: In(cleanings.map((cleaning) => cleaning.subject)),
        },
        { status: 'cancelled' },
      );
    }
    if (refills.length) {
      await manager.update(
        ReminderOccurrenceEntity,
        {
          ...waitingBefore,
          memberId: In(refills.map((refill) => refill.memberId)),
          kind: 'contact_lens_refill',
          subject: 'contacts',
        },
        { status: 'cancelled' },
      );
    }
    const rows = [...cleanings, ...refills];
    if (!rows.length) return;
    await this.revive(manager, rows, keep);
    await scheduleAll(manager, rows);
  }

  /**
   * An occurrence cancelled earlier under the same key (a rule changed and changed back) is
   * scheduled again with today's text; rare, so one statement each.
   */
  private async revive(
    manager: EntityManager,
    rows: readonly NewOccurrence[],
    keys: string[],
  ): Promise<void> {
    const cancelled = await manager.find(ReminderOccurrenceEntity, {
      select: { id: true, dedupeKey: true },
      where: { dedupeKey: In(keys), status: 'cancelled' },
    });
    const byKey = new Map(rows.map((row) => [dedupeKeyOf(row), row]));
    for (const { id, dedupeKey } of cancelled) {
      const row = byKey.get(dedupeKey) as NewOccurrence;
      await manager.update(
        ReminderOccurrenceEntity,
        { id, status: 'cancelled' },
        {
          status: 'scheduled',
          nextAttemptAt: row.dueAt,
          title: row.title,
          body: row.body,
          fields: row.fields,
        },
      );
    }
  }
}
