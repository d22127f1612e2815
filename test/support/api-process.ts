import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestServer } from './test-server';

const MAIN = resolve(__dirname, '../../server/dist/main.js');

export interface ApiProcess {
  baseUrl: string;
  child: ChildProcess;
  /** What the process has written to stdout and stderr so far (its logs). */
  output(): string;
  /** Ends the process the hard way (SIGKILL), as a crashed or OOM-killed replica ends. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the built server (`server/dist/main.js`) as a separate OS process, another replica of
 * `server`'s deployment: same database, same fake WeChat and WeChat Pay merchant, same JWT secret.
 * `platformKeys` (PEM public keys or certificates by serial) are trusted besides the server's.
 */
export async function startApiProcess(
  server: TestServer,
  env: Record<string, string> = {},
  platformKeys: Record<string, string> = {},
): Promise<ApiProcess> {
  const pay = server.config.wechatPay;
  if (!pay) throw new Error('the test server has no WeChat Pay');
  const keys = await mkdtemp(join(tmpdir(), 'lensloop-keys-'));
  await writeFile(join(keys, 'merchant.pem'), pay.merchantPrivateKey);
  const platformKeyFiles = await Promise.all(
    Object.entries({ ...pay.platformKeys, ...platformKeys }).map(async ([serial, pem]) => {
      await writeFile(join(keys, `${serial}.pem`), pem);
      return `${serial}:${join(keys, `${serial}.pem`)}`;
    }),
  );
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DB_TYPE: 'mariadb',
      DB_URL: server.config.database.url as string,
      SEED_DEMO_DATA: 'false',
      JWT_SECRET: server.config.jwt.secret,
      COUPON_CODE_SECRET: server.config.coupons.codeSecret,
      MEMBER_CODE_SECRET: server.config.members.codeSecret,
      UPLOAD_DIR: server.config.tradeIns.uploadDirectory,
      WECHAT_APPID: server.config.wechat.appId,
      WECHAT_SECRET: server.config.wechat.appSecret,
      WECHAT_API_BASE_URL: server.wechat.baseUrl,
      WECHATPAY_MCHID: pay.mchId,
      WECHATPAY_MERCHANT_SERIAL_NO: pay.merchantSerialNo,
      WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: join(keys, 'merchant.pem'),
      WECHATPAY_PLATFORM_KEYS: platformKeyFiles.join(','),
      WECHATPAY_APIV3_KEY: pay.apiV3Key,
      WECHATPAY_NOTIFY_URL: pay.notifyUrl,
      WECHATPAY_BASE_URL: pay.baseUrl,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited ${child.exitCode}: ${output}`);
    const ready = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the API process did not start: ${output}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    baseUrl,
    child,
    output: () => output,
    async kill() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
      await rm(keys, { recursive: true, force: true });
    },
  };
}
