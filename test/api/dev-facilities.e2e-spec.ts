import request from 'supertest';
import { createApp } from '../../server/src/app.factory';
import { Factory } from '../support/factories';
import { placeOrder, stockOf } from '../support/orders';
import { advanceClock, runJob } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

describe('Test clock and job trigger (MariaDB)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  it('should cancel an unpaid order and release its stock once the clock passes the payment window', async () => {
    const factory = new Factory(server);
    const alice = await factory.member();
    const storeId = (await factory.store()).id;
    const contact = (await factory.sku('contacts', { storeId, quantity: 10 })).id;
    const order = await placeOrder(server.baseUrl, alice.authorization, {
      storeId,
      items: [{ skuId: contact, quantity: 2 }],
    });
    expect(await stockOf(server.dataSource, storeId, contact)).toBe(8);

    // Still inside the window: the job leaves it alone.
    await advanceClock(server.baseUrl, (server.config.orders.paymentWindowMinutes - 1) * 60);
    expect(await runJob(server.baseUrl, 'order-expiry')).toBe(0);
    const open = await api()
      .get(`/api/v1/orders/${order.id}`)
      .set('authorization', alice.authorization)
      .expect(200);
    expect(open.body.status).toBe('pending_payment');

    await advanceClock(server.baseUrl, 2 * 60);
    expect(await runJob(server.baseUrl, 'order-expiry')).toBe(1);
    const expired = await api()
      .get(`/api/v1/orders/${order.id}`)
      .set('authorization', alice.authorization)
      .expect(200);
    expect(expired.body.status).toBe('cancelled');
    expect(expired.body.timeline.at(-1)).toMatchObject({
      to: 'cancelled',
      actor: 'system',
      note: 'not paid in time',
    });
    expect(await stockOf(server.dataSource, storeId, contact)).toBe(10);
    // A late payment attempt is refused by the same clock.
    const late = await api()
      .post(`/api/v1/orders/${order.id}/pay`)
      .set('authorization', alice.authorization)
      .expect(409);
    expect(late.body.code).toBe('ORDER_NOT_PAYABLE');
  });

  it('should move the clock forward and back to real time', async () => {
    const before = Date.now();
    const moved = await advanceClock(server.baseUrl, 3600);
    expect(moved.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    const reset = await api().post('/api/v1/dev/clock').send({ reset: true }).expect(200);
    expect(Math.abs(new Date(reset.body.now).getTime() - Date.now())).toBeLessThan(5_000);
  });

  it.each([
    [{}],
    [{ advanceSeconds: -60 }],
    [{ advanceSeconds: 1.5 }],
    [{ advanceSeconds: '60' }],
    [{ reset: false }],
    [{ advanceSeconds: 60, tick: true }],
  ])('should refuse the clock body %j with 400', async (body) => {
    const now = await api().post('/api/v1/dev/clock').send({ advanceSeconds: 1 }).expect(200);
    const response = await api().post('/api/v1/dev/clock').send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const after = await api().post('/api/v1/dev/clock').send({ advanceSeconds: 1 }).expect(200);
    // Refused bodies move nothing: one second later (and the time the requests took).
    expect(new Date(after.body.now).getTime() - new Date(now.body.now).getTime()).toBeLessThan(1_000 + 5_000);
  });

  it('should list the background jobs and answer 404 for an unknown one', async () => {
    const jobs = await api().get('/api/v1/dev/jobs').expect(200);
    expect(jobs.body.map((job: { name: string }) => job.name)).toEqual(
      expect.arrayContaining(['order-expiry', 'outbox', 'payment-reconciliation', 'wechat-pay-certificates']),
    );
    const unknown = await api().post('/api/v1/dev/jobs/tidy-up/run').expect(404);
    expect(unknown.body.code).toBe('JOB_NOT_FOUND');
  });

  it('should not mount the dev routes in production', async () => {
    const production = await createApp({ ...server.config, environment: 'production' });
    await production.listen(0, '127.0.0.1');
    try {
      const baseUrl = await production.getUrl();
      for (const [method, path] of [
        ['post', '/api/v1/dev/clock'],
        ['get', '/api/v1/dev/jobs'],
        ['post', '/api/v1/dev/jobs/outbox/run'],
      ] as const) {
        const response = await request(baseUrl)[method](path).send({ advanceSeconds: 60 }).expect(404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
    } finally {
      await production.close();
    }
  });
});
