import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { TransactionRunner } from '../../common/transaction';
import type { DeliveredEvent, DomainEvents, DomainEventType } from './domain-events';
import { OutboxEventEntity } from './outbox-event.entity';
import { currentRequestId } from '../../common/request-context';

export interface EventHandler<K extends DomainEventType = DomainEventType> {
  /** Unique across the app, e.g. `payments.close-wechat-transaction`: the key of "already done". */
  name: string;
  type: K;
  /**
   * `transactional`: runs inside a transaction together with the "done" mark, so its database
   * effects happen exactly once. `external`: runs outside any transaction (a WeChat call) and is
   * marked done after it returns, so it may run again after a crash: the callee must be idempotent.
   */
  mode: 'transactional' | 'external';
  handle(event: DeliveredEvent<K>, manager: EntityManager | null): Promise<void>;
}

/**
 * Domain events through the transactional outbox: `publish` writes the event in the caller's
 * transaction, so it exists exactly when the change it announces committed; the
 * `OutboxDispatcher` delivers it to the subscribed handlers after the commit.
 */
@Injectable()
export class EventBus {
  private readonly handlers = new Map<DomainEventType, EventHandler[]>();
  private readonly publishedListeners: (() => void)[] = [];

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async publish<K extends DomainEventType>(
    manager: EntityManager,
    type: K,
    aggregateId: number | string,
    payload: DomainEvents[K],
  ): Promise<void> {
    await manager.insert(OutboxEventEntity, {
      type,
      aggregateId: String(aggregateId),
      payload: JSON.stringify(payload),
      availableAt: this.clock.now(),
      attempts: 0,
      requestId: currentRequestId() ?? null,
    });
    this.wakeAfterCommit(manager);
  }

  /** Wakes the dispatcher once `manager`'s transaction has committed. */
  wakeAfterCommit(manager: EntityManager): void {
    this.tx.afterCommit(manager, () => this.publishedListeners.forEach((listener) => listener()));
  }

  subscribe<K extends DomainEventType>(handler: EventHandler<K>): void {
    const all = [...this.handlers.values()].flat();
    if (all.some((existing) => existing.name === handler.name)) {
      throw new Error(`event handler ${handler.name} is registered twice`);
    }
    this.handlers.set(handler.type, [...(this.handlers.get(handler.type) ?? []), handler as EventHandler]);
  }

  handlersOf(type: string): EventHandler[] {
    return this.handlers.get(type as DomainEventType) ?? [];
  }

  /** Called after a transaction that published events has committed (the dispatcher wakes up). */
  onPublished(listener: () => void): void {
    this.publishedListeners.push(listener);
  }
}
