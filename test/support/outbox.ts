import request from 'supertest';
import type { TestServer } from './test-server';

export interface OutboxRow {
  id: number;
  type: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
  dead_at: Date | null;
}

/** The outbox events announcing something about `aggregateId`, oldest first. */
export async function outboxEvents(
  server: TestServer,
  type: string,
  aggregateId: number,
): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = await server.dataSource.query(
    'SELECT id, type, attempts, last_error, delivered_at, dead_at FROM outbox_events WHERE type = ? AND aggregate_id = ? ORDER BY id',
    [type, String(aggregateId)],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) }));
}

export async function handledMarks(server: TestServer, eventId: number): Promise<string[]> {
  const rows: { handler: string }[] = await server.dataSource.query(
    'SELECT handler FROM outbox_handled WHERE event_id = ? ORDER BY handler',
    [eventId],
  );
  return rows.map((row) => row.handler);
}

/** Runs a background job through `POST /dev/jobs/:name/run`; answers when it has finished. */
export async function runJob(baseUrl: string, name: string): Promise<number> {
  const response = await request(baseUrl).post(`/api/v1/dev/jobs/${name}/run`).expect(200);
  return response.body.handled as number;
}

export async function advanceClock(baseUrl: string, seconds: number): Promise<Date> {
  const response = await request(baseUrl)
    .post('/api/v1/dev/clock')
    .send({ advanceSeconds: seconds })
    .expect(200);
  return new Date(response.body.now as string);
}

/** Puts the business clock back to real time. */
export async function resetClock(baseUrl: string): Promise<Date> {
  const response = await request(baseUrl).post('/api/v1/dev/clock').send({ reset: true }).expect(200);
  return new Date(response.body.now as string);
}

/** What the fake WeChat Pay knows of an order's transaction. */
export async function fakeTransaction(
  server: TestServer,
  orderNo: string,
): Promise<{ trade_state: string; answeredCloses: number }> {
  const response = await fetch(`${server.wechat.baseUrl}/fake/pay/${orderNo}`);
  return (await response.json()) as { trade_state: string; answeredCloses: number };
}

export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
