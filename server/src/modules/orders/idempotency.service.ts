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

export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

export type IdempotencyClaim<T> = { kind: 'claimed'; keyId: number } | { kind: 'replay'; response: T };

/**
 * `Idempotency-Key` for POST requests, per member: the first request claims the key (a unique
 * row, committed at once so concurrent duplicates see it); the response is stored in the same
 * transaction as the work; a failure frees the key so the client may retry.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
    private readonly clock: BusinessClock,
  ) {}

  async claim<T>(memberId: number, key: string, body: unknown): Promise<IdempotencyClaim<T>> {
    const hash = requestHash(body);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const inserted = await this.keys.insert({
          memberId,
          key,
          requestHash: hash,
          response: null,
          expiresAt: new Date(this.clock.nowMs() + KEY_LIFETIME_MS),
        });
        return { kind: 'claimed', keyId: Number(inserted.identifiers[0].id) };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const existing = await this.keys.findOneBy({ memberId, key });
      if (!existing) continue;
      if (existing.expiresAt.getTime() <= this.clock.nowMs()) {
        await this.keys.delete({ id: existing.id, expiresAt: LessThan(this.clock.now()) });
        continue;
      }
      if (existing.requestHash !== hash) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was used for a different request.',
        );
      }
      if (existing.response === null) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
          'A request with this Idempotency-Key is still being processed; retry shortly.',
        );
      }
      return { kind: 'replay', response: JSON.parse(existing.response) as T };
    }
    throw new DomainError(
      ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
      'A request with this Idempotency-Key is still being processed; retry shortly.',
    );
  }

  /** Stores the response inside the caller's transaction, so it commits with the work. */
  async complete(manager: EntityManager, keyId: number, response: unknown): Promise<void> {
    await manager.update(IdempotencyKeyEntity, { id: keyId }, { response: JSON.stringify(response) });
  }

  async release(keyId: number): Promise<void> {
    await this.keys.delete({ id: keyId });
  }

  async deleteExpired(): Promise<number> {
    const result = await this.keys.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}
