import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One fixed window per key: INCR, the window's expiry set by the first hit, and a block key once
 * the limit is passed; atomic in one script, so replicas sharing the Redis count every hit once.
 * Returns [hits, window ms left, blocked 0/1, block ms left].
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {hits, ttl, 1, blocked} end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}
`;

/**
 * `@nestjs/throttler` storage in Redis (`REDIS_URL`), so every API replica enforces one limit per
 * client. When Redis does not answer, requests pass (logged once per outage): a login rate limit
 * is not worth refusing every login for.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RedisThrottlerStorage');
  private readonly redis: Redis;
  private failing = false;

  constructor(url: string) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2_000,
    });
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `lensloop:throttle:${throttlerName}:${key}`;
    try {
      const [hits, ttlLeft, blocked, blockLeft] = (await (
        this.redis as unknown as {
          throttleIncrement(...args: (string | number)[]): Promise<number[]>;
        }
      ).throttleIncrement(`${base}:hits`, `${base}:blocked`, ttl, limit, blockDuration)) as number[];
      if (this.failing) {
        this.failing = false;
        this.logger.log('Redis reachable again: rate limits counted again');
      }
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(ttlLeft / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockLeft / 1000),
      };
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.logger.error(`Redis unreachable, rate limits not enforced until it is back: ${String(error)}`);
      }
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
