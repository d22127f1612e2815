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
  /** The embedded SQLite has one connection: its transactions run one after another. */
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  /** Whether the database can take `FOR UPDATE SKIP LOCKED` (the embedded SQLite cannot). */
  get supportsRowLocks(): boolean {
    const type = this.dataSource.options.type;
    return type !== 'sqljs' && type !== 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.supportsRowLocks) return this.runWithRetry(work);
    const next = this.sqliteQueue.then(() => this.runWithRetry(work));
    this.sqliteQueue = next.catch(() => undefined);
    return next;
  }

  private async runWithRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let transactionManager: EntityManager | undefined;
      try {
        const result = await this.dataSource.transaction((manager) => {
          transactionManager = manager;
          return work(manager);
        });
        this.takeAfterCommit(transactionManager).forEach((callback) => this.runSafely(callback));
        return result;
      } catch (error) {
        // A rolled-back attempt's callbacks are dropped (sql.js reuses one query runner).
        this.takeAfterCommit(transactionManager);
        if (!isDeadlock(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn(`deadlock, retrying the transaction (attempt ${attempt + 1})`);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /**
   * Runs `callback` once the transaction of `manager` (one from `run`) has committed, e.g. to
   * wake the outbox dispatcher; nothing runs when it rolls back or is retried.
   */
  afterCommit(manager: EntityManager, callback: () => void): void {
    const data = manager.queryRunner?.data as { afterCommit?: (() => void)[] } | undefined;
    if (!data) throw new Error('afterCommit needs the manager of a transaction');
    (data.afterCommit ??= []).push(callback);
  }

  private takeAfterCommit(manager: EntityManager | undefined): (() => void)[] {
    const data = manager?.queryRunner?.data as { afterCommit?: (() => void)[] } | undefined;
    const callbacks = data?.afterCommit ?? [];
    if (data) data.afterCommit = [];
    return callbacks;
  }

  private runSafely(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.logger.error(`after-commit callback failed: ${(error as Error).message}`);
    }
  }
}
