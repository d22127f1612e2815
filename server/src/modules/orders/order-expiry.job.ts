import { Inject, Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { OrderEntity } from './entities/order.entity';
import { IdempotencyService } from './idempotency.service';
import { OrderLifecycle, SYSTEM } from './order-lifecycle';
import { WechatTransactionCloser } from './wechat-transaction-closer';

const BATCH = 50;

/**
 * Cancels orders left unpaid past their payment window and releases their stock. Each run
 * claims a batch with `FOR UPDATE SKIP LOCKED`, so replicas running it at once take different
 * orders; the status-conditional update is a second guard (and the only one on SQLite, which
 * has one process and no row locks). WeChat transactions are closed after the commit. Also drops
 * idempotency keys past their day.
 */
@Injectable()
export class OrderExpiryJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: OrderLifecycle,
    private readonly idempotency: IdempotencyService,
    private readonly closer: WechatTransactionCloser,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const batch = await this.cancelBatch();
      cancelled += batch.cancelled.length;
      await this.closer.closeCancelled(batch.cancelled);
      if (batch.claimed < BATCH) break;
    }
    await this.idempotency.deleteExpired();
    return cancelled;
  }

  private cancelBatch(): Promise<{ claimed: number; cancelled: OrderEntity[] }> {
    return this.tx.run(async (manager) => {
      const query = manager
        .createQueryBuilder(OrderEntity, 'order')
        .where('order.status = :status AND order.expiresAt <= :now', {
          status: 'pending_payment',
          now: new Date(),
        })
        .orderBy('order.id')
        .limit(BATCH);
      if (this.tx.supportsRowLocks) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const orders = await query.getMany();
      const cancelled: OrderEntity[] = [];
      for (const order of orders) {
        const done = await this.lifecycle.tryTransition(manager, order, 'cancelled', SYSTEM, {
          note: 'not paid in time',
        });
        if (done) cancelled.push(order);
      }
      return { claimed: orders.length, cancelled };
    });
  }
}
