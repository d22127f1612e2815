import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const MAX_ATTEMPTS = 4;

/** MariaDB/MySQL deadlock: InnoDB rolled the whole transaction back, so it can run again. */
export function isDeadlock(error: unknown): boolean {
  return (error as { errno?: number } | null)?.errno === 1213;
}

export function isDuplicateKey(error: unknown): boolean {
  const driverError = error as { errno?: number; code?: string; message?: string } | null;
  return (
    driverError?.errno === 1062 ||
    driverError?.code === 'ER_DUP_ENTRY' ||
    /UNIQUE constraint/.test(driverError?.message ?? '')
  );
}

/**
 * One unit of work per use case: every repository comes from the `manager` handed to `work`.
 * A deadlock retries the whole unit with a short jittered pause, as InnoDB expects.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Whether the database can take `FOR UPDATE SKIP LOCKED` (the embedded SQLite cannot). */
  get supportsRowLocks(): boolean {
    return this.dataSource.options.type !== 'sqljs';
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn(`deadlock, retrying the transaction (attempt ${attempt + 1})`);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }
}
