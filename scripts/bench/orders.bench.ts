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
  benchOrderLines,
  describeLoad,
  LOAD,
  loginMember,
  measureLoad,
  print,
  printEndpointTable,
  runBenchmark,
  startDatabaseAndLensLoop,
  type LoadFigures,
  type Server,
} from './bench-support';

const STORE_ID = 1;

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
  const members = await Promise.all(
    Array.from({ length: count }, (_, index) => loginMember(server, `bench-${index}`)),
  );
  return members.map((member) => member.token);
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
  const tokens = await memberTokens(lensLoop, LOAD.connections);
  const body = JSON.stringify(await benchOrderLines(database.url, STORE_ID));

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
  printEndpointTable(rows);
});
