import { createHash, createPrivateKey, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WechatPayConfig } from '../wechat/pay/wechat-pay.types';
import type { WecomSettings } from '../wecom/wecom-client';

export type RuntimeEnvironment = 'development' | 'test' | 'production';
/**
 * `sqlite`: the embedded default, SQLite through better-sqlite3 (native, WAL: a write touches only
 * its pages); `sqljs`: the same SQLite compiled to WebAssembly, which rewrites the whole file after
 * each transaction (kept for machines where the native build is impossible).
 */
export type DatabaseType = 'sqlite' | 'sqljs' | 'mariadb' | 'mysql';

/** Whether the database is the embedded SQLite (one connection, no row locks). */
export function isEmbeddedDatabase(type: DatabaseType): type is 'sqlite' | 'sqljs' {
  return type === 'sqlite' || type === 'sqljs';
}

export interface AppConfig {
  environment: RuntimeEnvironment;
  host: string;
  port: number;
  logLevel: string;
  database: {
    type: DatabaseType;
    /** `mysql://user:pass@host:port/db` for mariadb/mysql. */
    url?: string;
    /** File of the embedded SQLite database; `:memory:` keeps it in memory only. */
    sqlitePath: string;
    poolSize: number;
    /** Run pending migrations at start (MariaDB/MySQL); one instance per release should do it. */
    migrateOnStart: boolean;
    /**
     * `DB_WSREP_SYNC_WAIT` (Galera): set as `wsrep_sync_wait` on every connection, so a read waits
     * until this node has applied what other nodes committed before it (1 = reads). 0: not set.
     */
    syncWait: number;
    /** `DB_ACQUIRE_TIMEOUT_MS`: a request waiting longer for a pooled connection answers 503. 0: waits. */
    acquireTimeoutMs: number;
  };
  jwt: { secret: string; ttlSeconds: number };
  /** HMAC key of the rotating in-store coupon codes; never sent to a client. */
  coupons: { codeSecret: string };
  /** HMAC key of the rotating member codes shown on 我的; never sent to a client. */
  members: { codeSecret: string };
  /** Trade-in photos: the directory they are stored under. */
  tradeIns: { uploadDirectory: string };
  wechat: {
    appId: string;
    appSecret: string;
    /** Base URL of WeChat's API; unset in development means "start the local fake". */
    apiBaseUrl?: string;
  };
  /**
   * WeChat Pay v3 merchant settings; null outside production when none are given, in which case
   * the process that starts the fake WeChat generates throwaway keys (see main.ts).
   */
  wechatPay: WechatPayConfig | null;
  /** WeCom (企业微信) external-contact API and callbacks; null when the chain does not use WeCom. */
  wecom: WecomSettings | null;
  orders: {
    /** An unpaid order is cancelled, and its stock released, this long after creation. */
    paymentWindowMinutes: number;
  };
  /** Background jobs (order expiry, payment reconciliation) claimed through the database. */
  jobs: { enabled: boolean; intervalSeconds: number };
  /**
   * Event delivery: attempts before dead-lettering, the first retry delay (doubling), the claim
   * lease, and how long delivered events are kept.
   */
  outbox: { maxAttempts: number; retryBaseSeconds: number; leaseSeconds: number; retentionDays: number };
  /**
   * Care-reminder delivery: how long one subscribe-message send may take, how long a claimed
   * send is leased (a replica that dies mid-send leaves it to the inbox after this), send attempts
   * before the inbox fallback and the first retry delay (doubling).
   */
  reminders: {
    sendTimeoutMs: number;
    leaseSeconds: number;
    maxSendAttempts: number;
    retryBaseSeconds: number;
  };
  authRateLimitPerMinute: number;
  /** Redis shared by the replicas for rate-limit counters (`REDIS_URL`); null: counted in memory. */
  redisUrl: string | null;
  /**
   * SIGTERM: readiness answers 503 for `drainMs` while requests are still served (the load balancer
   * notices), then the HTTP server closes and in-flight requests finish; the process exits at the
   * latest `timeoutMs` after the signal.
   */
  shutdown: { drainMs: number; timeoutMs: number };
  /** AES-256 keys for prescription values at rest, by key id; new rows use `activeKeyId`. */
  prescriptionKeys: { activeKeyId: string; keys: Record<string, Buffer> };
  /**
   * Prometheus `/metrics` on a listener of its own (never on the public API port): null port = off,
   * 0 = any free port (tests). With a token, scrapes must send `Authorization: Bearer <token>`.
   */
  metrics: { port: number | null; host: string; token: string | null };
  /** The `prescription-rekey` job: rows per transaction, transactions per run. */
  prescriptionRekey: { batchSize: number; batchesPerRun: number };
  /** Directory of the H5 build served at `/`, when it exists. */
  h5Directory: string;
  /** Directory of shipped static assets (product images) served at `/static`. */
  staticDirectory: string;
  seedDemoData: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Outside production only: a fixed key so that the dev/test database stays readable across restarts.
const DEV_PRESCRIPTION_KEY_ID = 'dev';
const DEV_PRESCRIPTION_KEY = createHash('sha256').update('lensloop-dev-prescription-key').digest();

/**
 * `PRESCRIPTION_KEYS=id:base64,id:base64` (each key 32 bytes) and `PRESCRIPTION_KEY_ID` (the one new
 * rows are encrypted with, default the last listed). Old ids stay listed until no row uses them.
 */
function prescriptionKeys(
  env: NodeJS.ProcessEnv,
  production: boolean,
  problems: string[],
): AppConfig['prescriptionKeys'] {
  const listed = env.PRESCRIPTION_KEYS ?? '';
  if (listed === '') {
    if (production) problems.push('PRESCRIPTION_KEYS is required in production');
    return {
      activeKeyId: DEV_PRESCRIPTION_KEY_ID,
      keys: { [DEV_PRESCRIPTION_KEY_ID]: DEV_PRESCRIPTION_KEY },
    };
  }
  const keys: Record<string, Buffer> = {};
  for (const entry of listed.split(',')) {
    const [id, encoded = ''] = entry.trim().split(':');
    const key = Buffer.from(encoded, 'base64');
    if (!/^[\w-]{1,16}$/.test(id) || key.length !== 32) {
      problems.push(`PRESCRIPTION_KEYS entries must be <id>:<32 bytes in base64> (bad entry for "${id}")`);
    } else {
      keys[id] = key;
    }
  }
  const ids = Object.keys(keys);
  const activeKeyId = env.PRESCRIPTION_KEY_ID || ids[ids.length - 1] || '';
  if (ids.length && !keys[activeKeyId]) {
    problems.push(`PRESCRIPTION_KEY_ID "${activeKeyId}" is not one of PRESCRIPTION_KEYS`);
  }
  return { activeKeyId, keys };
}

const repositoryRoot = resolve(__dirname, '../../../..');

/** Reads and validates the configuration; throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  function integer(name: string, fallback: number, min: number, max: number): number {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  function flag(name: string, fallback: boolean): boolean {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  /** `/metrics` on a non-loopback address in production needs a token: it must never be open. */
  function metricsSettings(): AppConfig['metrics'] {
    const metrics = {
      port: env.METRICS_PORT ? integer('METRICS_PORT', 0, 0, 65535) : null,
      host: env.METRICS_HOST || '127.0.0.1',
      token: env.METRICS_TOKEN || null,
    };
    const loopback = ['127.0.0.1', '::1', 'localhost'].includes(metrics.host);
    if (metrics.port !== null && !loopback && !metrics.token && env.NODE_ENV === 'production') {
      problems.push('METRICS_TOKEN is required in production when METRICS_HOST is not a loopback address');
    }
    return metrics;
  }

  const environment = oneOf<RuntimeEnvironment>(
    'NODE_ENV',
    ['development', 'test', 'production'],
    'development',
  );
  const production = environment === 'production';
  const databaseType = oneOf<DatabaseType>('DB_TYPE', ['sqlite', 'sqljs', 'mariadb', 'mysql'], 'sqlite');
  const databaseUrl = env.DB_URL || undefined;
  if (!isEmbeddedDatabase(databaseType)) {
    if (!databaseUrl) problems.push(`DB_URL is required when DB_TYPE is ${databaseType}`);
    else if (!/^mysql:\/\/[^/]+\/\w+/.test(databaseUrl)) {
      problems.push('DB_URL must look like mysql://user:password@host:3306/database');
    }
  }

  let jwtSecret = env.JWT_SECRET ?? '';
  if (production && jwtSecret.length < 32) problems.push('JWT_SECRET must be set to at least 32 characters');
  if (!production && jwtSecret === '') jwtSecret = randomBytes(32).toString('hex');
  let couponCodeSecret = env.COUPON_CODE_SECRET ?? '';
  if (production && couponCodeSecret.length < 32) {
    problems.push('COUPON_CODE_SECRET must be set to at least 32 characters');
  }
  if (!production && couponCodeSecret === '') couponCodeSecret = randomBytes(32).toString('hex');
  let memberCodeSecret = env.MEMBER_CODE_SECRET ?? '';
  if (production && memberCodeSecret.length < 32) {
    problems.push('MEMBER_CODE_SECRET must be set to at least 32 characters');
  }
  if (!production && memberCodeSecret === '') memberCodeSecret = randomBytes(32).toString('hex');

  const appId = env.WECHAT_APPID ?? (production ? '' : 'wxdevlensloop00001');
  const appSecret = env.WECHAT_SECRET ?? (production ? '' : 'dev-secret');
  if (production && (!appId || !appSecret)) problems.push('WECHAT_APPID and WECHAT_SECRET are required');
  const apiBaseUrl = env.WECHAT_API_BASE_URL || (production ? 'https://api.weixin.qq.com' : undefined);
  if (apiBaseUrl && !/^https?:\/\/[^\s]+$/.test(apiBaseUrl)) {
    problems.push(`WECHAT_API_BASE_URL must be an http(s) URL (got "${apiBaseUrl}")`);
  }
  if (production && isEmbeddedDatabase(databaseType)) {
    problems.push(`DB_TYPE=${databaseType} is the embedded demo database; production needs mariadb or mysql`);
  }

  const wechatPay = loadWechatPay(
    env,
    { appId, production, downloadCertificates: flag('WECHATPAY_DOWNLOAD_CERTIFICATES', false) },
    problems,
  );

  const wecom = loadWecom(env, problems);

  const config: AppConfig = {
    environment,
    host: env.HOST || '127.0.0.1',
    port: integer('PORT', 3000, 0, 65535),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    database: {
      type: databaseType,
      url: databaseUrl,
      sqlitePath: env.SQLITE_PATH || resolve(repositoryRoot, '.data/lensloop.sqlite'),
      poolSize: integer('DB_POOL_SIZE', 20, 1, 500),
      migrateOnStart: flag('DB_MIGRATE', false),
      syncWait: integer('DB_WSREP_SYNC_WAIT', 0, 0, 15),
      acquireTimeoutMs: integer('DB_ACQUIRE_TIMEOUT_MS', 0, 0, 60_000),
    },
    jwt: { secret: jwtSecret, ttlSeconds: integer('JWT_TTL_SECONDS', 7 * 24 * 3600, 60, 90 * 24 * 3600) },
    coupons: { codeSecret: couponCodeSecret },
    members: { codeSecret: memberCodeSecret },
    tradeIns: { uploadDirectory: env.UPLOAD_DIR || resolve(repositoryRoot, '.data/uploads') },
    wechat: { appId, appSecret, apiBaseUrl },
    wechatPay,
    wecom,
    orders: { paymentWindowMinutes: integer('ORDER_PAYMENT_WINDOW_MINUTES', 30, 1, 24 * 60) },
    jobs: {
      enabled: flag('JOBS_ENABLED', true),
      intervalSeconds: integer('JOB_INTERVAL_SECONDS', 30, 1, 3600),
    },
    outbox: {
      maxAttempts: integer('OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseSeconds: integer('OUTBOX_RETRY_BASE_SECONDS', 10, 1, 3600),
      leaseSeconds: integer('OUTBOX_LEASE_SECONDS', 60, 1, 3600),
      retentionDays: integer('OUTBOX_RETENTION_DAYS', 7, 1, 365),
    },
    reminders: {
      sendTimeoutMs: integer('REMINDER_SEND_TIMEOUT_MS', 5000, 100, 60_000),
      leaseSeconds: integer('REMINDER_LEASE_SECONDS', 120, 1, 3600),
      maxSendAttempts: integer('REMINDER_MAX_SEND_ATTEMPTS', 3, 1, 20),
      retryBaseSeconds: integer('REMINDER_RETRY_BASE_SECONDS', 60, 1, 3600),
    },
    authRateLimitPerMinute: integer('AUTH_RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
    redisUrl: env.REDIS_URL || null,
    shutdown: {
      drainMs: integer('SHUTDOWN_DRAIN_MS', 0, 0, 60_000),
      timeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 20_000, 1_000, 120_000),
    },
    prescriptionKeys: prescriptionKeys(env, production, problems),
    metrics: metricsSettings(),
    prescriptionRekey: {
      batchSize: integer('PRESCRIPTION_REKEY_BATCH_SIZE', 500, 1, 10_000),
      batchesPerRun: integer('PRESCRIPTION_REKEY_BATCHES_PER_RUN', 20, 1, 100_000),
    },
    h5Directory: env.H5_DIR || resolve(repositoryRoot, 'miniprogram/dist/h5'),
    staticDirectory: resolve(__dirname, '../../../static'),
    seedDemoData: flag('SEED_DEMO_DATA', isEmbeddedDatabase(databaseType)),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

const PAY_VARIABLES = [
  'WECHATPAY_MCHID',
  'WECHATPAY_MERCHANT_SERIAL_NO',
  'WECHATPAY_MERCHANT_PRIVATE_KEY_FILE',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_NOTIFY_URL',
] as const;
/** The single platform key of earlier releases; still read, as one more entry of the list. */
const SINGLE_PLATFORM_KEY = ['WECHATPAY_PLATFORM_SERIAL_NO', 'WECHATPAY_PLATFORM_PUBLIC_KEY_FILE'] as const;

const PEM = { type: 'spki', format: 'pem' } as const;

/**
 * The PEM public key of a platform key file: a WeChat Pay public key (`pub_key.pem`) or a
 * platform certificate, whose serial must be the one it is listed under.
 */
function platformPublicKey(serial: string, text: string): string {
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return createPublicKey(text).export(PEM) as string;
  const certificate = new X509Certificate(text);
  if (certificate.serialNumber.toUpperCase() !== serial.toUpperCase()) {
    throw new Error(`the certificate's serial is ${certificate.serialNumber}`);
  }
  return certificate.publicKey.export(PEM) as string;
}

/**
 * `WECHATPAY_PLATFORM_KEYS=<serial>:<file>,…` (certificate serials and `PUB_KEY_ID_…` ids side by
 * side) plus the older `WECHATPAY_PLATFORM_SERIAL_NO` / `WECHATPAY_PLATFORM_PUBLIC_KEY_FILE` pair.
 */
function platformKeys(env: NodeJS.ProcessEnv, required: boolean, problems: string[]): Record<string, string> {
  const entries = (env.WECHATPAY_PLATFORM_KEYS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): [string, string] => {
      const colon = entry.indexOf(':');
      return colon < 0 ? [entry, ''] : [entry.slice(0, colon), entry.slice(colon + 1)];
    });
  const [serialName, fileName] = SINGLE_PLATFORM_KEY;
  if (env[serialName] || env[fileName]) {
    if (env[serialName] && env[fileName]) entries.push([env[serialName], env[fileName]]);
    else problems.push(`${serialName} and ${fileName} go together`);
  }
  const keys: Record<string, string> = {};
  for (const [serial, file] of entries) {
    if (!/^[\w-]{1,64}$/.test(serial) || !file) {
      problems.push(
        `WECHATPAY_PLATFORM_KEYS entries must be <serial>:<key or certificate file> (bad entry "${serial}")`,
      );
      continue;
    }
    try {
      keys[serial] = platformPublicKey(serial, readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(
        `platform key ${serial} must name a readable PEM public key or certificate (${(error as Error).message})`,
      );
    }
  }
  if (required && !entries.length) {
    problems.push(
      'WeChat Pay needs a platform key: WECHATPAY_PLATFORM_KEYS (or WECHATPAY_DOWNLOAD_CERTIFICATES)',
    );
  }
  return keys;
}

function merchantPrivateKey(file: string, problems: string[]): string {
  try {
    const text = readFileSync(file, 'utf8');
    createPrivateKey(text);
    return text;
  } catch (error) {
    problems.push(
      `WECHATPAY_MERCHANT_PRIVATE_KEY_FILE must name a readable PEM key file (${(error as Error).message})`,
    );
    return '';
  }
}

/** WeChat Pay settings: all required in production; outside it, all or none. */
function loadWechatPay(
  env: NodeJS.ProcessEnv,
  {
    appId,
    production,
    downloadCertificates,
  }: { appId: string; production: boolean; downloadCertificates: boolean },
  problems: string[],
): WechatPayConfig | null {
  const missing = PAY_VARIABLES.filter((name) => !env[name]);
  const anyPlatformKey = ['WECHATPAY_PLATFORM_KEYS', ...SINGLE_PLATFORM_KEY].some((name) => env[name]);
  if (missing.length === PAY_VARIABLES.length && !anyPlatformKey && !production) return null;
  if (missing.length) {
    problems.push(`WeChat Pay needs ${missing.join(', ')}`);
    return null;
  }
  const config: WechatPayConfig = {
    mchId: env.WECHATPAY_MCHID as string,
    appId: env.WECHATPAY_APPID || appId,
    merchantSerialNo: env.WECHATPAY_MERCHANT_SERIAL_NO as string,
    merchantPrivateKey: merchantPrivateKey(env.WECHATPAY_MERCHANT_PRIVATE_KEY_FILE as string, problems),
    platformKeys: platformKeys(env, !downloadCertificates, problems),
    downloadCertificates,
    apiV3Key: env.WECHATPAY_APIV3_KEY as string,
    notifyUrl: env.WECHATPAY_NOTIFY_URL as string,
    baseUrl: env.WECHATPAY_BASE_URL || 'https://api.mch.weixin.qq.com',
  };
  if (!/^\d{8,12}$/.test(config.mchId)) problems.push('WECHATPAY_MCHID must be the 8–12 digit merchant id');
  if (Buffer.byteLength(config.apiV3Key, 'utf8') !== 32)
    problems.push('WECHATPAY_APIV3_KEY must be 32 bytes');
  // WeChat only posts notifications to https URLs without a query string.
  const notifyPattern = production ? /^https:\/\/[^\s?]+$/ : /^https?:\/\/[^\s?]+$/;
  if (!notifyPattern.test(config.notifyUrl)) {
    problems.push(`WECHATPAY_NOTIFY_URL must be an ${production ? 'https' : 'http(s)'} URL without a query`);
  }
  if (!/^https?:\/\/[^\s]+$/.test(config.baseUrl)) problems.push('WECHATPAY_BASE_URL must be an http(s) URL');
  return config;
}

/** WeCom: all of WECOM_CORP_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY, or none. */
function loadWecom(env: Record<string, string | undefined>, problems: string[]): WecomSettings | null {
  const names = ['WECOM_CORP_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;
  const given = names.filter((name) => env[name]);
  if (given.length === 0) return null;
  if (given.length < names.length) {
    problems.push(
      `WeCom needs all of ${names.join(', ')} (missing ${names.filter((n) => !env[n]).join(', ')})`,
    );
    return null;
  }
  const encodingAesKey = env.WECOM_ENCODING_AES_KEY as string;
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
    problems.push('WECOM_ENCODING_AES_KEY must be 43 base64 characters');
  const apiBaseUrl = env.WECOM_API_BASE_URL || 'https://qyapi.weixin.qq.com';
  if (!/^https?:\/\/[^\s]+$/.test(apiBaseUrl)) problems.push('WECOM_API_BASE_URL must be an http(s) URL');
  return {
    corpId: env.WECOM_CORP_ID as string,
    secret: env.WECOM_SECRET as string,
    token: env.WECOM_TOKEN as string,
    encodingAesKey,
    apiBaseUrl,
  };
}
