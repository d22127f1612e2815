import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../infra/config/app-config';
import { PrescriptionRekeyJob } from '../modules/prescriptions/prescription-rekey.job';

/**
 * `scripts/ops/rekey-prescriptions.sh`: re-encrypts every prescription under the active key
 * (`PRESCRIPTION_KEY_ID`) with the same job the replicas run, batch after batch, from where the
 * last run (of this script or of any replica) stopped; prints its progress and exits 0 when no row
 * is left under another key, 2 when some are (a replica still seals with the old key: restart it
 * with the new configuration and run this again). Same environment as the server; it serves no HTTP.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  // This process does the work itself; no timers.
  config.jobs.enabled = false;
  // It never calls WeChat; outside production the server would start its local fake instead.
  config.wechat.apiBaseUrl ||= 'http://127.0.0.1:9';
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: new ConsoleLogger({ json: true, logLevels: ['fatal', 'error', 'warn'] }),
  });
  try {
    const job = app.get(PrescriptionRekeyJob);
    const keyId = config.prescriptionKeys.activeKeyId;
    const before = await job.remaining();
    process.stdout.write(
      `prescription-rekey: active key ${keyId}, ${before} rows under other keys, resuming after id ${await job.position()}\n`,
    );
    let resealed = 0;
    for (;;) {
      const batch = await job.runBatch();
      if (!batch) {
        process.stdout.write('prescription-rekey: another process holds the cursor; waiting\n');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      resealed += batch.resealed;
      process.stdout.write(
        `prescription-rekey: batch done up to id ${batch.position} (${resealed} re-encrypted)\n`,
      );
      if (!batch.more) break;
    }
    const left = await job.remaining();
    process.stdout.write(
      `prescription-rekey: done, ${resealed} re-encrypted, ${left} rows under other keys\n`,
    );
    return left === 0 ? 0 : 2;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `prescription-rekey failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
