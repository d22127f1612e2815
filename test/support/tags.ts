import type { OrderRequest } from '@lensloop/shared';
import request from 'supertest';
import { TransactionRunner } from '../../server/src/common/transaction';
import { EventBus } from '../../server/src/infra/events/event-bus';
import type { DomainEvents } from '../../server/src/infra/events/domain-events';
import { apiClient } from './api-client';
import { uniqueName, type MemberFixture } from './factories';
import { runJob, waitFor } from './outbox';
import type { TestServer } from './test-server';

/**
 * Publishes a domain event through the server's own outbox, as the module that owns it would (the
 * customers, WeCom and staff-task modules are built elsewhere): a contract-level stand-in.
 */
export async function publishEvent<K extends keyof DomainEvents>(
  server: TestServer,
  type: K,
  aggregateId: number | string,
  payload: DomainEvents[K],
): Promise<void> {
  const bus = server.app.get(EventBus);
  await server.app.get(TransactionRunner).run((manager) => bus.publish(manager, type, aggregateId, payload));
}

/** A first WeChat login with a store (a store code), optionally with prescription consent. */
export async function memberAt(
  server: TestServer,
  storeId: number | null,
  options: { consent?: boolean; scene?: string } = {},
): Promise<MemberFixture> {
  const name = uniqueName('tagged');
  const login = await request(server.baseUrl)
    .post('/api/v1/auth/wechat/login')
    .send({
      code: `dev-${name}`,
      ...(storeId ? { storeId } : {}),
      ...(options.scene ? { scene: options.scene } : {}),
    })
    .expect(200);
  const authorization = `Bearer ${login.body.token}`;
  if (options.consent) {
    await request(server.baseUrl)
      .post('/api/v1/me/consents')
      .set('authorization', authorization)
      .send({ kind: 'prescription_storage', granted: true, policyVersion: '2026-11' })
      .expect(201);
  }
  return {
    memberId: login.body.member.id,
    openid: `dev-${name}`,
    authorization,
    api: apiClient(server.baseUrl, authorization),
  };
}

/** Places and pays an order of one unit of `skuId` (the outbox is settled by the caller). */
export async function paidOrder(
  server: TestServer,
  member: { authorization: string },
  storeId: number,
  skuId: number,
  extra: Partial<OrderRequest> = {},
): Promise<number> {
  const order = await request(server.baseUrl)
    .post('/api/v1/orders')
    .set('authorization', member.authorization)
    .send({ storeId, items: [{ skuId, quantity: 1 }], fulfilment: 'pickup', ...extra })
    .expect(201);
  await request(server.baseUrl)
    .post(`/api/v1/dev/payments/${order.body.id}/succeed`)
    .set('authorization', member.authorization)
    .expect(200);
  return order.body.id as number;
}

/** A manager's whole refund of a paid order, waited for until WeChat confirmed it. */
export async function refundOrder(
  server: TestServer,
  manager: { authorization: string },
  member: { authorization: string },
  orderId: number,
): Promise<void> {
  await request(server.baseUrl)
    .post(`/api/v1/staff/orders/${orderId}/refunds`)
    .set('authorization', manager.authorization)
    .send({})
    .expect(200);
  await waitFor(async () => {
    const order = await request(server.baseUrl)
      .get(`/api/v1/orders/${orderId}`)
      .set('authorization', member.authorization)
      .expect(200);
    return order.body.status === 'refunded';
  }, 15_000);
}

/** Runs the outbox until nothing is left to deliver. */
export async function settle(server: TestServer): Promise<void> {
  for (let round = 0; round < 20; round++) {
    if ((await runJob(server.baseUrl, 'outbox')) === 0) return;
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += width) {
    await Promise.all(items.slice(start, start + width).map(work));
  }
}
