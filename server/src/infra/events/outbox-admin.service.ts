import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type OutboxEvent,
  type OutboxEventStatus,
  type OutboxQuery,
  type Page,
} from '@lensloop/shared';
import { DataSource, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { TransactionRunner } from '../../common/transaction';
import { EventBus } from './event-bus';
import { OutboxEventEntity } from './outbox-event.entity';

const WHERE_STATUS: Record<OutboxEventStatus, FindOptionsWhere<OutboxEventEntity>> = {
  pending: { deliveredAt: IsNull(), deadAt: IsNull() },
  delivered: { deliveredAt: Not(IsNull()) },
  dead: { deadAt: Not(IsNull()) },
};

function statusOf(row: OutboxEventEntity): OutboxEventStatus {
  if (row.deliveredAt) return 'delivered';
  return row.deadAt ? 'dead' : 'pending';
}

function toOutboxEvent(row: OutboxEventEntity): OutboxEvent {
  return {
    id: row.id,
    type: row.type,
    aggregateId: row.aggregateId,
    payload: JSON.parse(row.payload) as unknown,
    status: statusOf(row),
    attempts: row.attempts,
    lastError: row.lastError,
    availableAt: row.availableAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    deadAt: row.deadAt?.toISOString() ?? null,
  };
}

/** What admins see of the outbox: dead-lettered events with their last error, and re-driving one. */
@Injectable()
export class OutboxAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly events: EventBus,
  ) {}

  async list(query: OutboxQuery): Promise<Page<OutboxEvent>> {
    const window = pageWindow(query);
    const [rows, total] = await this.dataSource.manager.findAndCount(OutboxEventEntity, {
      where: query.status ? WHERE_STATUS[query.status] : {},
      order: { id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(rows.map(toOutboxEvent), total, window);
  }

  /** A dead event gets a fresh set of attempts, due now. */
  async retry(id: number): Promise<OutboxEvent> {
    const row = await this.tx.run(async (manager) => {
      const changed = await manager
        .createQueryBuilder()
        .update(OutboxEventEntity)
        .set({ deadAt: null, attempts: 0, availableAt: this.clock.now() })
        .where('id = :id AND dead_at IS NOT NULL', { id })
        .execute();
      if (changed.affected !== 1) {
        const exists = await manager.existsBy(OutboxEventEntity, { id });
        throw exists
          ? new DomainError(ErrorCode.OUTBOX_EVENT_NOT_DEAD, `Event ${id} is not dead-lettered.`)
          : new DomainError(ErrorCode.OUTBOX_EVENT_NOT_FOUND, `Event ${id} does not exist.`);
      }
      this.events.wakeAfterCommit(manager);
      return manager.findOneByOrFail(OutboxEventEntity, { id });
    });
    return toOutboxEvent(row);
  }
}
