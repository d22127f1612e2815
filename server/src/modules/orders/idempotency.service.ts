import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode } from '@lensloop/shared';
import { LessThan, Repository, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey } from '../../common/transaction';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';

/** Keys are kept a day, the window in which clients retry a request. */
const KEY_LIFETIME_MS = 24 * 3600 * 1000;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The key of `IdempotencyService.record` was taken by an earlier request. */
export class KeyTaken extends Error {
  constructor() {
    super('idempotency key taken');
  }
}

export function requestInProgress(): DomainError {
  return new DomainError(
    ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
    'A request with this Idempotency-Key is still being processed; retry shortly.',
  );
}

export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/**
 * `Idempotency-Key` for POST requests, per member: the request's own transaction inserts the key
 * with its response (a unique row), so the key, the work and the answer commit together, or roll
 * back together and leave the key free for a retry. A concurrent duplicate's insert waits on the
 * unique index until the first commits (then it rolls its own work back and answers the stored
 * response) or rolls back (then its own work stands).
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
    private readonly clock: BusinessClock,
  ) {}

  /**
   * Inserts the key with the response in the caller's transaction; throws `KeyTaken` when the key
   * exists already: the caller's transaction must roll back, then ask `earlier`.
   */
  async record(
    manager: EntityManager,
    memberId: number,
    key: string,
    requestHash: string,
    response: unknown,
  ): Promise<void> {
    try {
      await manager
        .createQueryBuilder()
        .insert()
        .into(IdempotencyKeyEntity)
        .values({
          memberId,
          key,
          requestHash,
          response: JSON.stringify(response),
          expiresAt: new Date(this.clock.nowMs() + KEY_LIFETIME_MS),
        })
        // Nothing to read back: the key is found again by (memberId, key).
        .updateEntity(false)
        .execute();
    } catch (error) {
      if (isDuplicateKey(error)) throw new KeyTaken();
      throw error;
    }
  }

  /**
   * The stored response of an earlier request with this key and body; null when there is none (an
   * expired key is deleted, so it may be claimed afresh). A key used for another body is a 422, one
   * without a response (claimed by a version that committed the key on its own) a 409.
   */
  async earlier<T>(memberId: number, key: string, requestHash: string): Promise<T | null> {
    const existing = await this.keys.findOneBy({ memberId, key });
    if (!existing) return null;
    if (existing.expiresAt.getTime() <= this.clock.nowMs()) {
      await this.keys.delete({ id: existing.id, expiresAt: LessThan(this.clock.now()) });
      return null;
    }
    if (existing.requestHash !== requestHash) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was used for a different request.',
      );
    }
    if (existing.response === null) throw requestInProgress();
    return JSON.parse(existing.response) as T;
  }

  async deleteExpired(): Promise<number> {
    const result = await this.keys.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}
