/**
 * Benchmark of the catalog's hottest reads — the frame list and a frame's detail — served by the
 * real LensLoop server and by two bare Fastify + mysql2 servers on one throwaway MariaDB:
 *
 * - **lean** (lean-products-server.ts): the fewest statements a careful engineer would write (the
 *   list in one statement, the detail in two) with Fastify response schemas — the real limit;
 * - **same-SQL** (bare-products-server.ts): TypeORM's statements one after another, as the server
 *   issued them before issue 13 — the comparison for the framework's cost alone.
 *
 *   pnpm --filter @lensloop/scripts bench:products
 *   BENCH_PRODUCTS=1000   frames added to the demo catalog, 2 colour SKUs each (0: demo catalog only)
 *   BENCH_ROUNDS=2        interleaved rounds: every server measured once per round and endpoint
 *   BENCH_SECONDS=8       measured seconds per measurement (after a 2 s warm-up)
 *   BENCH_CPU_PROF=<dir>  LensLoop writes a V8 CPU profile there when it stops
 *
 * The load average is printed before each measurement. Prints, per endpoint, the median
 * requests/s and p99 over the rounds, `LensLoop/lean` and `LensLoop/same-SQL` ratios (per round and
 * of the medians) and a Markdown table. Exits 1 when any request failed or was not a 2xx.
 */
import { isDeepStrictEqual } from 'node:util';
import type autocannon from 'autocannon';
import { freePort } from '../../test/support/mariadb';
import {
  compileBenchServer,
  describeLoad,
  loadAverageNow,
  log,
  measureLoad,
  median,
  print,
  residentMegabytes,
  runBenchmark,
  startDatabaseAndLensLoop,
  startServer,
  type LoadFigures,
  type Server,
  LOAD,
  POOL_SIZE,
} from './bench-support';
import { addFrames } from './catalog-data';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Endpoint {
  name: string;
  /** The paths a measurement cycles through (one request each, round-robin per connection). */
  paths: string[];
}

interface Measurement extends LoadFigures {
  round: number;
  endpoint: string;
  server: string;
  loadAverage: number;
}

async function startComparisonServer(name: string, file: string, readyLine: string, databaseUrl: string) {
  const env = { DB_URL: databaseUrl, DB_POOL_SIZE: String(POOL_SIZE) };
  return startServer(name, [compileBenchServer(file)], env, await freePort(), readyLine);
}

async function fetchJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

/** All servers must give the same answer, or the comparison would not be of the same work. */
async function checkSameResponses(servers: Server[], paths: string[]): Promise<void> {
  for (const path of paths) {
    const [expected, ...others] = await Promise.all(
      servers.map((server) => fetchJson(server.baseUrl + path)),
    );
    if (expected.status !== 200 && expected.status !== 404)
      throw new Error(`GET ${path} answered ${expected.status}`);
    others.forEach((answer, index) => {
      if (!isDeepStrictEqual(answer, expected)) {
        throw new Error(`${servers[index + 1].name} answers ${path} unlike ${servers[0].name}`);
      }
    });
  }
}

async function frameIds(server: Server): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await fetchJson(
      `${server.baseUrl}/api/v1/products?category=frames&page=${page}&pageSize=100`,
    );
    const items = (answer.body as { items: { id: number }[] }).items;
    ids.push(...items.map((item) => item.id));
    if (items.length < 100 || page === 10_000) return ids;
  }
}

/** Requests cycling through `paths`, so a measurement is not of one cached row. */
function requestsFor(paths: string[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request) => {
        const path = paths[next];
        next = (next + 1) % paths.length;
        return { ...request, path };
      },
    },
  ];
}

function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let index = result.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}

interface Summary {
  endpoint: string;
  server: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMb: number;
}

function summarise(measurements: Measurement[], endpoint: string, server: string): Summary {
  const rows = measurements.filter((row) => row.endpoint === endpoint && row.server === server);
  return {
    endpoint,
    server,
    requestsPerSecond: median(rows.map((row) => row.requestsPerSecond)),
    p50: median(rows.map((row) => row.p50)),
    p99: median(rows.map((row) => row.p99)),
    rssMb: Math.max(...rows.map((row) => row.rssMb)),
  };
}

function ratioLine(measurements: Measurement[], endpoint: string, comparison: string): string {
  const perRound: string[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const of = (server: string) =>
      measurements.find((row) => row.round === round && row.endpoint === endpoint && row.server === server);
    const lensLoop = of('LensLoop');
    const other = of(comparison);
    if (lensLoop && other) perRound.push((lensLoop.requestsPerSecond / other.requestsPerSecond).toFixed(2));
  }
  const lensLoop = summarise(measurements, endpoint, 'LensLoop');
  const other = summarise(measurements, endpoint, comparison);
  return (
    `${endpoint} LensLoop/${comparison}: throughput ${(lensLoop.requestsPerSecond / other.requestsPerSecond).toFixed(2)},` +
    ` p99 ${(lensLoop.p99 / other.p99).toFixed(2)} (rounds: ${perRound.join(', ')})`
  );
}

async function main(): Promise<void> {
  await runBenchmark(async (onStop) => {
    if (!Number.isInteger(PRODUCTS) || PRODUCTS < 0) throw new Error('BENCH_PRODUCTS must be ≥ 0');
    if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('BENCH_ROUNDS must be ≥ 1');
    const { database, lensLoop } = await startDatabaseAndLensLoop(onStop);
    log(`Adding ${PRODUCTS} frames × 2 colour SKUs…`);
    await addFrames(database.url, PRODUCTS);
    const lean = await startComparisonServer(
      'lean',
      'lean-products-server',
      'Lean products server is running',
      database.url,
    );
    onStop(() => lean.stop());
    const sameSql = await startComparisonServer(
      'same-SQL',
      'bare-products-server',
      'Bare products server is running',
      database.url,
    );
    onStop(() => sameSql.stop());
    const servers = [lensLoop, lean, sameSql];
    const idleRss = servers
      .map((server) => `${server.name} ${residentMegabytes(server.pid).toFixed(0)} MB`)
      .join(', ');
    print(`RSS idle after start: ${idleRss}`);

    const frames = await frameIds(lensLoop);
    if (frames.length === 0) throw new Error('The catalog has no frames');
    // Details of up to 200 frames spread over the catalog, in a fixed random order.
    const detailIds = shuffled(frames, 42).slice(0, 200);
    const endpoints: Endpoint[] = [
      { name: 'list', paths: ['/api/v1/products?category=frames&page=1&pageSize=20'] },
      { name: 'detail', paths: detailIds.map((id) => `/api/v1/products/${id}`) },
    ];
    const lastPage = Math.max(1, Math.ceil(frames.length / 20));
    await checkSameResponses(servers, [
      ...endpoints.flatMap((endpoint) => endpoint.paths.slice(0, 20)),
      `/api/v1/products?category=frames&page=${lastPage}&pageSize=20`,
      `/api/v1/products?category=frames&page=${lastPage + 1}&pageSize=20`,
      '/api/v1/products?category=lenses',
      '/api/v1/products?category=contacts&pageSize=5',
      `/api/v1/products/${frames[frames.length - 1] + 1_000_000}`,
    ]);
    print(`Catalog: ${frames.length} frames on sale; ${describeLoad()}, ${ROUNDS} interleaved rounds.`);

    const measurements: Measurement[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const endpoint of endpoints) {
        // Each round starts with a different server, so none always runs first (or last).
        const order = servers.map((_, index) => servers[(index + round - 1) % servers.length]);
        for (const server of order) {
          const loadAverage = loadAverageNow();
          const figures = await measureLoad(
            `round ${round} load ${loadAverage.toFixed(2).padStart(5)}  ${endpoint.name.padEnd(6)} ${server.name.padEnd(8)}`,
            server,
            { url: server.baseUrl, requests: requestsFor(endpoint.paths) },
            LOAD,
          );
          measurements.push({ round, endpoint: endpoint.name, server: server.name, loadAverage, ...figures });
        }
      }
    }

    print();
    for (const endpoint of endpoints) {
      print(ratioLine(measurements, endpoint.name, 'lean'));
      print(ratioLine(measurements, endpoint.name, 'same-SQL'));
    }
    print();
    const loads = measurements.map((row) => row.loadAverage);
    print(
      `${describeLoad()}, ${ROUNDS} interleaved rounds, medians; load average ` +
        `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} before the measurements.`,
    );
    print(`RSS idle after start: ${idleRss}.`);
    print();
    print('| Endpoint | Server | Requests/s | p50 (ms) | p99 (ms) | RSS max (MB) |');
    print('| -------- | ------ | ---------: | -------: | -------: | -----------: |');
    for (const endpoint of endpoints) {
      for (const server of servers) {
        const row = summarise(measurements, endpoint.name, server.name);
        print(
          `| ${row.endpoint} | ${row.server} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.rssMb.toFixed(0)} |`,
        );
      }
    }

    const failures = measurements.reduce((sum, row) => sum + row.failures, 0);
    if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
  });
}

void main();
