import type { Connection } from 'mysql2/promise';
import { signedNotification } from '../../server/src/infra/wechat/pay/fake-wechat-pay';
import type { ApiProcess } from '../support/api-process';
import { Factory, type MemberFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { paidTransaction } from '../support/wechat-pay';
import {
  galeraNode,
  sleep,
  startClusterDeployment,
  wsrepStatus,
  type ClusterDeployment,
} from './support/cluster';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  startedAt: number;
  answeredAt: number;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    authorization?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.authorization ? { authorization: options.authorization } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, body, startedAt, answeredAt: Date.now() };
  } catch (error) {
    return { status: 0, body: { error: String(error) }, startedAt, answeredAt: Date.now() };
  }
}

/** Holds `SELECT … FOR UPDATE` on rows of node `connection` until `release()`: requests touching them wait. */
async function holdRows(connection: Connection, sql: string, parameters: unknown[]) {
  await connection.query('START TRANSACTION');
  await connection.query(sql, parameters);
  return { release: () => connection.query('ROLLBACK') };
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
  return Date.now() - started;
}

/**
 * The fault tests of the nightly cluster run: a database node restarted under load, API processes
 * killed mid-order and mid-notification, pool exhaustion and SIGTERM, on the Galera test bed.
 */
describe('Faults on the cluster (nightly)', () => {
  let deployment: ClusterDeployment;
  let factory: Factory;
  let customers: MemberFixture[];
  let storeId: number;

  beforeAll(async () => {
    deployment = await startClusterDeployment();
    factory = new Factory(deployment.server);
    storeId = (await factory.store()).id;
    customers = await Promise.all(Array.from({ length: 4 }, () => factory.member()));
  }, 120_000);
  afterAll(() => deployment?.server.stop());

  const order = (skuId: number, quantity = 1) => ({
    storeId,
    fulfilment: 'pickup',
    items: [{ skuId, quantity }],
  });
  const ready = (replica: ApiProcess) =>
    call(replica.baseUrl, 'GET', '/api/health/ready', { timeoutMs: 5_000 });

  it("should answer 503 on readiness within 5 s of its node's crash, serve again within 30 s of its return, and lose or double no order", async () => {
    const replica = await deployment.replica(2);
    const { id: skuId } = await factory.sku('contacts', { storeId, quantity: 100_000 });
    const answers: (Answer & { key: string })[] = [];
    let stopping = false;
    let sequence = 0;
    const workers = Array.from({ length: 4 }, async (_, worker) => {
      while (!stopping) {
        const key = `restart-${worker}-${sequence++}`;
        answers.push({
          key,
          ...(await call(replica.baseUrl, 'POST', '/api/v1/orders', {
            authorization: customers[worker].authorization,
            body: order(skuId),
            headers: { 'idempotency-key': key },
            timeoutMs: 15_000,
          })),
        });
        await sleep(20);
      }
    });
    try {
      while (answers.length < 20) await sleep(50);
      await galeraNode('kill', 2);
      const killedAt = Date.now();
      const notReadyAfter = await waitUntil(async () => (await ready(replica)).status === 503, 5_000);
      expect(notReadyAfter).toBeLessThan(5_000);
      await sleep(2_000);
      await galeraNode('start', 2);
      const backAt = Date.now();
      const servedAfter = await waitUntil(async () => (await ready(replica)).status === 200, 30_000);
      expect(servedAfter).toBeLessThan(30_000);
      await sleep(2_000);
      stopping = true;
      await Promise.all(workers);
      // Meanwhile: only successes and 503s (never a 500); orders answered 201 after the return.
      if (answers.some((answer) => ![201, 503].includes(answer.status))) {
        process.stderr.write(`replica output:\n${replica.output().slice(-6000)}\n`);
      }
      expect(answers.filter((answer) => ![201, 503].includes(answer.status))).toEqual([]);
      expect(
        answers.filter((answer) => answer.startedAt > killedAt + 1_000 && answer.startedAt < backAt).length,
      ).toBeGreaterThan(0);
      expect(
        answers.filter((answer) => answer.startedAt > backAt + servedAfter && answer.status === 201).length,
      ).toBeGreaterThan(0);
    } finally {
      stopping = true;
      await Promise.all(workers);
      await replica.kill();
    }
    // Every order answered 201 is stored exactly once; an unanswered one (503) is stored at most once.
    const connection = await deployment.connect(1);
    try {
      await connection.query('SET SESSION wsrep_sync_wait = 1');
      const [rows] = await connection.query(
        'SELECT o.id, COUNT(*) AS item_count FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.sku_id = ? GROUP BY o.id',
        [skuId],
      );
      const stored = new Set((rows as { id: number }[]).map((row) => Number(row.id)));
      const committed = answers
        .filter((answer) => answer.status === 201)
        .map((answer) => Number(answer.body.id));
      expect(committed.filter((id) => !stored.has(id))).toEqual([]);
      expect(stored.size).toBeLessThanOrEqual(answers.length);
      expect(new Set(committed).size).toBe(committed.length);
      const [[stock]] = (await connection.query(
        'SELECT quantity FROM store_stock WHERE store_id = ? AND sku_id = ?',
        [storeId, skuId],
      )) as unknown as [{ quantity: number }[]];
      // Stock taken equals the orders stored: no half-written order.
      expect(100_000 - Number(stock.quantity)).toBe(stored.size);
    } finally {
      await connection.end();
    }
  });

  it('should leave no half-written order when an API process is killed (kill -9) in the middle of orders', async () => {
    const doomed = await deployment.replica(1);
    const frame = await factory.sku('frames', { storeId, quantity: 10_000 });
    const lens = await factory.sku('contacts', { storeId, quantity: 10_000 });
    let stopping = false;
    let answered = 0;
    const workers = Array.from({ length: 6 }, async (_, worker) => {
      while (!stopping) {
        const answer = await call(doomed.baseUrl, 'POST', '/api/v1/orders', {
          authorization: customers[worker % customers.length].authorization,
          body: {
            storeId,
            fulfilment: 'pickup',
            items: [
              { skuId: frame.id, quantity: 1 },
              { skuId: lens.id, quantity: 2 },
            ],
          },
        });
        if (answer.status === 0) return; // the process is gone
        answered++;
      }
    });
    while (answered < 15) await sleep(20);
    await doomed.kill();
    stopping = true;
    await Promise.all(workers);

    const connection = await deployment.connect(1);
    try {
      const [orders] = await connection.query(
        `SELECT o.id, SUM(i.sku_id = ?) AS frames, SUM(CASE WHEN i.sku_id = ? THEN i.quantity ELSE 0 END) AS lenses
           FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE i.sku_id IN (?, ?) GROUP BY o.id`,
        [frame.id, lens.id, frame.id, lens.id],
      );
      const rows = orders as { frames: number; lenses: number }[];
      expect(rows.length).toBeGreaterThanOrEqual(15);
      expect(rows.filter((row) => Number(row.frames) !== 1 || Number(row.lenses) !== 2)).toEqual([]);
      const [stock] = await connection.query(
        'SELECT sku_id, quantity FROM store_stock WHERE store_id = ? AND sku_id IN (?, ?) ORDER BY sku_id = ?',
        [storeId, frame.id, lens.id, lens.id],
      );
      const [frameStock, lensStock] = (stock as { quantity: number }[]).map((row) => Number(row.quantity));
      expect([10_000 - frameStock, 10_000 - lensStock]).toEqual([rows.length, 2 * rows.length]);
    } finally {
      await connection.end();
    }
  });

  it("should credit a payment once when the process handling WeChat's notification is killed and WeChat retries elsewhere", async () => {
    const alice = customers[0];
    const { id: skuId } = await factory.sku('contacts', { storeId, quantity: 100 });
    const placed = await placeOrder(deployment.server.baseUrl, alice.authorization, {
      storeId,
      items: [{ skuId, quantity: 1 }],
    });
    const notification = signedNotification(
      deployment.server.pay,
      'TRANSACTION.SUCCESS',
      paidTransaction(deployment.server.pay, placed, alice.openid),
    );
    const deliver = (replica: ApiProcess) =>
      fetch(`${replica.baseUrl}/api/v1/payments/wechat/notify`, {
        method: 'POST',
        headers: { ...notification.headers, 'content-type': 'application/json' },
        body: notification.body,
        signal: AbortSignal.timeout(30_000),
      }).then(
        (response) => response.status,
        () => 0,
      );
    const doomed = await deployment.replica(1);
    const other = await deployment.replica(2);
    const locker = await deployment.connect(1);
    try {
      // The order row is held on node1, so the notification stops inside its transaction there.
      const hold = await holdRows(locker, 'SELECT id FROM orders WHERE id = ? FOR UPDATE', [placed.id]);
      const cut = deliver(doomed);
      await sleep(1_500);
      await doomed.kill();
      expect(await cut).toBe(0);
      await hold.release();
      // WeChat retries (to whichever replica the load balancer picks), more than once.
      expect(await deliver(other)).toBe(204);
      expect(await deliver(other)).toBe(204);
      await locker.query('SET SESSION wsrep_sync_wait = 1');
      const count = async (sql: string) =>
        Number(((await locker.query(sql, [placed.id])) as unknown as [{ n: number }[]])[0][0].n);
      expect(await count('SELECT COUNT(*) AS n FROM payments WHERE order_id = ?')).toBe(1);
      expect(
        await count("SELECT COUNT(*) AS n FROM order_events WHERE order_id = ? AND to_status = 'paid'"),
      ).toBe(1);
      expect(await count("SELECT COUNT(*) AS n FROM orders WHERE id = ? AND status = 'paid'")).toBe(1);
    } finally {
      await locker.end();
      await other.kill();
      if (doomed.child.exitCode === null && doomed.child.signalCode === null) await doomed.kill();
    }
  });

  it('should answer 503 within 2 s when every pooled connection is taken, liveness staying up', async () => {
    const replica = await deployment.replica(1, { DB_POOL_SIZE: '2', DB_ACQUIRE_TIMEOUT_MS: '1000' });
    const { id: skuId } = await factory.sku('contacts', { storeId, quantity: 100 });
    const locker = await deployment.connect(1);
    try {
      const hold = await holdRows(
        locker,
        'SELECT * FROM store_stock WHERE store_id = ? AND sku_id = ? FOR UPDATE',
        [storeId, skuId],
      );
      // Two orders wait on the held stock row, each holding one of the pool's two connections.
      const stuck = [0, 1].map((index) =>
        call(replica.baseUrl, 'POST', '/api/v1/orders', {
          authorization: customers[index].authorization,
          body: order(skuId),
        }),
      );
      await sleep(1_000);
      const readiness = await ready(replica);
      expect(readiness.status).toBe(503);
      expect(readiness.answeredAt - readiness.startedAt).toBeLessThan(2_000);
      const products = await call(replica.baseUrl, 'GET', '/api/v1/products');
      expect(products).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
      expect(products.answeredAt - products.startedAt).toBeLessThan(2_000);
      const live = await call(replica.baseUrl, 'GET', '/api/health/live');
      expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(live.answeredAt - live.startedAt).toBeLessThan(500);
      await hold.release();
      expect((await Promise.all(stuck)).map((answer) => answer.status)).toEqual([201, 201]);
      expect((await ready(replica)).status).toBe(200);
    } finally {
      await locker.end();
      await replica.kill();
    }
  });

  it('should go unready first on SIGTERM, finish the request in flight and exit 0 within 25 s', async () => {
    const replica = await deployment.replica(1, { SHUTDOWN_DRAIN_MS: '2000' });
    const { id: skuId } = await factory.sku('contacts', { storeId, quantity: 100 });
    const locker = await deployment.connect(1);
    try {
      const hold = await holdRows(
        locker,
        'SELECT * FROM store_stock WHERE store_id = ? AND sku_id = ? FOR UPDATE',
        [storeId, skuId],
      );
      const inFlight = call(replica.baseUrl, 'POST', '/api/v1/orders', {
        authorization: customers[0].authorization,
        body: order(skuId),
      });
      await sleep(500);
      const exited = new Promise<number | null>((done) => replica.child.once('exit', (code) => done(code)));
      const signalledAt = Date.now();
      replica.child.kill('SIGTERM');
      await sleep(200);
      // Draining: readiness says 503 so the load balancer stops sending, but requests are still served.
      expect((await ready(replica)).status).toBe(503);
      expect((await call(replica.baseUrl, 'GET', '/api/health/live')).status).toBe(200);
      await sleep(3_000);
      await hold.release();
      const finished = await inFlight;
      expect(finished.status).toBe(201);
      const exitCode = await exited;
      if (exitCode !== 0) process.stderr.write(`replica output:\n${replica.output().slice(-3000)}\n`);
      expect(exitCode).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(25_000);
    } finally {
      await locker.end();
      if (replica.child.exitCode === null) await replica.kill();
    }
  });

  it('should end with the three nodes synced', async () => {
    for (const node of [1, 2, 3] as const) {
      expect(await wsrepStatus(node)).toMatchObject({
        wsrep_cluster_size: '3',
        wsrep_local_state_comment: 'Synced',
      });
    }
  });
});
