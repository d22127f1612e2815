/** What the benchmarks share: starting and stopping processes, the LensLoop server, cleanup. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import ts from 'typescript';
import { createConnection } from 'mysql2/promise';
import {
  freePort,
  startThrowawayMariaDb,
  type MariaDbOptions,
  type ThrowawayMariaDb,
} from '../../test/support/mariadb';

export const ROOT = resolve(__dirname, '../..');

/**
 * The load every benchmark applies: 20 connections, a warm-up of `BENCH_WARMUP_SECONDS` (2), then
 * `BENCH_SECONDS` (8).
 */
export const LOAD = {
  connections: 20,
  warmUpSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
  seconds: Number(process.env.BENCH_SECONDS ?? 8),
};
/** The server's DB_POOL_SIZE default, given to every server measured so that pools are equal. */
export const POOL_SIZE = 20;

export function describeLoad(): string {
  return `${LOAD.connections} connections, ${LOAD.seconds} s after a ${LOAD.warmUpSeconds} s warm-up`;
}

export interface Server {
  name: string;
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/**
 * One JSON request; an answer ≥ 300 throws with its start. Answers the parsed body ({} if empty).
 * Plain `http` rather than `fetch`, whose 300 s header timeout would cut a long job run short.
 */
export function callApi(
  server: Server,
  method: string,
  path: string,
  token: string | null = null,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolveCall, rejectCall) => {
    const request = httpRequest(
      `${server.baseUrl}${path}`,
      {
        method,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          if ((response.statusCode ?? 500) >= 300) {
            rejectCall(new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`));
          } else {
            resolveCall(text ? (JSON.parse(text) as Record<string, unknown>) : {});
          }
        });
      },
    );
    request.on('error', rejectCall);
    request.end(payload);
  });
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
export async function startServer(
  name: string,
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
 * A throwaway MariaDB and the real server (`server/dist/main.js`) on it, migrated and seeded with
 * the demo data; both are stopped with the benchmark.
 */
export async function startDatabaseAndLensLoop(
  onStop: (stop: () => Promise<void>) => void,
  env: Record<string, string> = {},
  mariaDbOptions: MariaDbOptions = {},
): Promise<{ database: ThrowawayMariaDb; lensLoop: Server }> {
  log('Starting MariaDB…');
  const database = await startThrowawayMariaDb(mariaDbOptions);
  onStop(() => database.stop());
  const lensLoop = await startLensLoop(database, onStop, env);
  return { database, lensLoop };
}

/** Node flags for the LensLoop process: `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile there on exit. */
function lensLoopNodeArgs(): string[] {
  const directory = process.env.BENCH_CPU_PROF;
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${resolve(directory)}`] : [];
}

/** The real server on `database`, migrated and seeded with the demo data; stopped with the benchmark. */
export async function startLensLoop(
  database: ThrowawayMariaDb,
  onStop: (stop: () => Promise<void>) => void,
  env: Record<string, string> = {},
  name = 'LensLoop',
): Promise<Server> {
  log(`Starting ${name} (migrations and demo seed)…`);
  ensureServerBuilt();
  const lensLoopEnv = {
    NODE_ENV: 'test',
    DB_TYPE: 'mariadb',
    DB_URL: database.url,
    DB_POOL_SIZE: String(POOL_SIZE),
    DB_MIGRATE: 'true',
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  };
  const lensLoop = await startServer(
    name,
    [...lensLoopNodeArgs(), 'server/dist/main.js'],
    lensLoopEnv,
    await freePort(),
    'LensLoop is running',
  );
  onStop(() => lensLoop.stop());
  return lensLoop;
}

/** A size as MariaDB writes it (`512M`, `14G`, or bytes) in bytes. */
function bytesOf(size: string): number {
  const match = /^(\d+)([KMG]?)$/i.exec(size.trim());
  if (!match) throw new Error(`Not a size: ${size}`);
  return Number(match[1]) * 1024 ** ' KMG'.indexOf((match[2] || ' ').toUpperCase());
}

function meminfoKilobytes(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync('/proc/meminfo', 'utf8'));
  if (!match) throw new Error(`No ${field} in /proc/meminfo`);
  return Number(match[1]);
}

/**
 * Reserves the kernel's huge pages for a buffer pool of `bufferPoolSize` (`vm.nr_hugepages`, which
 * needs root) for MariaDB's `--large-pages`, and gives back the reservation the machine had when the
 * benchmark stops.
 */
export function reserveHugePages(bufferPoolSize: string, onStop: (stop: () => Promise<void>) => void): void {
  const setting = '/proc/sys/vm/nr_hugepages';
  const before = Number(readFileSync(setting, 'utf8'));
  // A little more than the pool: InnoDB rounds it up to whole chunks.
  const wanted = Math.ceil((bytesOf(bufferPoolSize) * 1.02) / (meminfoKilobytes('Hugepagesize') * 1024));
  if (before >= wanted) return;
  writeFileSync(setting, String(wanted));
  onStop(async () => writeFileSync(setting, String(before)));
  const reserved = meminfoKilobytes('HugePages_Total');
  if (reserved < wanted) throw new Error(`Only ${reserved} of ${wanted} huge pages could be reserved`);
  log(`Reserved ${wanted} huge pages for the buffer pool (there were ${before})`);
}

/** Megabytes of huge pages in use (MariaDB's buffer pool, when started with `--large-pages`). */
export function hugePagesInUseMegabytes(): number {
  const pages = meminfoKilobytes('HugePages_Total') - meminfoKilobytes('HugePages_Free');
  return (pages * meminfoKilobytes('Hugepagesize')) / 1024;
}

/** The 1-minute load average, printed before each measurement so that noise shows beside the figure. */
export function loadAverageNow(): number {
  return loadavg()[0];
}

export function residentMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`No VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU time (user + system) the process has used so far, in ms (`/proc/<pid>/stat`, 100 ticks/s). */
export function cpuMilliseconds(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Non-2xx responses plus errors (timeouts included). */
function failuresOf(result: autocannon.Result): number {
  return result.non2xx + result.errors;
}

/**
 * Runs a benchmark; everything it registers with `onStop` is stopped newest first when it ends,
 * fails or is interrupted with Ctrl-C. Warns when the machine is busy before the start.
 */
export async function runBenchmark(
  body: (onStop: (stop: () => Promise<void>) => void) => Promise<void>,
): Promise<void> {
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
    if (!Number.isInteger(LOAD.seconds) || LOAD.seconds < 1) throw new Error('BENCH_SECONDS must be ≥ 1');
    if (!Number.isInteger(LOAD.warmUpSeconds) || LOAD.warmUpSeconds < 1) {
      throw new Error('BENCH_WARMUP_SECONDS must be ≥ 1');
    }
    await body((stop) => stops.push(stop));
  } catch (error) {
    log(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMb: number;
  /** Non-2xx responses plus errors, warm-up included. */
  failures: number;
  /** 2xx responses, warm-up included. */
  succeeded: number;
  /**
   * The server process's CPU time per request of the measured run, ms: what a request costs,
   * which a busy machine slows down far less than it slows the rate.
   */
  cpuMsPerRequest: number;
}

/**
 * Loads `server` with autocannon (`options` gives the URL or requests): a warm-up that is discarded,
 * then the measured run. Prints one line headed by `label`.
 */
export async function measureLoad(
  label: string,
  server: Server,
  options: Omit<autocannon.Options, 'connections' | 'duration'>,
  settings: { connections: number; warmUpSeconds: number; seconds: number },
): Promise<LoadFigures> {
  const warmUp = await autocannon({
    ...options,
    connections: settings.connections,
    duration: settings.warmUpSeconds,
  });
  const cpuBefore = cpuMilliseconds(server.pid);
  const result = await autocannon({
    ...options,
    connections: settings.connections,
    duration: settings.seconds,
  });
  const cpuMs = cpuMilliseconds(server.pid) - cpuBefore;
  const figures: LoadFigures = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMb: residentMegabytes(server.pid),
    failures: failuresOf(warmUp) + failuresOf(result),
    succeeded: warmUp['2xx'] + result['2xx'],
    cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total),
  };
  print(
    `${label} ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s` +
      `  p50 ${figures.p50} ms  p99 ${figures.p99} ms  RSS ${figures.rssMb.toFixed(0)} MB` +
      `  CPU ${figures.cpuMsPerRequest.toFixed(2)} ms/req` +
      `  (${result.requests.total} requests; non-2xx ${warmUp.non2xx + result.non2xx},` +
      ` errors ${warmUp.errors + result.errors}, timeouts ${warmUp.timeouts + result.timeouts})`,
  );
  return figures;
}

/**
 * A customer's token as the server signs it (HS256 with the `JWT_SECRET` it was given), for
 * benchmarks that act as many members without logging each one in.
 */
export function signMemberToken(secret: string, memberId: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: memberId, role: 'customer', storeId: null, iat: now, exp: now + 3600 };
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** A customer logged in through the dev WeChat code `dev-<name>`. */
export async function loginMember(
  server: Server,
  name: string,
): Promise<{ memberId: number; token: string }> {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/wechat/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `dev-${name}` }),
  });
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  const body = (await response.json()) as { token: string; member: { id: number } };
  return { memberId: body.member.id, token: body.token };
}

/**
 * The order the order benchmarks place in `storeId`: a demo frame with 1.56 lenses, premium
 * anti-reflective coating and blue-cut, plus two boxes of contact lenses; both given stock enough
 * that a run measures orders, not OUT_OF_STOCK answers.
 */
export async function benchOrderLines(databaseUrl: string, storeId: number): Promise<object> {
  const connection = await createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(
      "SELECT id, code FROM skus WHERE code IN ('FR01-BLA', 'LN01-156', 'CL01-300')",
    );
    const byCode = new Map((rows as { id: number; code: string }[]).map((row) => [row.code, row.id]));
    await connection.query(
      'UPDATE store_stock SET quantity = 10000000 WHERE store_id = ? AND sku_id IN (?, ?)',
      [storeId, byCode.get('FR01-BLA'), byCode.get('CL01-300')],
    );
    return {
      storeId,
      fulfilment: 'pickup',
      items: [
        {
          skuId: byCode.get('FR01-BLA'),
          quantity: 1,
          lens: { skuId: byCode.get('LN01-156'), options: ['AR-PREMIUM', 'BLUE-CUT'] },
        },
        { skuId: byCode.get('CL01-300'), quantity: 2 },
      ],
    };
  } finally {
    await connection.end();
  }
}

/** Prints the endpoints' figures as a Markdown table; throws when any request failed or was not 2xx. */
export function printEndpointTable(rows: (LoadFigures & { endpoint: string })[]): void {
  print('| Endpoint | Requests/s | p50 (ms) | p99 (ms) | RSS after (MB) |');
  print('| -------- | ---------: | -------: | -------: | -------------: |');
  for (const row of rows) {
    print(
      `| ${row.endpoint} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.rssMb.toFixed(0)} |`,
    );
  }
  const failures = rows.reduce((sum, row) => sum + row.failures, 0);
  if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
}

/**
 * Compiles a comparison server (`scripts/bench/<name>.ts`) to plain JavaScript: running it under tsx
 * would add tsx's loader to its RSS (about 20 MB), while LensLoop runs compiled code. Written under
 * scripts/node_modules so that it resolves fastify and mysql2 from there and stays out of git.
 */
export function compileBenchServer(name: string): string {
  const directory = join(__dirname, '../node_modules/.cache/lensloop-bench');
  mkdirSync(directory, { recursive: true });
  // The server and the kit it imports (`./bench-server-kit`), side by side.
  for (const module of ['bench-server-kit', name]) {
    const source = readFileSync(join(__dirname, `${module}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    writeFileSync(join(directory, `${module}.js`), outputText);
  }
  return join(directory, `${name}.js`);
}

/** Median of the values (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
