import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { createApp, dataSourceOf } from '../../server/src/app.factory';
import { SealedBox } from '../../server/src/infra/crypto/sealed-box';
import { loadConfig, type AppConfig } from '../../server/src/infra/config/app-config';
import { seedDemoData } from '../../server/src/infra/database/seed/demo-seeder';
import {
  startFakeWechatServer,
  type FakeWechatServer,
} from '../../server/src/infra/wechat/fake-wechat-server';

type App = Awaited<ReturnType<typeof createApp>>;

export interface TestServer {
  app: App;
  baseUrl: string;
  config: AppConfig;
  dataSource: ReturnType<typeof dataSourceOf>;
  wechat: FakeWechatServer;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** `mariadb` (default) uses a fresh database in the run's throwaway MariaDB. */
  database?: 'mariadb' | 'sqljs';
  seed?: boolean;
  /** Extra environment, e.g. `{ AUTH_RATE_LIMIT_PER_MINUTE: '3' }`. */
  env?: Record<string, string>;
}

/** A database of its own for one test file, inside the MariaDB started by the global setup. */
async function createTestDatabase(): Promise<string> {
  const serverUrl = process.env.LENSLOOP_TEST_MARIADB_URL;
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
  const wechat = await startFakeWechatServer({ appId: 'wxtestlensloop0001', appSecret: 'test-secret' });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    WECHAT_APPID: 'wxtestlensloop0001',
    WECHAT_SECRET: 'test-secret',
    WECHAT_API_BASE_URL: wechat.baseUrl,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...(database === 'mariadb'
      ? { DB_TYPE: 'mariadb', DB_URL: await createTestDatabase(), DB_MIGRATE: 'true', DB_POOL_SIZE: '30' }
      : { DB_TYPE: 'sqljs', SQLITE_PATH: ':memory:' }),
    ...options.env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const dataSource = dataSourceOf(app);
  if (options.seed ?? true) await seedDemoData(dataSource, new SealedBox(config.prescriptionKeys));
  return {
    app,
    baseUrl: await app.getUrl(),
    config,
    dataSource,
    wechat,
    async stop() {
      await app.close();
      await wechat.close();
    },
  };
}
