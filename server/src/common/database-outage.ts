import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Server errors that mean "no usable connection": too many connections, shutting down, killed, and
 * a Galera node that accepts connections but is not Synced yet (1047, "WSREP has not yet prepared
 * node for application use", while it rejoins or has lost the primary component).
 */
const UNAVAILABLE_ERRNOS = new Set([1040, 1047, 1053, 1927]);
/** How often an outage checks whether the database is back. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Whether a database call failed because the database cannot be reached, not because of the
 * query: mysql2 marks connection-level failures (refused, reset, lost, connect timeout) `fatal`,
 * and TypeORM's QueryFailedError copies that flag from the driver error it wraps.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const failure = error as { fatal?: unknown; errno?: unknown } | null;
  return failure?.fatal === true || UNAVAILABLE_ERRNOS.has(failure?.errno as number);
}

/**
 * The state of a database outage in this process, so that it is logged once, when it starts, and
 * once more when it ends, rather than once per failed request. Recovery needs nothing from us
 * (the pool opens new connections); the probe only notices it.
 */
@Injectable()
export class DatabaseOutage implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseOutage.name);
  private startedAt: number | null = null;
  private probe: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Notes a failure to reach the database; the first one of an outage is logged. */
  report(error: unknown): void {
    if (this.startedAt !== null) return;
    this.startedAt = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`database unreachable, answering 503 until it is back: ${reason}`);
    this.scheduleProbe();
  }

  onApplicationShutdown(): void {
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
  }

  private scheduleProbe(): void {
    this.probe = setTimeout(() => void this.checkRecovery(), PROBE_INTERVAL_MS);
    this.probe.unref();
  }

  private async checkRecovery(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      if (this.probe) this.scheduleProbe();
      return;
    }
    const seconds = ((Date.now() - (this.startedAt ?? Date.now())) / 1000).toFixed(1);
    this.logger.log(`database reachable again after ${seconds} s`);
    this.startedAt = null;
    this.probe = null;
  }
}
