import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

/**
 * A background job run every `JOB_INTERVAL_SECONDS` in every replica. Jobs claim their rows in
 * the database (`FOR UPDATE SKIP LOCKED`), so replicas share the work instead of repeating it,
 * and a replica that dies mid-run leaves its rows to the next run. Tests call `runOnce()`.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  protected constructor(private readonly jobConfig: AppConfig['jobs']) {}

  /** Does one round of work; returns how many items it handled. */
  abstract runOnce(): Promise<number>;

  onApplicationBootstrap(): void {
    if (!this.jobConfig.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.jobConfig.intervalSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const handled = await this.runOnce();
      if (handled) this.logger.log(`handled ${handled}`);
    } catch (error) {
      this.logger.error(`run failed: ${error instanceof Error ? error.stack : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
