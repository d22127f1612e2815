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
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import ts from 'typescript';
import { freePort, startThrowawayMariaDb } from '../../test/support/mariadb';

const ROOT = resolve(__dirname, '../..');
const CONNECTIONS = 20;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
// The server's DB_POOL_SIZE default, passed to both servers so they get equal pools.
const POOL_SIZE = 20;

interface Server {
  name: 'LensLoop' | 'bare';
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

interface Endpoint {
  name: string;
  path: string;
}

interface Measurement {
  endpoint: string;
  server: Server['name'];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMb: number;
  /** Non-2xx responses plus errors (timeouts included), warm-up included. */
  failures: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Stops `child` with SIGTERM, or SIGKILL when it has not exited after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Spawns a server and resolves once it prints `readyLine` on stdout. */
async function startServer(
  name: Server['name'],
  args: string[],
  env: Record<string, string>,
  port: number,
  readyLine: string,
): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Start-up output is kept for the error message; later output (warnings) is passed through.
  let output = '';
  let ready = false;
  const collect = (chunk: Buffer): void => {
    if (ready) process.stderr.write(chunk);
    else output += chunk.toString();
  };
  const server: Server = {
    name,
    pid: child.pid ?? 0,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => stopProcess(child),
  };
  try {
    await new Promise<void>((resolveReady, rejectReady) => {
      const timer = setTimeout(() => rejectReady(new Error(`${name} did not start within 120 s`)), 120_000);
      child.stderr?.on('data', collect);
      child.stdout?.on('data', (chunk: Buffer) => {
        collect(chunk);
        if (!ready && output.includes(readyLine)) {
          ready = true;
          clearTimeout(timer);
          resolveReady();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        rejectReady(new Error(`${name} exited with ${code} before it was ready`));
      });
    });
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return server;
}

function ensureServerBuilt(): void {
  if (existsSync(join(ROOT, 'server/dist/main.js')) && existsSync(join(ROOT, 'shared/dist/index.js'))) return;
  log('Building shared and server…');
  for (const workspacePackage of ['@lensloop/shared', '@lensloop/server']) {
    execFileSync('pnpm', ['--filter', workspacePackage, 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
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

async function startLensLoop(databaseUrl: string): Promise<Server> {
  ensureServerBuilt();
  const env = {
    NODE_ENV: 'test',
    DB_TYPE: 'mariadb',
    DB_URL: databaseUrl,
    DB_POOL_SIZE: String(POOL_SIZE),
    DB_MIGRATE: 'true',
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  };
  return startServer('LensLoop', ['server/dist/main.js'], env, await freePort(), 'LensLoop is running');
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

function residentMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`No VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function failuresOf(result: autocannon.Result): number {
  return result.non2xx + result.errors;
}

async function measure(server: Server, endpoint: Endpoint): Promise<Measurement> {
  const url = server.baseUrl + endpoint.path;
  const warmUp = await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: MEASURE_SECONDS });
  const measurement: Measurement = {
    endpoint: endpoint.name,
    server: server.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMb: residentMegabytes(server.pid),
    failures: failuresOf(warmUp) + failuresOf(result),
  };
  print(
    `${endpoint.name.padEnd(6)} ${server.name.padEnd(8)} ${measurement.requestsPerSecond.toFixed(0).padStart(6)} req/s` +
      `  p50 ${measurement.p50} ms  p99 ${measurement.p99} ms  RSS ${measurement.rssMb.toFixed(0)} MB` +
      `  (${result.requests.total} requests; non-2xx ${warmUp.non2xx + result.non2xx},` +
      ` errors ${warmUp.errors + result.errors}, timeouts ${warmUp.timeouts + result.timeouts})`,
  );
  return measurement;
}

interface Ratio {
  endpoint: string;
  throughput: number;
  p99: number;
}

function measurementOf(measurements: Measurement[], endpoint: Endpoint, server: Server['name']): Measurement {
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
    `${CONNECTIONS} connections, ${MEASURE_SECONDS} s after a ${WARMUP_SECONDS} s warm-up, per endpoint and server.`,
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
  if (!Number.isInteger(MEASURE_SECONDS) || MEASURE_SECONDS < 1) throw new Error('BENCH_SECONDS must be ≥ 1');
  // Everything started is stopped newest first, by the finally block or on Ctrl-C.
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const stop of stops.reverse()) {
        await stop().catch((error: unknown) => log(`Cleanup: ${String(error)}`));
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: tsx relays a Ctrl-C a second time, which must not end the process mid-cleanup.
    process.on(signal, () => void stopAll().then(() => process.exit(130)));
  }

  // Anything else busy on the machine skews the figures; say so rather than fail.
  const [loadAverage] = loadavg();
  if (loadAverage > 0.5)
    log(`Warning: load average ${loadAverage.toFixed(2)} before start; figures may be low.`);

  try {
    log('Starting MariaDB…');
    const database = await startThrowawayMariaDb();
    stops.push(() => database.stop());
    log('Starting LensLoop (migrations and demo seed)…');
    const lensLoop = await startLensLoop(database.url);
    stops.push(() => lensLoop.stop());
    const bare = await startBareServer(database.url);
    stops.push(() => bare.stop());
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
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  log(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
