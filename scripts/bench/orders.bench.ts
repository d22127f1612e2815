/**
 * Benchmark of order creation on MariaDB: `POST /orders/quote` and `POST /orders` (stock
 * reserved with a conditional UPDATE, order, lines and timeline written, Idempotency-Key stored)
 * served by the real LensLoop server, for a frame with lenses and two options plus a contact-lens
 * box, from 20 members over 20 connections.
 *
 *   pnpm --filter @lensloop/scripts bench:orders      # BENCH_SECONDS=8 by default
 *
 * Prints requests/s and p50/p99 latency per endpoint, the orders written, and a Markdown table.
 * Exits 1 when any request failed or was not a 2xx.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { startThrowawayMariaDb } from '../../test/support/mariadb';
import { log, print, residentMegabytes, runBenchmark, startLensLoop, type Server } from './bench-support';

// The server's DB_POOL_SIZE default.
const POOL_SIZE = 20;
const CONNECTIONS = 20;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const STORE_ID = 1;

interface Row {
  endpoint: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
}

async function skuIds(databaseUrl: string): Promise<{ frame: number; lens: number; contact: number }> {
  const connection = await createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(
      "SELECT id, code FROM skus WHERE code IN ('FR01-BLA', 'LN01-156', 'CL01-300')",
    );
    const byCode = new Map((rows as { id: number; code: string }[]).map((row) => [row.code, row.id]));
    // Enough stock that the run measures orders, not OUT_OF_STOCK answers.
    await connection.query(
      'UPDATE store_stock SET quantity = 10000000 WHERE store_id = ? AND sku_id IN (?, ?)',
      [STORE_ID, byCode.get('FR01-BLA'), byCode.get('CL01-300')],
    );
    return {
      frame: byCode.get('FR01-BLA') as number,
      lens: byCode.get('LN01-156') as number,
      contact: byCode.get('CL01-300') as number,
    };
  } finally {
    await connection.end();
  }
}

async function countOrders(databaseUrl: string): Promise<number> {
  const connection = await createConnection(databaseUrl);
  try {
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM orders');
    return Number((rows as { n: number }[])[0].n);
  } finally {
    await connection.end();
  }
}

async function memberTokens(server: Server, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await fetch(`${server.baseUrl}/api/v1/auth/wechat/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: `dev-bench-${index}` }),
      });
      if (response.status !== 200) throw new Error(`login answered ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    }),
  );
}

async function measure(
  server: Server,
  name: string,
  path: string,
  body: string,
  tokens: string[],
): Promise<Row> {
  let client = 0;
  const options: autocannon.Options = {
    url: server.baseUrl,
    connections: CONNECTIONS,
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
    // Each connection is one member.
    setupClient: (autocannonClient) => {
      autocannonClient.setHeaders({
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[client++ % tokens.length]}`,
      });
    },
  };
  const warmUp = await autocannon({ ...options, duration: WARMUP_SECONDS });
  const result = await autocannon({ ...options, duration: MEASURE_SECONDS });
  const row: Row = {
    endpoint: name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: warmUp.non2xx + warmUp.errors + result.non2xx + result.errors,
  };
  print(
    `${name.padEnd(7)} ${row.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms` +
      `  (${row.total} requests; failures ${row.failures}; RSS ${residentMegabytes(server.pid).toFixed(0)} MB)`,
  );
  return row;
}

void runBenchmark(async (onStop) => {
  if (!Number.isInteger(MEASURE_SECONDS) || MEASURE_SECONDS < 1) throw new Error('BENCH_SECONDS must be ≥ 1');
  log('Starting MariaDB…');
  const database = await startThrowawayMariaDb();
  onStop(() => database.stop());
  log('Starting LensLoop (migrations and demo seed)…');
  const lensLoop = await startLensLoop(database.url, POOL_SIZE);
  onStop(() => lensLoop.stop());
  const skus = await skuIds(database.url);
  const tokens = await memberTokens(lensLoop, CONNECTIONS);
  const body = JSON.stringify({
    storeId: STORE_ID,
    fulfilment: 'pickup',
    items: [
      { skuId: skus.frame, quantity: 1, lens: { skuId: skus.lens, options: ['AR-PREMIUM', 'BLUE-CUT'] } },
      { skuId: skus.contact, quantity: 2 },
    ],
  });

  const rows = [await measure(lensLoop, 'quote', '/api/v1/orders/quote', body, tokens)];
  const before = await countOrders(database.url);
  rows.push(await measure(lensLoop, 'create', '/api/v1/orders', body, tokens));
  const created = (await countOrders(database.url)) - before;
  print(`orders written during create (warm-up included): ${created}`);

  print();
  print(
    `${CONNECTIONS} connections (one member each), ${MEASURE_SECONDS} s after a ${WARMUP_SECONDS} s warm-up.`,
  );
  print('');
  print('| Endpoint | Requests/s | p50 (ms) | p99 (ms) | Requests |');
  print('| -------- | ---------: | -------: | -------: | -------: |');
  for (const row of rows) {
    print(
      `| ${row.endpoint} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.total} |`,
    );
  }
  const failures = rows.reduce((sum, row) => sum + row.failures, 0);
  if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
});
