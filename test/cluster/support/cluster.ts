import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Connection } from 'mysql2/promise';
import { startApiProcess, type ApiProcess } from '../../support/api-process';
import { startTestServer, type TestServer } from '../../support/test-server';

const run = promisify(execFile);
const SCRIPTS = resolve(__dirname, '../../../scripts/cluster');

export type NodeNumber = 1 | 2 | 3;

function setting(name: string): string {
  const value = process.env[`LENSLOOP_CLUSTER_${name}`];
  if (!value) throw new Error(`LENSLOOP_CLUSTER_${name} is not set: run through jest.cluster.config.js`);
  return value;
}

/** `mysql://…@127.0.0.1:<node n's port>/<database>` */
export function nodeUrl(node: NodeNumber, database = 'lensloop'): string {
  return setting(`NODE${node}_URL`).replace(/\/\w+$/, `/${database}`);
}

export function redisUrl(): string {
  return setting('REDIS_URL');
}

/** Fault injection on one Galera node (scripts/cluster/node.sh): kill = SIGKILL, start = rejoin and wait until Synced. */
export async function galeraNode(
  action: 'kill' | 'stop' | 'start' | 'status',
  node: NodeNumber,
): Promise<string> {
  const { stdout } = await run('bash', [resolve(SCRIPTS, 'node.sh'), action, String(node)], {
    env: {
      ...process.env,
      CLUSTER_DIR: setting('DIR'),
      CLUSTER_BASE_PORT: setting('BASE_PORT'),
    },
    timeout: 240_000,
  });
  return stdout;
}

/**
 * wsrep status of a node and its global `wsrep_sync_wait`, e.g.
 * `{ wsrep_cluster_size: '3', wsrep_local_state_comment: 'Synced', wsrep_sync_wait: '1' }`.
 */
export async function wsrepStatus(node: NodeNumber): Promise<Record<string, string>> {
  const connection = await createConnection(nodeUrl(node));
  try {
    const [status] = await connection.query("SHOW STATUS LIKE 'wsrep_%'");
    const [variables] = await connection.query("SHOW GLOBAL VARIABLES LIKE 'wsrep_sync_wait'");
    return Object.fromEntries(
      [status, variables]
        .flatMap((rows) => rows as { Variable_name: string; Value: string }[])
        .map((row) => [row.Variable_name, row.Value]),
    );
  } finally {
    await connection.end();
  }
}

/** Empties Redis (rate-limit counters left by an earlier test). */
export async function flushRedis(): Promise<void> {
  const port = new URL(redisUrl()).port;
  await run('redis-cli', ['-p', port, 'FLUSHALL']);
}

export interface ClusterDeployment {
  /** In-process server on node1: migrations, factories, the fake WeChat and WeChat Pay. */
  server: TestServer;
  database: string;
  /** A connection to `node`'s copy of the test database. */
  connect(node: NodeNumber): Promise<Connection>;
  /** Starts an API process (a replica of `server`'s deployment) on `node`, sharing Redis. */
  replica(node: NodeNumber, env?: Record<string, string>): Promise<ApiProcess>;
}

/**
 * A deployment of its own on the cluster: a fresh database (made on node1, replicated by Galera),
 * an in-process server on node1 for the fixtures, and API processes on any node.
 */
export async function startClusterDeployment(): Promise<ClusterDeployment> {
  const server = await startTestServer({ mariadbUrl: nodeUrl(1), env: { DB_WSREP_SYNC_WAIT: '1' } });
  const database = new URL(server.config.database.url as string).pathname.slice(1);
  return {
    server,
    database,
    connect: (node) => createConnection(nodeUrl(node, database)),
    replica: (node, env = {}) =>
      startApiProcess(server, {
        DB_URL: nodeUrl(node, database),
        REDIS_URL: redisUrl(),
        DB_WSREP_SYNC_WAIT: '1',
        JOBS_ENABLED: 'false',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        ...env,
      }),
  };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
