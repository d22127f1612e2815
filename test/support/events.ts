import type { DomainEvents, DomainEventType } from '../../server/src/infra/events/domain-events';
import { EventBus } from '../../server/src/infra/events/event-bus';
import { TransactionRunner } from '../../server/src/common/transaction';
import type { TestServer } from './test-server';

/**
 * Publishes a domain event through the server's own EventBus, in a transaction of its own, exactly
 * as a module does: for events whose publishing route another module has not built yet
 * (`CustomerArrived`, `CustomerAdded`, group-buy results). Run the `outbox` job to deliver it.
 */
export async function publishEvent<K extends DomainEventType>(
  server: TestServer,
  type: K,
  aggregateId: number | string,
  payload: DomainEvents[K],
): Promise<void> {
  const events = server.app.get(EventBus);
  await server.app
    .get(TransactionRunner)
    .run((manager) => events.publish(manager, type, aggregateId, payload));
}
