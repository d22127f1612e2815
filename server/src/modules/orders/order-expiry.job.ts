import { Inject, Injectable } from '@nestjs/common';
import { BusinessClock } from '../../common/clock';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { OrderEntity } from './entities/order.entity';
import { IdempotencyService } from './idempotency.service';
import { OrderLifecycle, SYSTEM } from './order-lifecycle';

const BATCH = 50;

/**
 * Cancels orders left unpaid past their payment window and releases their stock. Each run
 * claims a batch with `FOR UPDATE SKIP LOCKED`, so replicas running it at once take different
 * orders; the status-conditional update is a second guard (and the only one on SQLite, which
 * has one process and no row locks). Each cancellation publishes `OrderCancelled` (payments
 * closes the WeChat transaction). Also drops idempotency keys past their day.
 */
@Injectable()
export class OrderExpiryJob extends IntervalJob {
  readonly name = 'order-expiry';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: OrderLifecycle,
    private readonly idempotency: IdempotencyService,
    private readonly clock: BusinessClock,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const batch = await this.cancelBatch();
      cancelled += batch.cancelled;
      if (batch.claimed < BATCH) break;
    }
    await this.idempotency.deleteExpired();
    return cancelled;
  }

  private cancelBatch(): Promise<{ claimed: number; cancelled: number }> {
    return this.tx.run(async (manager) => {
      const query = manager
        .createQueryBuilder(OrderEntity, 'order')
        .where('order.status = :status AND order.expiresAt <= :now', {
          status: 'pending_payment',
          now: this.clock.now(),
        })
        .orderBy('order.id')
        .limit(BATCH);
      if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const orders = await query.getMany();
      let cancelled = 0;
      for (const order of orders) {
        const done = await this.lifecycle.tryTransition(manager, order, 'cancelled', SYSTEM, {
          note: 'not paid in time',
        });
        if (done) cancelled++;
      }
      return { claimed: orders.length, cancelled };
    });
  }
}
