import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { IntervalJob } from '../jobs/interval-job';
import type { DeliveredEvent, DomainEventType } from './domain-events';
import { EventBus, type EventHandler } from './event-bus';
import { OutboxEventEntity } from './outbox-event.entity';
import { OutboxHandledEntity } from './outbox-handled.entity';
import { runWithRequestId } from '../../common/request-context';

const BATCH = 20;
const PURGE_BATCH = 500;
const MAX_RETRY_DELAY_SECONDS = 3600;

/**
 * Delivers outbox events in every replica: claims due rows with `FOR UPDATE SKIP LOCKED` and
 * leases them (a claim moves `availableAt` past the lease, so a replica that dies mid-delivery
 * leaves the event to be claimed again), runs each subscribed handler not yet done, then marks
 * the event delivered, or schedules a retry with exponential backoff, or dead-letters it after
 * `OUTBOX_MAX_ATTEMPTS`. It runs on the job timer and right after a transaction that published.
 */
@Injectable()
export class OutboxDispatcher extends IntervalJob {
  readonly name = 'outbox';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly events: EventBus,
    private readonly dataSource: DataSource,
  ) {
    super(config.jobs);
    events.onPublished(() => this.runInBackground());
  }

  async runOnce(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await this.claim();
      for (const event of batch) {
        // Its handlers log, and publish further events, under the request that published it.
        if (await runWithRequestId(event.requestId, () => this.deliver(event))) delivered++;
      }
      if (batch.length < BATCH) break;
    }
    await this.purgeDelivered();
    return delivered;
  }

  /** Delivered events are kept `OUTBOX_RETENTION_DAYS` for inspection, then deleted with their marks. */
  private async purgeDelivered(): Promise<void> {
    const before = new Date(this.clock.nowMs() - this.config.outbox.retentionDays * 86_400_000);
    for (;;) {
      const old = await this.dataSource.manager.find(OutboxEventEntity, {
        select: { id: true },
        where: { deliveredAt: LessThan(before) },
        take: PURGE_BATCH,
      });
      if (!old.length) return;
      const ids = old.map((event) => event.id);
      await this.tx.run(async (manager) => {
        await manager.delete(OutboxHandledEntity, { eventId: In(ids) });
        await manager.delete(OutboxEventEntity, { id: In(ids) });
      });
      if (old.length < PURGE_BATCH) return;
    }
  }

  private claim(): Promise<OutboxEventEntity[]> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const query = manager
        .createQueryBuilder(OutboxEventEntity, 'event')
        .where('event.deliveredAt IS NULL AND event.deadAt IS NULL AND event.availableAt <= :now', { now })
        .orderBy('event.availableAt')
        .addOrderBy('event.id')
        .limit(BATCH);
      if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const events = await query.getMany();
      if (!events.length) return [];
      const leaseEnd = new Date(now.getTime() + this.config.outbox.leaseSeconds * 1000);
      await manager
        .createQueryBuilder()
        .update(OutboxEventEntity)
        .set({ availableAt: leaseEnd, attempts: () => 'attempts + 1' })
        .whereInIds(events.map((event) => event.id))
        .execute();
      return events.map((event) => Object.assign(event, { attempts: event.attempts + 1 }));
    });
  }

  /** Returns whether the event is now delivered. */
  private async deliver(row: OutboxEventEntity): Promise<boolean> {
    const event: DeliveredEvent = {
      id: row.id,
      type: row.type as DomainEventType,
      aggregateId: row.aggregateId,
      payload: JSON.parse(row.payload) as DeliveredEvent['payload'],
      attempt: row.attempts,
      createdAt: row.createdAt,
    };
    const handlers = this.events.handlersOf(row.type);
    const marks = await this.dataSource.manager.find(OutboxHandledEntity, {
      where: { eventId: row.id, handler: In(handlers.map((handler) => handler.name)) },
    });
    const done = new Set(marks.map((mark) => mark.handler));
    const failures: string[] = [];
    for (const handler of handlers) {
      if (done.has(handler.name)) continue;
      try {
        await this.runHandler(handler, event);
      } catch (error) {
        failures.push(`${handler.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.settle(row, failures);
    if (!failures.length) this.logger.debug(`event ${row.id} (${row.type}) delivered`);
    return failures.length === 0;
  }

  private async runHandler(handler: EventHandler, event: DeliveredEvent): Promise<void> {
    const mark = { eventId: event.id, handler: handler.name };
    if (handler.mode === 'external') {
      await handler.handle(event, null);
      await this.tx
        .run((manager) => manager.insert(OutboxHandledEntity, mark))
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      return;
    }
    await this.tx
      .run(async (manager) => {
        // The mark first: a second delivery racing this one waits on it, then finds it taken.
        await manager.insert(OutboxHandledEntity, mark);
        await handler.handle(event, manager);
      })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
  }

  private settle(row: OutboxEventEntity, failures: string[]): Promise<unknown> {
    const now = this.clock.now();
    if (!failures.length) {
      return this.tx.run((manager) =>
        manager.update(OutboxEventEntity, row.id, { deliveredAt: now, lastError: null }),
      );
    }
    const lastError = failures.join('\n').slice(0, 4000);
    const { maxAttempts, retryBaseSeconds } = this.config.outbox;
    if (row.attempts >= maxAttempts) {
      this.logger.error(`event ${row.id} (${row.type}) dead after ${row.attempts} attempts: ${lastError}`);
      return this.tx.run((manager) => manager.update(OutboxEventEntity, row.id, { deadAt: now, lastError }));
    }
    const delaySeconds = Math.min(retryBaseSeconds * 2 ** (row.attempts - 1), MAX_RETRY_DELAY_SECONDS);
    this.logger.warn(
      `event ${row.id} (${row.type}) attempt ${row.attempts} failed, retry in ${delaySeconds} s: ${lastError}`,
    );
    return this.tx.run((manager) =>
      manager.update(OutboxEventEntity, row.id, {
        availableAt: new Date(now.getTime() + delaySeconds * 1000),
        lastError,
      }),
    );
  }
}
