import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource, IsNull, Not } from 'typeorm';
import { TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboxEventEntity } from '../events/outbox-event.entity';
import { JobRegistry } from '../jobs/job-registry';

/** mysql2's pool, as much of its internals as the gauges read (arrays or Denque queues). */
interface MysqlPool {
  config?: { connectionLimit?: number };
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus metrics of one API process, served in the text exposition format at `GET /metrics`
 * on a listener of its own (`METRICS_HOST:METRICS_PORT`, loopback by default) so the public API
 * port never answers it; `METRICS_TOKEN` adds a bearer token. Metrics: requests by route pattern
 * (rate and latency), the database pool, the outbox's backlog and lag, background job runs,
 * transaction retries, and Node's own (memory, CPU, event-loop delay).
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private server: Server | null = null;

  private readonly requests = new Counter({
    name: 'lensloop_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'lensloop_http_request_duration_seconds',
    help: 'Time from request received to response sent, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly jobRuns = new Counter({
    name: 'lensloop_job_runs_total',
    help: 'Background job runs, by job and outcome (ok, error).',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly jobItems = new Counter({
    name: 'lensloop_job_items_handled_total',
    help: 'Items the background jobs handled, by job.',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });

  private readonly jobDuration = new Histogram({
    name: 'lensloop_job_run_duration_seconds',
    help: 'Duration of background job runs, by job.',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly jobs: JobRegistry,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lensloop_' });
    const pool = () => (this.dataSource.driver as unknown as { pool?: MysqlPool }).pool;
    new Gauge({
      name: 'lensloop_db_pool_connections',
      help: 'Database pool connections by state: open (in use or idle), idle, max (the pool size), waiting (requests queued for one).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        const open = current._allConnections?.length ?? 0;
        this.set({ state: 'open' }, open);
        this.set({ state: 'idle' }, current._freeConnections?.length ?? 0);
        this.set({ state: 'in_use' }, open - (current._freeConnections?.length ?? 0));
        this.set({ state: 'max' }, current.config?.connectionLimit ?? 0);
        this.set({ state: 'waiting' }, current._connectionQueue?.length ?? 0);
      },
    });
    const outbox = async () => {
      const row = await this.dataSource.manager
        .createQueryBuilder(OutboxEventEntity, 'event')
        .select('COUNT(*)', 'pending')
        .addSelect('MIN(event.createdAt)', 'oldest')
        .where('event.deliveredAt IS NULL AND event.deadAt IS NULL')
        .getRawOne<{ pending: number | string; oldest: Date | string | null }>();
      return row ?? { pending: 0, oldest: null };
    };
    new Gauge({
      name: 'lensloop_outbox_pending_events',
      help: 'Outbox events not delivered yet (not dead-lettered).',
      registers: [this.registry],
      async collect() {
        this.set(Number((await outbox()).pending));
      },
    });
    new Gauge({
      name: 'lensloop_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered outbox event (0 when none): the delivery lag.',
      registers: [this.registry],
      async collect() {
        const { oldest } = await outbox();
        // Wall-clock lag for operators, against the database's own created_at: not a business rule.
        const createdAt = oldest === null ? null : new Date(oldest);
        this.set(createdAt ? Math.max(0, (Date.now() - createdAt.getTime()) / 1000) : 0);
      },
    });
    const manager = this.dataSource.manager;
    new Gauge({
      name: 'lensloop_outbox_dead_events',
      help: 'Outbox events dead-lettered after too many failed deliveries (GET /admin/outbox?status=dead).',
      registers: [this.registry],
      async collect() {
        this.set(await manager.count(OutboxEventEntity, { where: { deadAt: Not(IsNull()) } }));
      },
    });
    const transactions = this.tx;
    new Gauge({
      name: 'lensloop_db_transaction_retries',
      help: 'Units of work run again after a deadlock, certification failure or lock wait timeout, since the start.',
      registers: [this.registry],
      collect() {
        this.set(transactions.retries);
      },
    });
  }

  /** Called by the HTTP layer when a response has been sent. */
  observeRequest(method: string, route: string | undefined, status: number, milliseconds: number): void {
    const pattern = route ?? 'unmatched';
    this.requests.inc({ method, route: pattern, status: String(status) });
    this.latency.observe({ method, route: pattern }, milliseconds / 1000);
  }

  /** Where the metrics listener is (null when `METRICS_PORT` is not set). */
  get url(): string | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${this.config.metrics.host}:${address.port}/metrics` : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const job of this.jobs.all()) {
      job.onRun((run) => {
        this.jobRuns.inc({ job: run.job, outcome: run.outcome });
        if (run.handled) this.jobItems.inc({ job: run.job }, run.handled);
        this.jobDuration.observe({ job: run.job }, run.seconds);
      });
    }
    const { port, host } = this.config.metrics;
    if (port === null) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      if (!this.authorized(request.headers.authorization)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: unknown) => {
          this.logger.error(`metrics collection failed: ${(error as Error).message}`);
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private authorized(header: string | undefined): boolean {
    const token = this.config.metrics.token;
    if (!token) return true;
    const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    return timingSafeEqual(sha256(given), sha256(token));
  }
}
