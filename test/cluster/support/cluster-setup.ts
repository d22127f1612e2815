import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** KEY=value lines of cluster.env into process.env as LENSLOOP_CLUSTER_KEY (jest passes them to the workers). */
function exportClusterEnv(directory: string): void {
  for (const line of readFileSync(join(directory, 'cluster.env'), 'utf8').split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line);
    if (match) process.env[`LENSLOOP_CLUSTER_${match[1]}`] = match[2];
  }
  process.env.LENSLOOP_CLUSTER_DIR = directory;
}

/** A base port whose block (base+1 … base+42) is free: the cluster's ports are base + small offsets. */
async function freeBasePort(): Promise<number> {
  for (;;) {
    const base = 20_000 + 50 * Math.floor(Math.random() * 400);
    const { stdout } = await run('ss', ['-Htan', `( sport >= :${base} and sport <= :${base + 49} )`]);
    if (!stdout.trim()) return base;
  }
}

/**
 * Starts the test bed (3 Galera nodes and Redis; the tests start their own API replicas) in a temp
 * directory, or uses the running one named by LENSLOOP_CLUSTER_DIR (then left running).
 */
export default async function clusterSetup(): Promise<void> {
  const given = process.env.LENSLOOP_CLUSTER_DIR;
  if (given && existsSync(join(given, 'cluster.env'))) {
    process.env.LENSLOOP_CLUSTER_BASE_PORT ??= '33300';
    exportClusterEnv(given);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'lensloop-cluster-'));
  const basePort = await freeBasePort();
  const env = {
    ...process.env,
    CLUSTER_DIR: directory,
    CLUSTER_BASE_PORT: String(basePort),
    CLUSTER_API: '0',
  };
  const started = Date.now();
  const code = await new Promise<number | null>((done) => {
    const child = spawn('bash', [join(ROOT, 'scripts/cluster/start.sh')], { env, stdio: 'inherit' });
    child.on('exit', done);
  });
  if (code !== 0) {
    await run('bash', [join(ROOT, 'scripts/cluster/stop.sh')], { env }).catch(() => undefined);
    throw new Error(`scripts/cluster/start.sh failed (${code})`);
  }
  process.stdout.write(`\ncluster test bed up in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.env.LENSLOOP_CLUSTER_BASE_PORT = String(basePort);
  process.env.LENSLOOP_CLUSTER_OWNED = '1';
  exportClusterEnv(directory);
}
