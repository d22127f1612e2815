import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createApp, dataSourceOf } from '../../server/src/app.factory';
import { SealedBox } from '../../server/src/infra/crypto/sealed-box';
import { loadConfig, type AppConfig } from '../../server/src/infra/config/app-config';
import { seedDemoData } from '../../server/src/demo/demo-seeder';
import {
  startFakeWechatServer,
  type FakeWechatServer,
} from '../../server/src/infra/wechat/fake-wechat-server';
import {
  createDevPayCredentials,
  type DevPlatformCertificate,
  type FakePayOptions,
} from '../../server/src/infra/wechat/pay/dev-pay-credentials';

type App = Awaited<ReturnType<typeof createApp>>;

export interface TestServer {
  app: App;
  baseUrl: string;
  config: AppConfig;
  dataSource: ReturnType<typeof dataSourceOf>;
  wechat: FakeWechatServer;
  /** The platform side of the fake WeChat Pay, to forge notifications in tests. */
  pay: FakePayOptions;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /**
   * `mariadb` (default) uses a fresh database in the run's throwaway MariaDB; `sqlite` the embedded
   * default (better-sqlite3, WAL) on a fresh file; `sqljs` the WebAssembly SQLite in memory.
   */
  database?: 'mariadb' | 'sqlite' | 'sqljs';
  /** Seed the demo chain (off by default: tests build their data with support/factories.ts). */
  seed?: boolean;
  /** Extra environment, e.g. `{ AUTH_RATE_LIMIT_PER_MINUTE: '3' }`. */
  env?: Record<string, string>;
  /** Another server's database and WeChat: a second replica of the same deployment. */
  replicaOf?: TestServer;
  /** Platform certificates the fake WeChat Pay lists at `GET /v3/certificates`. */
  platformCertificates?: DevPlatformCertificate[];
  /** The MariaDB server to make the test database in (default: the run's, from the global setup). */
  mariadbUrl?: string;
}

/** A database of its own for one test file, by default inside the MariaDB started by the global setup. */
async function createTestDatabase(serverUrl = process.env.LENSLOOP_TEST_MARIADB_URL): Promise<string> {
  if (!serverUrl) throw new Error('LENSLOOP_TEST_MARIADB_URL is not set: run through the jest global setup');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const connection = await createConnection(serverUrl);
  await connection.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  return serverUrl.replace(/\/\w+$/, `/${name}`);
}

/**
 * Starts the real application on 127.0.0.1 with its own database and its own fake WeChat
 * server, the H5 build served at the root when it has been built.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? 'mariadb';
  const replicaOf = options.replicaOf;
  const credentials = replicaOf ? null : createDevPayCredentials('wxtestlensloop0001');
  const pay = replicaOf?.pay ?? {
    ...(credentials as NonNullable<typeof credentials>).platform,
    platformCertificates: options.platformCertificates,
  };
  const wechat =
    replicaOf?.wechat ??
    (await startFakeWechatServer({ appId: 'wxtestlensloop0001', appSecret: 'test-secret', pay }));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    COUPON_CODE_SECRET: replicaOf?.config.coupons.codeSecret ?? randomBytes(32).toString('hex'),
    MEMBER_CODE_SECRET: replicaOf?.config.members.codeSecret ?? randomBytes(32).toString('hex'),
    UPLOAD_DIR:
      replicaOf?.config.tradeIns.uploadDirectory ?? mkdtempSync(join(tmpdir(), 'lensloop-uploads-')),
    WECHAT_APPID: 'wxtestlensloop0001',
    WECHAT_SECRET: 'test-secret',
    WECHAT_API_BASE_URL: wechat.baseUrl,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    // Tests run jobs by calling them, so timers never race the assertions.
    JOBS_ENABLED: 'false',
    ...(database === 'mariadb'
      ? {
          DB_TYPE: 'mariadb',
          DB_URL: replicaOf?.config.database.url ?? (await createTestDatabase(options.mariadbUrl)),
          DB_MIGRATE: 'true',
          DB_POOL_SIZE: '30',
        }
      : database === 'sqlite'
        ? { DB_TYPE: 'sqlite', SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'lensloop-db-')), 'test.sqlite') }
        : { DB_TYPE: 'sqljs', SQLITE_PATH: ':memory:' }),
    ...options.env,
  });
  config.wechatPay = replicaOf
    ? { ...(replicaOf.config.wechatPay as NonNullable<AppConfig['wechatPay']>) }
    : {
        ...(credentials as NonNullable<typeof credentials>).merchant,
        baseUrl: wechat.baseUrl,
        notifyUrl: '',
      };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  config.wechatPay.notifyUrl = `${baseUrl}/api/v1/payments/wechat/notify`;
  const dataSource = dataSourceOf(app);
  if (!replicaOf && options.seed) await seedDemoData(dataSource, new SealedBox(config.prescriptionKeys));
  return {
    app,
    baseUrl,
    config,
    dataSource,
    wechat,
    pay,
    async stop() {
      await app.close();
      if (!replicaOf) await wechat.close();
      if (!replicaOf && !options.env?.UPLOAD_DIR) {
        rmSync(config.tradeIns.uploadDirectory, { recursive: true, force: true });
      }
      if (!replicaOf && database === 'sqlite') {
        rmSync(dirname(config.database.sqlitePath), { recursive: true, force: true });
      }
    },
  };
}
