import { DEMO_CUSTOMER } from './demo/demo-family';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from './demo/demo-stores';
import { isEmbeddedDatabase, type AppConfig } from './infra/config/app-config';
import { APP_VERSION } from './infra/config/app-version';

export interface WelcomeFacts {
  /** Where the app listens, as a browser should open it. */
  url: string;
  config: AppConfig;
  /** Base URL of the fake WeChat this process started, or null when it talks to WeChat. */
  fakeWechatUrl: string | null;
  /** Whether WeChat Pay runs on keys generated at start, against the fake. */
  generatedPayKeys: boolean;
}

/** Where the database is: the file of the embedded one, or the server's address (never its password). */
function databaseLine({ type, url, sqlitePath }: AppConfig['database']): string {
  if (isEmbeddedDatabase(type)) {
    return sqlitePath === ':memory:' ? 'embedded SQLite in memory' : `embedded SQLite at ${sqlitePath}`;
  }
  const address = new URL(url as string);
  return `${type === 'mariadb' ? 'MariaDB' : 'MySQL'} at ${address.host}${address.pathname}`;
}

function payLine(pay: AppConfig['wechatPay'], generatedPayKeys: boolean): string {
  if (!pay) return 'not configured (paying answers WECHAT_UNAVAILABLE)';
  if (generatedPayKeys) return `fake, merchant ${pay.mchId} with keys generated at start`;
  const serials = Object.keys(pay.platformKeys).join(', ') || 'none configured';
  const downloaded = pay.downloadCertificates ? ', and the certificates WeChat lists (downloaded)' : '';
  return `merchant ${pay.mchId} (appid ${pay.appId}) at ${pay.baseUrl}; platform keys ${serials}${downloaded}`;
}

/**
 * What the server prints when it has started: the modes it really runs in (fake or real WeChat
 * login and Pay, which database), with ids, hosts and key serials but never a secret.
 */
export function welcomeBanner({ url, config, fakeWechatUrl, generatedPayKeys }: WelcomeFacts): string {
  const staffByRole = DEMO_STAFF.filter((staff) => staff.storeNumber === 1 || staff.role === 'admin')
    .map((staff) => `${staff.username} (${staff.role})`)
    .join(', ');
  const wechat = fakeWechatUrl
    ? `fake at ${fakeWechatUrl} (log in with any code dev-<name>)`
    : `appid ${config.wechat.appId} at ${config.wechat.apiBaseUrl}`;
  const lines = [
    '',
    `  LensLoop is running: open ${url}/`,
    `  Version:             ${APP_VERSION}`,
    `  API docs:            ${url}/api/docs`,
    `  Database:            ${databaseLine(config.database)}`,
    `  WeChat login:        ${wechat}`,
    `  WeChat Pay:          ${payLine(config.wechatPay, generatedPayKeys)}`,
  ];
  if (config.seedDemoData) {
    lines.push(
      `  Demo staff:          ${staffByRole}, … (store N: managerN, optometristN, clerkN)`,
      `  Demo staff password: ${DEMO_STAFF_PASSWORD}`,
      `  Demo customer:       log in with the code ${DEMO_CUSTOMER.openid}; staff find them by ${DEMO_CUSTOMER.phone}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}
