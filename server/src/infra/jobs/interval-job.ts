import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { runOutsideRequest } from '../../common/request-context';
import type { AppConfig } from '../config/app-config';

export interface JobRun {
  job: string;
  outcome: 'ok' | 'error';
  handled: number;
  seconds: number;
}

/**
 * A background job run every `JOB_INTERVAL_SECONDS` in every replica. Jobs claim their rows in
 * the database (`FOR UPDATE SKIP LOCKED`), so replicas share the work instead of repeating it,
 * and a replica that dies mid-run leaves its rows to the next run. Runs within one process are
 * serialised; `POST /dev/jobs/:name/run` and tests call `run()`.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** The job's name in `/dev/jobs`, e.g. `order-expiry`. */
  abstract readonly name: string;
  protected readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private stopped = false;
  private readonly runListeners: ((run: JobRun) => void)[] = [];

  protected constructor(private readonly jobConfig: AppConfig['jobs']) {}

  /** Does one round of work; returns how many items it handled. */
  abstract runOnce(): Promise<number>;

  /** Runs the job now, after any run of it in progress in this process has finished. */
  run(): Promise<number> {
    this.queued++;
    // A run woken by a request's commit is not part of that request (its log lines name none).
    const next = this.current.then(() => runOutsideRequest(() => this.timed())).finally(() => this.queued--);
    this.current = next.catch(() => undefined);
    return next;
  }

  /** Called after each run with its outcome (the metrics count them). */
  onRun(listener: (run: JobRun) => void): void {
    this.runListeners.push(listener);
  }

  private async timed(): Promise<number> {
    const started = process.hrtime.bigint();
    const report = (run: Omit<JobRun, 'job' | 'seconds'>) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.runListeners.forEach((listener) => listener({ job: this.name, seconds, ...run }));
    };
    try {
      const handled = await this.runOnce();
      report({ outcome: 'ok', handled });
      return handled;
    } catch (error) {
      report({ outcome: 'error', handled: 0 });
      throw error;
    }
  }

  onApplicationBootstrap(): void {
    if (!this.jobConfig.enabled) return;
    this.timer = setInterval(() => this.runInBackground(), this.jobConfig.intervalSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.current;
  }

  /** A run nobody waits for (timer, wake-up): failures are logged. */
  protected runInBackground(): void {
    // One queued run picks up whatever arrived meanwhile; more would only pile up.
    if (this.stopped || this.queued > 1) return;
    this.run().then(
      (handled) => {
        if (handled) this.logger.log(`handled ${handled}`);
      },
      (error: unknown) =>
        this.logger.error(`run failed: ${error instanceof Error ? error.stack : String(error)}`),
    );
  }
}
