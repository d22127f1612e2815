import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp, dataSourceOf } from './app.factory';
import { Readiness } from './common/readiness';
import { ConfigError, loadConfig, type AppConfig } from './infra/config/app-config';
import { SealedBox } from './infra/crypto/sealed-box';
import { seedDemoData } from './demo/demo-seeder';
import { startFakeWechatServer } from './infra/wechat/fake-wechat-server';
import { createDevPayCredentials } from './infra/wechat/pay/dev-pay-credentials';
import { welcomeBanner } from './welcome-banner';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  // Outside production, with no WeChat URL configured, talk to the local fake WeChat server,
  // which also plays WeChat Pay with keys generated now when no merchant is configured.
  const useFake = config.environment !== 'production' && !config.wechat.apiBaseUrl;
  const devPay = useFake && !config.wechatPay ? createDevPayCredentials(config.wechat.appId) : null;
  const fakeWechat = useFake
    ? await startFakeWechatServer({
        appId: config.wechat.appId,
        appSecret: config.wechat.appSecret,
        pay: devPay?.platform,
      })
    : null;
  if (fakeWechat) config.wechat.apiBaseUrl = fakeWechat.baseUrl;
  if (fakeWechat && devPay) {
    config.wechatPay = { ...devPay.merchant, baseUrl: fakeWechat.baseUrl, notifyUrl: '' };
  }

  const app = await createApp(config);
  if (config.seedDemoData) {
    await seedDemoData(dataSourceOf(app), new SealedBox(config.prescriptionKeys));
  }
  if (fakeWechat) app.getHttpServer().once('close', () => void fakeWechat.close());
  await app.listen(config.port, config.host);
  if (devPay && config.wechatPay) {
    const { port } = app.getHttpServer().address() as AddressInfo;
    config.wechatPay.notifyUrl = `http://127.0.0.1:${port}/api/v1/payments/wechat/notify`;
  }
  // Graceful shutdown: stop accepting connections, finish in-flight requests, close the pool. Nest's
  // close() closes the HTTP server only after the shutdown hooks (which close the pool), so HTTP is
  // drained first; handlers whose client has gone (which the HTTP close does not wait for) are
  // waited for by UnansweredRequests before the pool closes.
  // With SHUTDOWN_DRAIN_MS, readiness answers 503 first for that long while requests are still served.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), config.shutdown.timeoutMs).unref();
      app.get(Readiness).startDraining();
      void (async () => {
        if (config.shutdown.drainMs) await new Promise((done) => setTimeout(done, config.shutdown.drainMs));
        // A keep-alive connection whose last request finishes during the close would otherwise stay
        // open (Fastify keeps idle ones 72 s) and hold the close up: drop each as soon as it is idle.
        const server = app.getHttpServer();
        setInterval(() => server.closeIdleConnections(), 100).unref();
        await app.getHttpAdapter().close();
        await app.close();
      })().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
  process.stdout.write(
    welcomeBanner({
      url,
      config,
      fakeWechatUrl: fakeWechat?.baseUrl ?? null,
      generatedPayKeys: devPay !== null,
    }),
  );
}

void bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `LensLoop failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
