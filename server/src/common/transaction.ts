import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const MAX_ATTEMPTS = 5;
/** Backoff before attempt n+1: a random pause in [0, min(CAP, BASE · 2^(n-1))) ("full jitter"). */
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 200;

/**
 * MariaDB/MySQL deadlock (1213): InnoDB rolled the whole transaction back, so it can run again.
 * Galera reports a failed certification (another node committed a conflicting write set first)
 * with the same errno, `WSREP detected deadlock/conflict and aborted the transaction`.
 */
export function isDeadlock(error: unknown): boolean {
  return (error as { errno?: number } | null)?.errno === 1213;
}

/**
 * Lock wait timeout (1205): InnoDB rolled back only the statement, but the runner rolls back the
 * whole unit on any error, so running it again from the start is safe.
 */
export function isLockWaitTimeout(error: unknown): boolean {
  return (error as { errno?: number } | null)?.errno === 1205;
}

/** Whether a failed unit of work was rolled back by a conflict and may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  return isDeadlock(error) || isLockWaitTimeout(error);
}

/** The pause before the next attempt after `attempt` failed: full jitter under a capped doubling. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
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
 * A deadlock, a Galera certification failure or a lock wait timeout retries the whole unit (at
 * most five attempts) after a jittered pause that doubles up to 200 ms, as InnoDB expects.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);
  /** The embedded SQLite has one connection: its transactions run one after another. */
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  /** Units of work run again after a conflict since the start (exported as a metric). */
  retries = 0;

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
        if (!isRetryableConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
        const reason = isDeadlock(error) ? 'deadlock' : 'lock wait timeout';
        this.logger.warn(`${reason}, retrying the transaction (attempt ${attempt + 1})`);
        this.retries++;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
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
