import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

describe('loadConfig', () => {
  it('should reject prescription keys of the wrong size and an unknown active key id', () => {
    expect(problemsOf({ PRESCRIPTION_KEYS: `a:${KEY_A},b:c2hvcnQ=`, PRESCRIPTION_KEY_ID: 'z' })).toEqual([
      'PRESCRIPTION_KEYS entries must be <id>:<32 bytes in base64> (bad entry for "b")',
      'PRESCRIPTION_KEY_ID "z" is not one of PRESCRIPTION_KEYS',
    ]);
  });

  it('should use a fixed development prescription key outside production', () => {
    const { prescriptionKeys } = loadConfig({});
    expect(prescriptionKeys.activeKeyId).toBe('dev');
    expect(prescriptionKeys.keys.dev).toHaveLength(32);
  });

  it('should default to the embedded demo database with demo data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      port: 3000,
      database: { type: 'sqljs', migrateOnStart: false },
      seedDemoData: true,
    });
    expect(config.jwt.secret).toHaveLength(64);
    expect(config.wechat.apiBaseUrl).toBeUndefined();
  });

  it('should list every problem at once', () => {
    expect(
      problemsOf({ PORT: '70000', DB_TYPE: 'mariadb', LOG_LEVEL: 'loud', SEED_DEMO_DATA: 'yes' }),
    ).toEqual([
      'DB_URL is required when DB_TYPE is mariadb',
      'PORT must be an integer from 0 to 65535 (got "70000")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'SEED_DEMO_DATA must be true or false (got "yes")',
    ]);
  });

  it('should demand real secrets and a real database in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toContain('JWT_SECRET must be set to at least 32 characters');
    expect(problems).toContain('WECHAT_APPID and WECHAT_SECRET are required');
    expect(problems).toContain('PRESCRIPTION_KEYS is required in production');
    expect(problems).toContain(
      'DB_TYPE=sqljs is the embedded demo database; production needs mariadb or mysql',
    );
  });

  it('should accept a complete production configuration and talk to the real WeChat', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DB_TYPE: 'mariadb',
      DB_URL: 'mysql://lensloop:secret@db:3306/lensloop',
      JWT_SECRET: 'x'.repeat(32),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'secret',
      PRESCRIPTION_KEYS: `2026a:${KEY_A},2026b:${KEY_B}`,
    });
    expect(config.wechat.apiBaseUrl).toBe('https://api.weixin.qq.com');
    expect(config.prescriptionKeys.activeKeyId).toBe('2026b');
    expect(Object.keys(config.prescriptionKeys.keys)).toEqual(['2026a', '2026b']);
    expect(config.seedDemoData).toBe(false);
  });

  it('should reject a malformed database URL', () => {
    expect(problemsOf({ DB_TYPE: 'mysql', DB_URL: 'postgres://x' })).toEqual([
      'DB_URL must look like mysql://user:password@host:3306/database',
    ]);
  });
});
