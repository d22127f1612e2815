/**
 * Benchmark of order creation on MariaDB: `POST /orders/quote` and `POST /orders` (stock
 * reserved with a conditional UPDATE, order, lines and timeline written, Idempotency-Key stored)
 * served by the real LensLoop server, for a frame with lenses and two options plus a contact-lens
 * box, from 20 members over 20 connections; the create also by bare-orders-server.ts (the same
 * creation in hand-written SQL on Fastify + mysql2, one transaction) on the same database, the two
 * measured in interleaved rounds with the load average printed before each measurement.
 *
 *   pnpm --filter @lensloop/scripts bench:orders      # BENCH_SECONDS=8, BENCH_ROUNDS=2
 *
 * Before loading, both servers must sell exactly 10 units in stock to 40 concurrent orders and
 * answer a repeated Idempotency-Key with the same order; after it, the stock taken must equal the
 * units on the orders written. Prints requests/s and p50/p99 per endpoint and server, the
 * `create LensLoop/bare` ratio and a Markdown table. Exits 1 on any failure or non-2xx answer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../test/support/mariadb';
import {
  benchOrderLines,
  compileBenchServer,
  describeLoad,
  LOAD,
  loadAverageNow,
  log,
  loginMember,
  measureLoad,
  median,
  POOL_SIZE,
  print,
  printEndpointTable,
  runBenchmark,
  startDatabaseAndLensLoop,
  startServer,
  type LoadFigures,
  type Server,
} from './bench-support';

const STORE_ID = 1;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function query<T>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const connection = await createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(sql, values);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

async function countOrders(databaseUrl: string): Promise<number> {
  const [row] = await query<{ n: number }>(databaseUrl, 'SELECT COUNT(*) AS n FROM orders');
  return Number(row.n);
}

/** One after another: 20 logins at once can time out on the fake WeChat of a busy machine. */
async function memberTokens(server: Server, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1)
    tokens.push((await loginMember(server, `bench-${index}`)).token);
  return tokens;
}

/** Loads `path` with `body`, each connection logged in as its own member. */
function measure(
  server: Server,
  name: string,
  path: string,
  body: string,
  tokens: string[],
): Promise<LoadFigures> {
  let client = 0;
  return measureLoad(
    name,
    server,
    {
      url: server.baseUrl,
      requests: [
        {
          method: 'POST',
          path,
          body,
          // A fresh key per create: each request is a new checkout, as in the app.
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${randomUUID()}` },
          }),
        },
      ],
      setupClient: (autocannonClient) => {
        autocannonClient.setHeaders({
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[client++ % tokens.length]}`,
        });
      },
    },
    LOAD,
  );
}

/**
 * Create + pay on LensLoop: each connection creates an order, then has the fake WeChat Pay send
 * its signed payment notification for it (`POST /dev/payments/:id/succeed`: the prepay, then the
 * notification through `/payments/wechat/notify`), and starts over. Two requests per paid order.
 */
function measureCreateAndPay(
  server: Server,
  label: string,
  body: string,
  tokens: string[],
): Promise<LoadFigures> {
  let client = 0;
  return measureLoad(
    label,
    server,
    {
      url: server.baseUrl,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/orders',
          body,
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${randomUUID()}` },
          }),
          onResponse: (_status, responseBody, context) => {
            (context as { orderId?: number }).orderId = (JSON.parse(responseBody) as { id: number }).id;
          },
        },
        {
          method: 'POST',
          setupRequest: (request, context) => ({
            ...request,
            path: `/api/v1/dev/payments/${String((context as { orderId?: number }).orderId)}/succeed`,
            body: undefined,
          }),
        },
      ],
      setupClient: (autocannonClient) => {
        autocannonClient.setHeaders({
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[client++ % tokens.length]}`,
        });
      },
    },
    LOAD,
  );
}

async function post(
  server: Server,
  token: string,
  key: string,
  body: object,
): Promise<{ status: number; id?: number }> {
  const response = await fetch(`${server.baseUrl}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { id?: number };
  return { status: response.status, id: answer.id };
}

/**
 * Both servers must be correct before their speed counts: 10 units of the frame in stock, 40
 * concurrent single-frame orders: exactly 10 created, the others 409, stock 0; and a repeated key
 * answers the same order without writing another.
 */
async function checkCorrectness(
  server: Server,
  databaseUrl: string,
  tokens: string[],
  body: object,
): Promise<void> {
  const frame = (body as { items: { skuId: number }[] }).items[0].skuId;
  const single = { storeId: STORE_ID, fulfilment: 'pickup', items: [{ skuId: frame, quantity: 1 }] };
  await query(databaseUrl, 'UPDATE store_stock SET quantity = 10 WHERE store_id = ? AND sku_id = ?', [
    STORE_ID,
    frame,
  ]);
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, index) =>
      post(server, tokens[index % tokens.length], randomUUID(), single),
    ),
  );
  const created = answers.filter((answer) => answer.status === 201).length;
  const refused = answers.filter((answer) => answer.status === 409).length;
  const [stock] = await query<{ quantity: number }>(
    databaseUrl,
    'SELECT quantity FROM store_stock WHERE store_id = ? AND sku_id = ?',
    [STORE_ID, frame],
  );
  if (created !== 10 || refused !== 30 || stock.quantity !== 0) {
    throw new Error(
      `${server.name}: 10 in stock, ${created} created, ${refused} refused, ${stock.quantity} left`,
    );
  }
  await query(databaseUrl, 'UPDATE store_stock SET quantity = 10000000 WHERE store_id = ? AND sku_id = ?', [
    STORE_ID,
    frame,
  ]);
  const key = randomUUID();
  const first = await post(server, tokens[0], key, body);
  const before = await countOrders(databaseUrl);
  const again = await post(server, tokens[0], key, body);
  if (first.status !== 201 || again.id !== first.id || (await countOrders(databaseUrl)) !== before) {
    throw new Error(`${server.name}: a repeated Idempotency-Key did not answer the same order`);
  }
  print(
    `${server.name}: 10 in stock sold to exactly 10 of 40 concurrent orders; a repeated key answers order ${first.id}`,
  );
}

/** Units of each SKU taken from the store's stock must equal the units on the orders written since. */
async function stockTaken(databaseUrl: string, skuIds: number[]): Promise<Map<number, number>> {
  const rows = await query<{ sku_id: number; quantity: number }>(
    databaseUrl,
    'SELECT sku_id, quantity FROM store_stock WHERE store_id = ? AND sku_id IN (?)',
    [STORE_ID, skuIds],
  );
  return new Map(rows.map((row) => [row.sku_id, Number(row.quantity)]));
}

void runBenchmark(async (onStop) => {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('BENCH_ROUNDS must be ≥ 1');
  const jwtSecret = randomBytes(32).toString('hex');
  const { database, lensLoop } = await startDatabaseAndLensLoop(onStop, { JWT_SECRET: jwtSecret });
  const bare = await startServer(
    'bare',
    [compileBenchServer('bare-orders-server')],
    { DB_URL: database.url, DB_POOL_SIZE: String(POOL_SIZE), JWT_SECRET: jwtSecret },
    await freePort(),
    'Bare orders server is running',
  );
  onStop(() => bare.stop());
  const tokens = await memberTokens(lensLoop, LOAD.connections);
  const lines = await benchOrderLines(database.url, STORE_ID);
  const body = JSON.stringify(lines);
  for (const server of [lensLoop, bare]) await checkCorrectness(server, database.url, tokens, lines);

  const rows: (LoadFigures & { endpoint: string; server: string; round: number; loadAverage: number })[] = [];
  let loadAverage = loadAverageNow();
  rows.push({
    endpoint: 'quote',
    server: 'LensLoop',
    round: 1,
    loadAverage,
    ...(await measure(
      lensLoop,
      `load ${loadAverage.toFixed(2).padStart(5)}  quote  LensLoop`,
      '/api/v1/orders/quote',
      body,
      tokens,
    )),
  });

  const skuIds = (lines as { items: { skuId: number }[] }).items.map((item) => item.skuId);
  const [{ last }] = await query<{ last: number | null }>(database.url, 'SELECT MAX(id) AS last FROM orders');
  const stockBefore = await stockTaken(database.url, skuIds);
  const ordersBefore = await countOrders(database.url);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const servers = round % 2 === 1 ? [lensLoop, bare] : [bare, lensLoop];
    for (const server of servers) {
      loadAverage = loadAverageNow();
      const label = `round ${round} load ${loadAverage.toFixed(2).padStart(5)}  create ${server.name.padEnd(8)}`;
      rows.push({
        endpoint: 'create',
        server: server.name,
        round,
        loadAverage,
        ...(await measure(server, label, '/api/v1/orders', body, tokens)),
      });
    }
  }
  // autocannon stops at the deadline with requests still in flight: wait until the last of them
  // has committed, or its stock would be missing from the snapshot while its lines are counted.
  let written = (await countOrders(database.url)) - ordersBefore;
  for (;;) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
    const now = (await countOrders(database.url)) - ordersBefore;
    if (now === written) break;
    written = now;
  }
  const stockAfter = await stockTaken(database.url, skuIds);
  const sold = await query<{ sku_id: number; units: number }>(
    database.url,
    `SELECT i.sku_id, SUM(i.quantity) AS units FROM order_items i JOIN orders o ON o.id = i.order_id
     WHERE o.id > ? AND o.store_id = ? GROUP BY i.sku_id`,
    [last ?? 0, STORE_ID],
  );
  for (const row of sold) {
    const taken = (stockBefore.get(row.sku_id) ?? 0) - (stockAfter.get(row.sku_id) ?? 0);
    if (taken !== Number(row.units))
      throw new Error(`SKU ${row.sku_id}: ${taken} taken from stock, ${row.units} sold`);
  }
  print(`orders written during the create runs (warm-ups included): ${written}; stock taken = units sold`);
  log(`(stock checked for SKUs ${sold.map((row) => row.sku_id).join(', ')})`);

  // Create + pay (LensLoop only: the bare server has no payments).
  const [{ lastBeforePay }] = await query<{ lastBeforePay: number }>(
    database.url,
    'SELECT COALESCE(MAX(id), 0) AS lastBeforePay FROM orders',
  );
  loadAverage = loadAverageNow();
  const paid = await measureCreateAndPay(
    lensLoop,
    `load ${loadAverage.toFixed(2).padStart(5)}  create+pay LensLoop (2 requests per order)`,
    body,
    tokens,
  );
  rows.push({ endpoint: 'create+pay (2 requests)', server: 'LensLoop', round: 1, loadAverage, ...paid });
  await new Promise((resolveWait) => setTimeout(resolveWait, 2_000));
  const statuses = await query<{ status: string; n: number }>(
    database.url,
    'SELECT status, COUNT(*) AS n FROM orders WHERE id > ? GROUP BY status',
    [lastBeforePay],
  );
  const [{ payments }] = await query<{ payments: number }>(
    database.url,
    'SELECT COUNT(*) AS payments FROM payments WHERE order_id > ?',
    [lastBeforePay],
  );
  const countOf = (status: string) => Number(statuses.find((row) => row.status === status)?.n ?? 0);
  // autocannon may stop a connection between its create and its pay: at most one order each per run.
  if (countOf('paid') !== Number(payments) || countOf('pending_payment') > 2 * LOAD.connections) {
    throw new Error(`create+pay: ${JSON.stringify(statuses)} orders, ${payments} payments`);
  }
  const [{ backlog }] = await query<{ backlog: number }>(
    database.url,
    'SELECT COUNT(*) AS backlog FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
  );
  print(
    `create+pay LensLoop: ${(paid.requestsPerSecond / 2).toFixed(0)} orders/s fully paid (goal ≥ 500); ` +
      `${countOf('paid')} paid, each with one payment; outbox events not yet delivered: ${backlog}`,
  );

  const creates = (name: string) => rows.filter((row) => row.endpoint === 'create' && row.server === name);
  const perRound = Array.from({ length: ROUNDS }, (_, index) => {
    const of = (name: string) =>
      creates(name).find((row) => row.round === index + 1)?.requestsPerSecond ?? NaN;
    return (of('LensLoop') / of('bare')).toFixed(2);
  });
  const lensLoopRate = median(creates('LensLoop').map((row) => row.requestsPerSecond));
  const bareRate = median(creates('bare').map((row) => row.requestsPerSecond));
  const p99 =
    median(creates('LensLoop').map((row) => row.p99)) / median(creates('bare').map((row) => row.p99));
  print();
  print(
    `create LensLoop/bare: throughput ${(lensLoopRate / bareRate).toFixed(2)}, p99 ${p99.toFixed(2)} (rounds: ${perRound.join(', ')})`,
  );
  print();
  const loads = rows.map((row) => row.loadAverage);
  print(
    `${describeLoad()}; one member per connection; ${ROUNDS} interleaved create rounds; load average ` +
      `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} before the measurements.`,
  );
  print('');
  printEndpointTable(
    rows.map((row) => ({ ...row, endpoint: `${row.endpoint} ${row.server} (round ${row.round})` })),
  );
});
