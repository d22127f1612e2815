import request from 'supertest';
import { daysAgo } from '../support/dates';
import { Factory, type MemberFixture } from '../support/factories';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import { startTestServer, type TestServer } from '../support/test-server';

interface Answer {
  request: string;
  startedAt: number;
  answeredAt: number;
  status: number;
  retryAfter: string | null;
  code?: string;
  orderId?: number;
}

/** Bounds of the load, in requests and in time, whatever happens to the database. */
const MAX_REQUESTS = 10_000;
const MAX_LOAD_MS = 60_000;
const WORKERS = 6;
/** Each worker's pause between requests: failing fast, an outage would otherwise use up the bound. */
const PACE_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * MariaDB killed with SIGKILL under load, then restarted on the same datadir and port. It runs on
 * a MariaDB of its own: killing the one the global setup shares would fail the other suites.
 */
describe('A database outage (a MariaDB of its own, killed under load)', () => {
  let mariadb: ThrowawayMariaDb;
  let server: TestServer;
  let alice: MemberFixture;
  let storeId: number;
  /** The desk's lookup of alice's latest prescription (prepared statements, a grouped audit row). */
  let deskLookup: { path: string; authorization: string };
  let skuId: number;

  beforeAll(async () => {
    mariadb = await startThrowawayMariaDb();
    server = await startTestServer({ mariadbUrl: mariadb.url });
    const factory = new Factory(server);
    storeId = (await factory.store()).id;
    skuId = (await factory.sku('contacts', { storeId, quantity: 100_000, price: 1_000 })).id;
    alice = await factory.member({ consent: true });
    const optometrist = await factory.staff('optometrist', storeId);
    await request(server.baseUrl)
      .post(`/api/v1/staff/customers/${alice.memberId}/prescriptions`)
      .set('authorization', optometrist.authorization)
      .send({
        kind: 'distance',
        examDate: daysAgo(30),
        od: { sphere: -125, cylinder: 0 },
        os: { sphere: -100, cylinder: 0 },
        pd: { binocular: 630 },
      })
      .expect(201);
    deskLookup = {
      path: `/staff/customers/${alice.memberId}/prescriptions/latest`,
      authorization: optometrist.authorization,
    };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await mariadb?.stop();
  });

  /** One request of the mix a shop sees: orders placed and listed, the catalog, a login, the desk. */
  async function send(kind: number): Promise<Answer> {
    const startedAt = Date.now();
    const [label, init]: [string, RequestInit] = [
      [
        'POST /orders',
        {
          method: 'POST',
          body: JSON.stringify({ storeId, fulfilment: 'pickup', items: [{ skuId, quantity: 1 }] }),
        },
      ],
      ['GET /orders', { method: 'GET' }],
      ['GET /products', { method: 'GET' }],
      ['POST /auth/wechat/login', { method: 'POST', body: JSON.stringify({ code: alice.openid }) }],
      [`GET ${deskLookup.path}`, { method: 'GET', headers: { authorization: deskLookup.authorization } }],
    ][kind % 5] as [string, RequestInit];
    const [method, path] = label.split(' ');
    try {
      const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
        ...init,
        method,
        headers: { authorization: alice.authorization, 'content-type': 'application/json', ...init.headers },
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await response.json()) as { code?: string; id?: number };
      return {
        request: label,
        startedAt,
        answeredAt: Date.now(),
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        code: body.code,
        orderId: label === 'POST /orders' && response.status === 201 ? body.id : undefined,
      };
    } catch (error) {
      const answeredAt = Date.now();
      return { request: `${label} (${String(error)})`, startedAt, answeredAt, status: 0, retryAfter: null };
    }
  }

  it('should answer 503 with Retry-After while it is down, serve again within 10 s of its restart and lose no committed order', async () => {
    const logged: string[] = [];
    const keep = (message: unknown) => void logged.push(String(message));
    server.app.useLogger({ log: keep, error: keep, warn: keep });
    const answers: Answer[] = [];
    const loadEnds = Date.now() + MAX_LOAD_MS;
    let stopping = false;
    const workers = Array.from({ length: WORKERS }, async (_, worker) => {
      for (let round = worker; !stopping && answers.length < MAX_REQUESTS && Date.now() < loadEnds; round++) {
        answers.push(await send(round));
        await sleep(PACE_MS);
      }
    });
    const ordersPlaced = () => answers.filter((answer) => answer.orderId !== undefined).length;

    while (ordersPlaced() < 20 && Date.now() < loadEnds) await sleep(50);
    await mariadb.kill();
    const downAt = Date.now();
    await sleep(2_000);
    const health = await fetch(`${server.baseUrl}/api/health`);
    const restartAt = Date.now();
    await mariadb.restart();
    const upAt = Date.now();
    while (
      !answers.some((answer) => answer.startedAt >= upAt && answer.status < 300) &&
      Date.now() < upAt + 15_000
    ) {
      await sleep(20);
    }
    const servedAt = answers.find((answer) => answer.startedAt >= upAt && answer.status < 300)?.answeredAt;
    await sleep(1_000);
    stopping = true;
    await Promise.all(workers);

    expect(answers.length).toBeLessThanOrEqual(MAX_REQUESTS + WORKERS);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    // Nothing but successes and 503s, at any time: no 500, no dropped connection.
    const unexpected = answers.filter((answer) => answer.status >= 300 && answer.status !== 503);
    expect(unexpected).toEqual([]);
    const duringOutage = answers.filter(
      (answer) => answer.startedAt >= downAt && answer.startedAt < restartAt,
    );
    expect(duringOutage.length).toBeGreaterThan(50);
    expect(duringOutage.filter((answer) => answer.status !== 503)).toEqual([]);
    expect(
      answers.filter(
        (answer) =>
          answer.status === 503 && (answer.retryAfter !== '5' || answer.code !== 'SERVICE_UNAVAILABLE'),
      ),
    ).toEqual([]);
    expect(servedAt).toBeDefined();
    expect((servedAt as number) - upAt).toBeLessThan(10_000);
    const settled = answers.filter((answer) => answer.startedAt > (servedAt as number) + 500);
    expect(settled.length).toBeGreaterThan(10);
    expect(settled.filter((answer) => answer.status >= 300)).toEqual([]);

    // The desk's lookups took part: 503 while it was down, and no value answered without its audit
    // row (a row may have committed for a lookup whose answer the outage cut off).
    const desk = answers.filter((answer) => answer.request === `GET ${deskLookup.path}`);
    expect(desk.some((answer) => answer.startedAt >= downAt && answer.status === 503)).toBe(true);
    const deskAnswered = desk.filter((answer) => answer.status === 200).length;
    expect(settled.some((answer) => answer.request === `GET ${deskLookup.path}`)).toBe(true);
    const [{ rows: auditRows }] = await server.dataSource.query(
      "SELECT COUNT(*) AS `rows` FROM audit_log WHERE member_id = ? AND action = 'prescription.read'",
      [alice.memberId],
    );
    expect(Number(auditRows)).toBeGreaterThanOrEqual(deskAnswered);

    // Every order answered 201 is there after the restart, those from before the kill included.
    const placed = answers.filter((answer) => answer.orderId !== undefined);
    const committed = placed.map((answer) => answer.orderId as number);
    expect(placed.filter((answer) => answer.answeredAt <= downAt).length).toBeGreaterThanOrEqual(20);
    expect(placed.some((answer) => answer.startedAt >= upAt)).toBe(true);
    const stored: { id: number }[] = await server.dataSource.query(
      `SELECT id FROM orders WHERE id IN (${committed.map(() => '?').join(',')})`,
      committed,
    );
    expect(stored.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(
      [...committed].sort((a, b) => a - b),
    );

    // One log line when the outage began and one when it ended, not one per failed request.
    const linesStarting = (prefix: string) => logged.filter((line) => line.startsWith(prefix));
    for (let wait = 0; wait < 40 && !linesStarting('database reachable again').length; wait++)
      await sleep(50);
    expect(linesStarting('database unreachable')).toHaveLength(1);
    expect(linesStarting('database reachable again')).toHaveLength(1);
  }, 120_000);
});
