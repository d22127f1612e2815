import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { MetricsService } from '../../server/src/infra/metrics/metrics.service';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { Factory, type MemberFixture } from '../support/factories';
import { runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const METRICS_TOKEN = 'scrape-secret-for-tests';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One sample's value from a text exposition, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * docs/operations.md "Logs and request ids" and "Metrics": structured logs carry the request id
 * from the request to the outbox events it published, and Prometheus metrics are served on their
 * own listener, behind a token, with routes by pattern.
 */
describe('observability: request ids and metrics', () => {
  let server: TestServer;
  let metricsUrl: string;
  let member: MemberFixture;

  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_PORT: '0', METRICS_TOKEN } });
    metricsUrl = server.app.get(MetricsService).url as string;
    member = await new Factory(server).member();
  });
  afterAll(() => server?.stop());

  const scrape = async (): Promise<string> => {
    const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return response.text();
  };

  describe('request ids in the logs (an API process logging at debug)', () => {
    let replica: ApiProcess;

    beforeAll(async () => {
      replica = await startApiProcess(server, { LOG_LEVEL: 'debug' });
    });
    afterAll(() => replica?.kill());

    const logLines = (): Record<string, unknown>[] =>
      replica
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    it('should keep a caller’s request id, answer it, and log it on every line of the request and of its events’ delivery', async () => {
      const requestId = `ops-trace-${randomBytes(4).toString('hex')}`;
      const login = await request(replica.baseUrl)
        .post('/api/v1/auth/wechat/login')
        .set('x-request-id', requestId)
        .send({ code: `dev-trace-${randomBytes(4).toString('hex')}` })
        .expect(200);
      expect(login.headers['x-request-id']).toBe(requestId);
      const memberId = login.body.member.id as number;

      // The new member's MemberRegistered event was written with the request's id and delivered.
      const registered = async () =>
        (
          (await server.dataSource.query(
            "SELECT id, request_id, delivered_at FROM outbox_events WHERE type = 'MemberRegistered' AND aggregate_id = ?",
            [String(memberId)],
          )) as { id: number; request_id: string | null; delivered_at: Date | null }[]
        )[0];
      await waitFor(async () => Boolean((await registered())?.delivered_at));
      const event = await registered();
      expect(event.request_id).toBe(requestId);
      const delivered = `event ${event.id} (MemberRegistered) delivered`;
      await waitFor(async () => replica.output().includes(delivered));

      const lines = logLines();
      const ofRequest = lines.filter((line) => line.requestId === requestId);
      expect(ofRequest.map((line) => line.msg ?? line.message)).toEqual(
        expect.arrayContaining(['incoming request', 'request completed', delivered]),
      );
      // Every line about the request or its event names it; no other line does.
      const about = lines.filter(
        (line) =>
          (line.req as { url?: string } | undefined)?.url === '/api/v1/auth/wechat/login' ||
          String(line.message ?? '').startsWith(`event ${event.id} `),
      );
      expect(about.length).toBeGreaterThanOrEqual(2);
      for (const line of about.filter((candidate) => candidate.requestId !== requestId)) {
        // Another login of the suite (none here) would carry its own id.
        expect(line).toMatchObject({ requestId: expect.stringMatching(UUID) });
      }
      expect(about.filter((line) => line.requestId === requestId).length).toBeGreaterThanOrEqual(2);
      // Events published by that event's handlers carry the same id.
      const rows: { request_id: string | null }[] = await server.dataSource.query(
        'SELECT request_id FROM outbox_events WHERE id >= ? AND request_id IS NOT NULL',
        [event.id],
      );
      expect(rows.every((row) => row.request_id === requestId)).toBe(true);
    });

    it('should generate an id when the caller sends none, or one unsafe to log', async () => {
      const none = await request(replica.baseUrl).get('/api/health').expect(200);
      expect(none.headers['x-request-id']).toMatch(UUID);
      const unsafe = await request(replica.baseUrl)
        .get('/api/health')
        .set('x-request-id', 'two words\u00e9')
        .expect(200);
      expect(unsafe.headers['x-request-id']).toMatch(UUID);
      expect(logLines().some((line) => line.requestId === none.headers['x-request-id'])).toBe(true);
    });
  });

  describe('GET /metrics', () => {
    it('should be served only on the metrics listener, and only with the token', async () => {
      expect((await fetch(metricsUrl)).status).toBe(401);
      expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      await request(server.baseUrl).get('/metrics').expect(404);
      await request(server.baseUrl).get('/api/metrics').expect(404);
    });

    it('should count requests and their latency per route pattern, never per raw URL', async () => {
      const before = await scrape();
      const route = 'method="GET",route="/api/v1/orders/:id"';
      const count = (text: string) =>
        sample(text, `lensloop_http_requests_total{${route},status="404"}`) ?? 0;
      for (const id of [987654, 987655, 987656]) {
        await request(server.baseUrl)
          .get(`/api/v1/orders/${id}`)
          .set('authorization', member.authorization)
          .expect(404);
      }
      const after = await scrape();
      expect(count(after) - count(before)).toBe(3);
      expect(sample(after, `lensloop_http_request_duration_seconds_count{${route}}`)).toBeGreaterThanOrEqual(
        3,
      );
      expect(sample(after, `lensloop_http_request_duration_seconds_bucket{le="+Inf",${route}}`)).toBe(
        sample(after, `lensloop_http_request_duration_seconds_count{${route}}`),
      );
      expect(after).not.toContain('987654');
      await request(server.baseUrl).get('/api/v1/no-such-thing').expect(404);
      expect(await scrape()).toContain('route="unmatched",status="404"');
    });

    it('should show the database pool, the outbox lag and backlog, job runs and retries', async () => {
      const text = await scrape();
      expect(sample(text, 'lensloop_db_pool_connections{state="max"}')).toBe(30);
      expect(sample(text, 'lensloop_db_pool_connections{state="open"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'lensloop_db_transaction_retries')).toBeGreaterThanOrEqual(0);
      expect(text).toContain('lensloop_process_resident_memory_bytes');

      // An event nobody could deliver for two minutes (not due yet, so the dispatcher leaves it).
      const inserted = await server.dataSource.query(
        `INSERT INTO outbox_events (type, aggregate_id, payload, available_at, attempts, created_at)
         VALUES ('MetricsProbe', '1', '{}', UTC_TIMESTAMP(6) + INTERVAL 1 DAY, 0, UTC_TIMESTAMP(6) - INTERVAL 120 SECOND)`,
      );
      try {
        const lagging = await scrape();
        expect(sample(lagging, 'lensloop_outbox_pending_events')).toBeGreaterThanOrEqual(1);
        expect(sample(lagging, 'lensloop_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(119);
      } finally {
        await server.dataSource.query('DELETE FROM outbox_events WHERE id = ?', [inserted.insertId]);
      }
      expect(sample(await scrape(), 'lensloop_outbox_oldest_pending_age_seconds')).toBeLessThan(60);

      const runs = (text: string) =>
        sample(text, 'lensloop_job_runs_total{job="order-expiry",outcome="ok"}') ?? 0;
      const runsBefore = runs(await scrape());
      await runJob(server.baseUrl, 'order-expiry');
      await runJob(server.baseUrl, 'order-expiry');
      const afterRuns = await scrape();
      expect(runs(afterRuns) - runsBefore).toBe(2);
      expect(
        sample(afterRuns, 'lensloop_job_run_duration_seconds_count{job="order-expiry"}'),
      ).toBeGreaterThanOrEqual(2);
    });
  });
});
