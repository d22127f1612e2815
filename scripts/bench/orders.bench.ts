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
import { createConnection } from 'mysql2/promise';
import {
  describeLoad,
  LOAD,
  measureLoad,
  print,
  runBenchmark,
  startDatabaseAndLensLoop,
  type LoadFigures,
  type Server,
} from './bench-support';

const STORE_ID = 1;

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
    name.padEnd(7),
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

void runBenchmark(async (onStop) => {
  const { database, lensLoop } = await startDatabaseAndLensLoop(onStop);
  const skus = await skuIds(database.url);
  const tokens = await memberTokens(lensLoop, LOAD.connections);
  const body = JSON.stringify({
    storeId: STORE_ID,
    fulfilment: 'pickup',
    items: [
      { skuId: skus.frame, quantity: 1, lens: { skuId: skus.lens, options: ['AR-PREMIUM', 'BLUE-CUT'] } },
      { skuId: skus.contact, quantity: 2 },
    ],
  });

  const rows = [
    { endpoint: 'quote', ...(await measure(lensLoop, 'quote', '/api/v1/orders/quote', body, tokens)) },
  ];
  const before = await countOrders(database.url);
  rows.push({ endpoint: 'create', ...(await measure(lensLoop, 'create', '/api/v1/orders', body, tokens)) });
  const created = (await countOrders(database.url)) - before;
  print(`orders written during create (warm-up included): ${created}`);

  print();
  print(`${describeLoad()}; one member per connection.`);
  print('');
  print('| Endpoint | Requests/s | p50 (ms) | p99 (ms) | RSS after (MB) |');
  print('| -------- | ---------: | -------: | -------: | -------------: |');
  for (const row of rows) {
    print(
      `| ${row.endpoint} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.rssMb.toFixed(0)} |`,
    );
  }
  const failures = rows.reduce((sum, row) => sum + row.failures, 0);
  if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
});
