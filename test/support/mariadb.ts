import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

const run = promisify(execFile);

export interface ThrowawayMariaDb {
  /** `mysql://lensloop:lensloop@127.0.0.1:<port>/lensloop` */
  url: string;
  port: number;
  /** Ends the server the hard way (SIGKILL), as a crash or an OOM kill ends it. */
  kill(): Promise<void>;
  /** Starts the server again on the same datadir and port (InnoDB recovers what was committed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForSocket(socketPath: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`mariadbd exited with ${server.exitCode}:\n${log()}`);
    try {
      const connection = await createConnection({ socketPath, user: 'root' });
      await connection.end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`mariadbd did not start: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export interface MariaDbOptions {
  /**
   * Keep the server's files here instead of a temp directory: a directory that already holds a
   * datadir is started as it is (a generated benchmark dataset is reused), and `stop()` keeps it.
   */
  keptDirectory?: string;
  /** `innodb_buffer_pool_size`; 512M unless given. */
  bufferPoolSize?: string;
  /**
   * The buffer pool in huge pages (`--large-pages`): the kernel must have them reserved
   * (`vm.nr_hugepages`), or MariaDB falls back to ordinary pages and says so in its log.
   */
  largePages?: boolean;
}

/**
 * Starts a MariaDB server of its own (datadir, socket and port in a temp directory) for one
 * test or benchmark run; `stop()` shuts it down and removes every file it wrote.
 */
export async function startThrowawayMariaDb(options: MariaDbOptions = {}): Promise<ThrowawayMariaDb> {
  const kept = options.keptDirectory;
  if (kept) await mkdir(kept, { recursive: true });
  const directory = kept ?? (await mkdtemp(join(tmpdir(), 'lensloop-mariadb-')));
  const datadir = join(directory, 'data');
  const socketPath = join(directory, 'mysqld.sock');
  const port = await freePort();
  const existing = existsSync(join(datadir, 'lensloop'));
  if (!existing) {
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
  }
  let output = '';
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--socket=${socketPath}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--user=root',
        '--default-time-zone=+00:00',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=1000',
        `--innodb-buffer-pool-size=${options.bufferPoolSize ?? '512M'}`,
        ...(options.largePages ? ['--large-pages'] : []),
        `--pid-file=${join(directory, 'mysqld.pid')}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForSocket(socketPath, child, () => output);
    return child;
  };
  let server: ChildProcess | undefined;
  const exit = async (signal: NodeJS.Signals) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill(signal);
    await exited;
  };
  try {
    server = await launch();
    if (existing) return handle();
    const root = await createConnection({ socketPath, user: 'root' });
    await root.query('CREATE DATABASE lensloop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await root.query("CREATE USER 'lensloop'@'%' IDENTIFIED BY 'lensloop'");
    // With GRANT OPTION: tests make narrower accounts (the backup user of docs/operations.md).
    await root.query("GRANT ALL ON *.* TO 'lensloop'@'%' WITH GRANT OPTION");
    await root.end();
  } catch (error) {
    await exit('SIGKILL');
    if (!kept) await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return handle();

  function handle(): ThrowawayMariaDb {
    return {
      url: `mysql://lensloop:lensloop@127.0.0.1:${port}/lensloop`,
      port,
      kill: () => exit('SIGKILL'),
      async restart() {
        await exit('SIGKILL');
        server = await launch();
      },
      async stop() {
        await exit('SIGTERM');
        if (!kept) await rm(directory, { recursive: true, force: true });
      },
    };
  }
}
