/**
 * Benchmark of the catalog's hottest reads — the frame list and a frame's detail — served by the
 * real LensLoop server (Nest + TypeORM) and by bare Fastify + mysql2 doing the same SQL
 * (bare-products-server.ts), both on one throwaway MariaDB holding the demo catalog.
 *
 *   pnpm --filter @lensloop/scripts bench:products      # BENCH_SECONDS=8 by default
 *
 * Prints requests/s, p50/p99 latency and RSS per endpoint and server, the LensLoop/bare ratios,
 * and the same as a Markdown table. Exits 1 when any request failed or was not a 2xx.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { freePort } from '../../test/support/mariadb';
import {
  measureLoad,
  print,
  residentMegabytes,
  runBenchmark,
  startDatabaseAndLensLoop,
  startServer,
  type LoadFigures,
  type Server,
  LOAD,
  POOL_SIZE,
  describeLoad,
} from './bench-support';

interface Endpoint {
  name: string;
  path: string;
}

interface Measurement extends LoadFigures {
  endpoint: string;
  server: string;
}

/**
 * Compiles the bare server to plain JavaScript: running it under tsx would add tsx's loader to its
 * RSS (about 20 MB), while LensLoop runs compiled code. Written under scripts/node_modules so that
 * it resolves fastify and mysql2 from there and stays out of git.
 */
function compileBareServer(): string {
  const source = readFileSync(join(__dirname, 'bare-products-server.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const directory = join(__dirname, '../node_modules/.cache/lensloop-bench');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'bare-products-server.js');
  writeFileSync(file, outputText);
  return file;
}

async function startBareServer(databaseUrl: string): Promise<Server> {
  const env = { DB_URL: databaseUrl, DB_POOL_SIZE: String(POOL_SIZE) };
  return startServer('bare', [compileBareServer()], env, await freePort(), 'Bare products server is running');
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

/** Both servers must give the same answer, or the comparison would not be of the same work. */
async function checkSameResponses(servers: Server[], endpoints: Endpoint[]): Promise<void> {
  for (const endpoint of endpoints) {
    const [expected, ...others] = await Promise.all(
      servers.map((server) => getJson(server.baseUrl + endpoint.path)),
    );
    if (!others.every((body) => isDeepStrictEqual(body, expected))) {
      throw new Error(`The servers answer ${endpoint.path} differently`);
    }
  }
}

async function firstFrameId(server: Server): Promise<number> {
  const page = (await getJson(`${server.baseUrl}/api/v1/products?category=frames&pageSize=1`)) as {
    items: { id: number }[];
  };
  if (page.items.length === 0) throw new Error('The demo catalog has no frames');
  return page.items[0].id;
}

async function measure(server: Server, endpoint: Endpoint): Promise<Measurement> {
  const figures = await measureLoad(
    `${endpoint.name.padEnd(6)} ${server.name.padEnd(8)}`,
    server,
    { url: server.baseUrl + endpoint.path },
    LOAD,
  );
  return { endpoint: endpoint.name, server: server.name, ...figures };
}

interface Ratio {
  endpoint: string;
  throughput: number;
  p99: number;
}

function measurementOf(measurements: Measurement[], endpoint: Endpoint, server: string): Measurement {
  const row = measurements.find(
    (candidate) => candidate.endpoint === endpoint.name && candidate.server === server,
  );
  if (!row) throw new Error(`No ${server} measurement of ${endpoint.name}`);
  return row;
}

function ratiosOf(measurements: Measurement[], endpoints: Endpoint[]): Ratio[] {
  return endpoints.map((endpoint) => {
    const lensLoop = measurementOf(measurements, endpoint, 'LensLoop');
    const bare = measurementOf(measurements, endpoint, 'bare');
    return {
      endpoint: endpoint.name,
      throughput: lensLoop.requestsPerSecond / bare.requestsPerSecond,
      p99: lensLoop.p99 / bare.p99,
    };
  });
}

function markdownReport(measurements: Measurement[], ratios: Ratio[], idleRss: string): string {
  const lines = [
    `${describeLoad()}, per endpoint and server.`,
    `RSS idle after start: ${idleRss}.`,
    '',
    '| Endpoint | Server | Requests/s | p50 (ms) | p99 (ms) | RSS after (MB) |',
    '| -------- | ------ | ---------: | -------: | -------: | -------------: |',
    ...measurements.map(
      (row) =>
        `| ${row.endpoint} | ${row.server} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ` +
        `${row.rssMb.toFixed(0)} |`,
    ),
    '',
    '| Endpoint | Throughput LensLoop/bare | p99 LensLoop/bare |',
    '| -------- | -----------------------: | ----------------: |',
    ...ratios.map(
      (ratio) => `| ${ratio.endpoint} | ${ratio.throughput.toFixed(2)} | ${ratio.p99.toFixed(2)} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  await runBenchmark(async (onStop) => {
    const { database, lensLoop } = await startDatabaseAndLensLoop(onStop);
    const bare = await startBareServer(database.url);
    onStop(() => bare.stop());
    const servers = [lensLoop, bare];
    const idleRss = servers
      .map((server) => `${server.name} ${residentMegabytes(server.pid).toFixed(0)} MB`)
      .join(', ');
    print(`RSS idle after start: ${idleRss}`);

    const endpoints: Endpoint[] = [
      { name: 'list', path: '/api/v1/products?category=frames&page=1&pageSize=20' },
      { name: 'detail', path: `/api/v1/products/${await firstFrameId(lensLoop)}` },
    ];
    await checkSameResponses(servers, endpoints);

    const measurements: Measurement[] = [];
    for (const endpoint of endpoints) {
      for (const server of servers) measurements.push(await measure(server, endpoint));
    }
    const ratios = ratiosOf(measurements, endpoints);
    for (const ratio of ratios) {
      print(
        `${ratio.endpoint.padEnd(6)} LensLoop/bare: throughput ${ratio.throughput.toFixed(2)}, p99 ${ratio.p99.toFixed(2)}`,
      );
    }
    print();
    print(markdownReport(measurements, ratios, idleRss));

    const failures = measurements.reduce((sum, row) => sum + row.failures, 0);
    if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
  });
}

void main();
