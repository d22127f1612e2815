import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/** Stops the test bed the setup started (not one given by LENSLOOP_CLUSTER_DIR). */
export default async function clusterTeardown(): Promise<void> {
  if (process.env.LENSLOOP_CLUSTER_OWNED !== '1') return;
  await promisify(execFile)('bash', [resolve(__dirname, '../../../scripts/cluster/stop.sh')], {
    env: {
      ...process.env,
      CLUSTER_DIR: process.env.LENSLOOP_CLUSTER_DIR,
      CLUSTER_BASE_PORT: process.env.LENSLOOP_CLUSTER_BASE_PORT,
    },
  });
}
