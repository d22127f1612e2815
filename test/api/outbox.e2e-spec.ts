import request from 'supertest';
import { startApiProcess } from '../support/api-process';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import {
  advanceClock,
  fakeTransaction,
  handledMarks,
  outboxEvents,
  runJob,
  waitFor,
} from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

/**
 * The transactional outbox, through its first real handler: closing the WeChat transaction of a
 * cancelled order (`OrderCancelled` → payments.close-wechat-transaction).
 */
describe('Domain events through the outbox (MariaDB)', () => {
  let server: TestServer;
  let alice: MemberFixture;
  let admin: StaffFixture;
  let manager: StaffFixture;
  let storeId: number;
  let contactSku: number;
  beforeAll(async () => {
    server = await startTestServer();
    const factory = new Factory(server);
    ({ storeId, skuId: contactSku } = await factory.storeSelling('contacts', 500));
    alice = await factory.member();
    admin = await factory.staff('admin', null);
    manager = await factory.staff('manager', storeId);
  });
  afterAll(() => server.stop());

  const api = (baseUrl = server.baseUrl) => request(baseUrl);
  /** An order with a WeChat prepay, so that cancelling it must close the WeChat transaction. */
  const prepaidOrder = async () => {
    const order = await placeOrder(server.baseUrl, alice.authorization, {
      storeId,
      items: [{ skuId: contactSku, quantity: 1 }],
    });
    await api().post(`/api/v1/orders/${order.id}/pay`).set('authorization', alice.authorization).expect(200);
    return order;
  };
  const cancel = (orderId: number, baseUrl = server.baseUrl) =>
    api(baseUrl)
      .post(`/api/v1/orders/${orderId}/cancel`)
      .set('authorization', alice.authorization)
      .expect(200);
  const withWechatPayUnreachable = async <T>(work: () => Promise<T>): Promise<T> => {
    const pay = server.config.wechatPay!;
    const reachable = pay.baseUrl;
    pay.baseUrl = 'http://127.0.0.1:1';
    try {
      return await work();
    } finally {
      pay.baseUrl = reachable;
    }
  };

  it('should close the WeChat transaction exactly once while two API processes deliver events', async () => {
    const other = await startApiProcess(server, { JOBS_ENABLED: 'false' });
    try {
      const order = await prepaidOrder();
      await cancel(order.id, other.baseUrl);
      // Both processes run the dispatcher at once (on top of the wake-up after the commit).
      await Promise.all([runJob(server.baseUrl, 'outbox'), runJob(other.baseUrl, 'outbox')]);
      await expectClosedOnce(order);
      // Delivered events are not delivered again.
      await Promise.all([runJob(server.baseUrl, 'outbox'), runJob(other.baseUrl, 'outbox')]);
      expect((await fakeTransaction(server, order.no)).answeredCloses).toBe(1);
    } finally {
      await other.kill();
    }
  });

  async function expectClosedOnce(order: { id: number; no: string }): Promise<void> {
    const [event] = await outboxEvents(server, 'OrderCancelled', order.id);
    expect(event).toMatchObject({ attempts: 1, last_error: null, dead_at: null });
    expect(event.delivered_at).not.toBeNull();
    expect(await handledMarks(server, event.id)).toEqual([
      'coupons.return-on-cancel',
      'group-buys.seat-released',
      'membership.points-on-cancelled',
      'payments.close-wechat-transaction',
      'wallet.return-on-cancel',
    ]);
    expect(await fakeTransaction(server, order.no)).toEqual(
      expect.objectContaining({ trade_state: 'CLOSED', answeredCloses: 1 }),
    );
  }

  it('should retry a failing handler with backoff and deliver it once when it succeeds', async () => {
    const order = await prepaidOrder();
    await withWechatPayUnreachable(async () => {
      await cancel(order.id);
      await runJob(server.baseUrl, 'outbox'); // after the wake-up's attempt: not due again yet
      expect(await outboxEvents(server, 'OrderCancelled', order.id)).toEqual([
        expect.objectContaining({
          attempts: 1,
          delivered_at: null,
          last_error: expect.stringMatching(/could not be reached/),
        }),
      ]);
      await advanceClock(server.baseUrl, server.config.outbox.retryBaseSeconds);
      await runJob(server.baseUrl, 'outbox');
      expect((await outboxEvents(server, 'OrderCancelled', order.id))[0]).toMatchObject({
        attempts: 2,
        delivered_at: null,
      });
      // The failing event blocks nobody: another order's cancellation is delivered meanwhile.
      const unpaid = await placeOrder(server.baseUrl, alice.authorization, {
        storeId,
        items: [{ skuId: contactSku, quantity: 1 }],
      });
      await cancel(unpaid.id);
      await runJob(server.baseUrl, 'outbox');
      expect((await outboxEvents(server, 'OrderCancelled', unpaid.id))[0].delivered_at).not.toBeNull();
    });
    expect((await fakeTransaction(server, order.no)).trade_state).toBe('NOTPAY');
    // The second retry waits twice as long.
    await advanceClock(server.baseUrl, server.config.outbox.retryBaseSeconds);
    expect(await runJob(server.baseUrl, 'outbox')).toBe(0);
    await advanceClock(server.baseUrl, server.config.outbox.retryBaseSeconds);
    await runJob(server.baseUrl, 'outbox');
    const [event] = await outboxEvents(server, 'OrderCancelled', order.id);
    expect(event).toMatchObject({ attempts: 3, last_error: null });
    expect(event.delivered_at).not.toBeNull();
    expect(await fakeTransaction(server, order.no)).toEqual(
      expect.objectContaining({ trade_state: 'CLOSED', answeredCloses: 1 }),
    );
  });

  it('should dead-letter an event after the last attempt, show it to the admin, and re-drive it', async () => {
    const order = await prepaidOrder();
    const maxAttempts = server.config.outbox.maxAttempts;
    server.config.outbox.maxAttempts = 2;
    try {
      await withWechatPayUnreachable(async () => {
        await cancel(order.id);
        await runJob(server.baseUrl, 'outbox');
        await advanceClock(server.baseUrl, server.config.outbox.retryBaseSeconds);
        await runJob(server.baseUrl, 'outbox');
      });
    } finally {
      server.config.outbox.maxAttempts = maxAttempts;
    }
    const [event] = await outboxEvents(server, 'OrderCancelled', order.id);
    expect(event).toMatchObject({ attempts: 2, delivered_at: null });
    expect(event.dead_at).not.toBeNull();
    // Dead: no further attempts, however much time passes.
    await advanceClock(server.baseUrl, 24 * 3600);
    await runJob(server.baseUrl, 'outbox');
    expect((await outboxEvents(server, 'OrderCancelled', order.id))[0].attempts).toBe(2);

    const dead = await api()
      .get('/api/v1/admin/outbox?status=dead')
      .set('authorization', admin.authorization)
      .expect(200);
    const listed = dead.body.items.find((item: { id: number }) => item.id === event.id);
    expect(listed).toMatchObject({
      type: 'OrderCancelled',
      aggregateId: String(order.id),
      status: 'dead',
      attempts: 2,
      lastError: expect.stringMatching(/payments\.close-wechat-transaction: .*could not be reached/),
      payload: expect.objectContaining({ orderId: order.id, orderNo: order.no }),
    });
    expect(dead.body.items.every((item: { status: string }) => item.status === 'dead')).toBe(true);
    await api()
      .get('/api/v1/admin/outbox?status=dead')
      .set('authorization', manager.authorization)
      .expect(403);
    await api().get('/api/v1/admin/outbox?status=lost').set('authorization', admin.authorization).expect(400);

    const retried = await api()
      .post(`/api/v1/admin/outbox/${event.id}/retry`)
      .set('authorization', admin.authorization)
      .expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, deadAt: null });
    await runJob(server.baseUrl, 'outbox');
    expect((await outboxEvents(server, 'OrderCancelled', order.id))[0].delivered_at).not.toBeNull();
    expect((await fakeTransaction(server, order.no)).answeredCloses).toBe(1);
    const again = await api()
      .post(`/api/v1/admin/outbox/${event.id}/retry`)
      .set('authorization', admin.authorization)
      .expect(409);
    expect(again.body.code).toBe('OUTBOX_EVENT_NOT_DEAD');
    const missing = await api()
      .post('/api/v1/admin/outbox/999999/retry')
      .set('authorization', admin.authorization)
      .expect(404);
    expect(missing.body.code).toBe('OUTBOX_EVENT_NOT_FOUND');
  });

  it('should deliver an event once after the process handling it was killed (kill -9)', async () => {
    const order = await prepaidOrder();
    // WeChat holds its answer to the close, so the replica dies in the middle of the handler.
    await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/hold-close?ms=3000`, { method: 'POST' });
    const env = { JOBS_ENABLED: 'false', OUTBOX_LEASE_SECONDS: '1' };
    const doomed = await startApiProcess(server, env);
    try {
      await cancel(order.id, doomed.baseUrl);
      await waitFor(async () => (await outboxEvents(server, 'OrderCancelled', order.id))[0]?.attempts === 1);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the close request is on its way
    } finally {
      await doomed.kill();
    }
    const [claimed] = await outboxEvents(server, 'OrderCancelled', order.id);
    expect(claimed).toMatchObject({ attempts: 1, delivered_at: null, dead_at: null });
    // The close was cut off; coupons' transactional handler may have finished before it.
    expect(await handledMarks(server, claimed.id)).not.toContain('payments.close-wechat-transaction');
    await fetch(`${server.wechat.baseUrl}/fake/pay/${order.no}/hold-close?ms=0`, { method: 'POST' });

    const restarted = await startApiProcess(server, env);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // the dead process's lease runs out
      await runJob(restarted.baseUrl, 'outbox');
    } finally {
      await restarted.kill();
    }
    const [event] = await outboxEvents(server, 'OrderCancelled', order.id);
    expect(event).toMatchObject({ attempts: 2, last_error: null });
    expect(event.delivered_at).not.toBeNull();
    expect(await handledMarks(server, event.id)).toEqual([
      'coupons.return-on-cancel',
      'group-buys.seat-released',
      'membership.points-on-cancelled',
      'payments.close-wechat-transaction',
      'wallet.return-on-cancel',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the held close would be answered by now
    expect(await fakeTransaction(server, order.no)).toEqual(
      expect.objectContaining({ trade_state: 'CLOSED', answeredCloses: 1 }),
    );
  });

  it('should keep delivered events for the retention period, then delete them with their marks', async () => {
    const order = await prepaidOrder();
    await cancel(order.id);
    await runJob(server.baseUrl, 'outbox');
    const [event] = await outboxEvents(server, 'OrderCancelled', order.id);
    expect(event.delivered_at).not.toBeNull();
    await advanceClock(server.baseUrl, (server.config.outbox.retentionDays - 1) * 86_400);
    await runJob(server.baseUrl, 'outbox');
    expect(await outboxEvents(server, 'OrderCancelled', order.id)).toHaveLength(1);
    await advanceClock(server.baseUrl, 2 * 86_400);
    await runJob(server.baseUrl, 'outbox');
    expect(await outboxEvents(server, 'OrderCancelled', order.id)).toEqual([]);
    expect(await handledMarks(server, event.id)).toEqual([]);
  });

  it('should publish MemberRegistered once, on the first login, with the referral code it came with', async () => {
    const first = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'dev-newcomer', referralCode: 'FRIEND01', storeId })
      .expect(200);
    await api().post('/api/v1/auth/wechat/login').send({ code: 'dev-newcomer' }).expect(200);
    const memberId = first.body.member.id as number;
    const events: { payload: string }[] = await server.dataSource.query(
      "SELECT payload FROM outbox_events WHERE type = 'MemberRegistered' AND aggregate_id = ?",
      [String(memberId)],
    );
    expect(events.map((event) => JSON.parse(event.payload))).toEqual([
      { memberId, storeId, referralCode: 'FRIEND01', scene: null, scannedAt: null },
    ]);
  });

  it('should publish PrescriptionRecorded with ids and facts, never the powers', async () => {
    const factory = new Factory(server);
    const optometrist = await factory.staff('optometrist', storeId);
    const customer = await factory.member({ consent: true });
    const recorded = await api()
      .post(`/api/v1/staff/customers/${customer.memberId}/prescriptions`)
      .set('authorization', optometrist.authorization)
      .send({
        kind: 'distance',
        examDate: daysAgo(60),
        od: { sphere: -275, cylinder: -50, axis: 180 },
        os: { sphere: -250, cylinder: 0 },
        pd: { binocular: 620 },
      })
      .expect(201);
    const events: { payload: string }[] = await server.dataSource.query(
      "SELECT payload FROM outbox_events WHERE type = 'PrescriptionRecorded' AND aggregate_id = ?",
      [String(recorded.body.id)],
    );
    expect(events.map((event) => JSON.parse(event.payload))).toEqual([
      {
        prescriptionId: recorded.body.id,
        memberId: customer.memberId,
        profileId: recorded.body.profileId,
        kind: 'distance',
        examDate: daysAgo(60),
      },
    ]);
    expect(events[0].payload).not.toMatch(/sphere|-275|620/);
  });
});
