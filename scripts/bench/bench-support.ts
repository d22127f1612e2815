/** Pieces the benchmarks share: starting and stopping the servers, MariaDB, cleanup on exit. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startThrowawayMariaDb, type ThrowawayMariaDb } from '../../test/support/mariadb';

export const ROOT = resolve(__dirname, '../..');
// The server's DB_POOL_SIZE default, passed to every server so they get equal pools.
export const POOL_SIZE = 20;

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

export async function startLensLoop(databaseUrl: string): Promise<Server> {
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

export function residentMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`No VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

export interface BenchmarkContext {
  database: ThrowawayMariaDb;
  /** Registers a cleanup; cleanups run newest first at the end, on failure or on Ctrl-C. */
  onStop(stop: () => Promise<void>): void;
}

/** Starts MariaDB, runs `body`, stops everything it started; a failure sets exit code 1. */
export function runBenchmark(body: (context: BenchmarkContext) => Promise<void>): void {
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

  const run = async (): Promise<void> => {
    try {
      log('Starting MariaDB…');
      const database = await startThrowawayMariaDb();
      stops.push(() => database.stop());
      await body({ database, onStop: (stop) => stops.push(stop) });
    } finally {
      await stopAll();
    }
  };
  run().catch((error: unknown) => {
    log(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
