/**
 * Benchmark of the care reminders on MariaDB, each path against a bare SQL comparator in the same
 * run on the same database:
 *
 * 1. **Scheduling from purchases**: `BENCH_PURCHASES` (default 20,000) members each with a
 *    completed pickup order of a demo frame and two boxes of contact lenses (rows inserted with
 *    SQL), and one `OrderCompleted` event each in the outbox, inserted the way `EventBus.publish`
 *    writes them; then `POST /dev/jobs/outbox/run` delivers them, so `reminders.schedule-after-purchase`
 *    reads each order through the orders and catalog services and schedules a lens-cleaning and a
 *    contact-lens refill reminder (besides the other modules' handlers of that event, as in
 *    production). Bare: one `INSERT … SELECT` of the same two occurrences per order. The figure
 *    for 1,000,000 members is projected from the measured rate.
 * 2. **Delivery**: `BENCH_DUE` (default 100,000) due occurrences, half care (lens cleaning: mute,
 *    1-to-1 segment and quiet-hour checks, the next cleaning scheduled), half marketing (coupon
 *    expiring: real coupons ending in 2 days, scheduled by the job's own scan; availability and the
 *    2-per-7-days cap checked), no subscription
 *    (the inbox path); `POST /dev/jobs/reminders/run` at 10:00 Asia/Shanghai on the business clock.
 *    Bare: the same number of inbox rows written with one `INSERT … SELECT` and the occurrences
 *    marked with one `UPDATE`, no checks.
 *
 *   pnpm --filter @lensloop/scripts bench:reminders
 *   BENCH_PURCHASES=2000 BENCH_DUE=10000 pnpm --filter @lensloop/scripts bench:reminders   # quick
 *
 * Prints the figures and Markdown tables; exits 1 when a count is off.
 */
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { createConnection, type Connection } from 'mysql2/promise';
import { log, print, runBenchmark, startDatabaseAndLensLoop, type Server } from './bench-support';

const PURCHASES = Number(process.env.BENCH_PURCHASES ?? 2_000);
const DUE = Number(process.env.BENCH_DUE ?? 100_000);
const PROJECTED_MEMBERS = 1_000_000;

function call(server: Server, method: string, path: string, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolveCall, rejectCall) => {
    const request = httpRequest(
      `${server.baseUrl}${path}`,
      { method, headers: payload ? { 'content-type': 'application/json' } : {} },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          if ((response.statusCode ?? 500) >= 300) {
            rejectCall(new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`));
          } else {
            resolveCall(text ? JSON.parse(text) : null);
          }
        });
      },
    );
    request.on('error', rejectCall);
    request.end(payload);
  });
}

const seconds = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;

async function count(connection: Connection, sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await connection.query(sql, params);
  return Number((rows as { n: number }[])[0].n);
}

/** Members `bench-<prefix>-1…n`; answers the id range. */
async function insertMembers(connection: Connection, prefix: string, n: number): Promise<[number, number]> {
  await connection.query(
    `INSERT INTO members (openid, member_code, nickname)
     SELECT CONCAT('bench-${prefix}-', seq), CONCAT('${prefix === 'p' ? 8 : 7}', LPAD(seq, 11, '0')), CONCAT('会员', seq)
     FROM seq_1_to_${n}`,
  );
  const [rows] = await connection.query(
    `SELECT MIN(id) AS low, MAX(id) AS high FROM members WHERE openid LIKE 'bench-${prefix}-%'`,
  );
  const [row] = rows as { low: number; high: number }[];
  return [Number(row.low), Number(row.high)];
}

/** The business clock moved to the next 10:00 Asia/Shanghai (outside quiet hours); answers it. */
async function tenInTheMorning(server: Server): Promise<Date> {
  const now = new Date(
    ((await call(server, 'POST', '/api/v1/dev/clock', { advanceSeconds: 1 })) as { now: string }).now,
  );
  const shanghai = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  let target = new Date(`${shanghai}T02:00:00.000Z`);
  if (target <= now) target = new Date(target.getTime() + 86_400_000);
  const advanceSeconds = Math.ceil((target.getTime() - now.getTime()) / 1000);
  const moved = (await call(server, 'POST', '/api/v1/dev/clock', { advanceSeconds })) as { now: string };
  return new Date(moved.now);
}

async function schedulingFromPurchases(connection: Connection, lensLoop: Server) {
  log(`Scheduling: ${PURCHASES} members with a completed order each…`);
  const [low, high] = await insertMembers(connection, 'p', PURCHASES);
  const [skus] = await connection.query(
    "SELECT s.id, s.product_id AS productId, s.code FROM skus s WHERE s.code IN ('FR01-BLA', 'CL01-300')",
  );
  const byCode = new Map(
    (skus as { id: number; productId: number; code: string }[]).map((sku) => [sku.code, sku]),
  );
  const frame = byCode.get('FR01-BLA');
  const contacts = byCode.get('CL01-300');
  if (!frame || !contacts) throw new Error('demo SKUs FR01-BLA / CL01-300 are missing');
  const [[store]] = (await connection.query('SELECT MIN(id) AS id FROM stores')) as unknown as [
    { id: number }[],
  ];
  await connection.query(
    `INSERT INTO orders (no, member_id, kind, store_id, status, fulfilment, subtotal, discount, points_discount,
       balance_paid, payable, expires_at, paid_at)
     SELECT CONCAT('BENCH', id), id, 'goods', ?, 'completed', 'pickup', 60000, 0, 0, 0, 60000, NOW(6), NOW(6)
     FROM members WHERE id BETWEEN ? AND ?`,
    [store.id, low, high],
  );
  const [[orderRange]] = (await connection.query(
    "SELECT MIN(id) AS low, MAX(id) AS high FROM orders WHERE no LIKE 'BENCH%'",
  )) as unknown as [{ low: number; high: number }[]];
  for (const [sku, quantity, price] of [
    [frame, 1, 40_000],
    [contacts, 2, 10_000],
  ] as const) {
    await connection.query(
      `INSERT INTO order_items (order_id, sku_id, product_id, name, attributes, image_url, quantity, unit_price, line_total)
       SELECT o.id, s.id, s.product_id, p.name, s.attributes, p.image_url, ?, ?, ?
       FROM orders o JOIN skus s ON s.id = ? JOIN products p ON p.id = s.product_id
       WHERE o.id BETWEEN ? AND ?`,
      [quantity, price, quantity * price, sku.id, orderRange.low, orderRange.high],
    );
  }
  // The events as EventBus.publish writes them.
  await connection.query(
    `INSERT INTO outbox_events (type, aggregate_id, payload, available_at, attempts)
     SELECT 'OrderCompleted', id, JSON_OBJECT('orderId', id, 'orderNo', no, 'memberId', member_id, 'storeId', store_id,
       'kind', 'goods', 'payable', payable, 'balancePaid', 0), NOW(6), 0
     FROM orders WHERE id BETWEEN ? AND ?`,
    [orderRange.low, orderRange.high],
  );

  log('Delivering the OrderCompleted events (outbox job)…');
  let startedAt = process.hrtime.bigint();
  await call(lensLoop, 'POST', '/api/v1/dev/jobs/outbox/run');
  const jobSeconds = seconds(startedAt);
  const scheduled = await count(
    connection,
    "SELECT COUNT(*) AS n FROM reminder_occurrences WHERE member_id BETWEEN ? AND ? AND kind IN ('lens_cleaning', 'contact_lens_refill')",
    [low, high],
  );

  log('Bare: the same occurrences with one INSERT … SELECT…');
  startedAt = process.hrtime.bigint();
  await connection.query(
    `INSERT INTO reminder_occurrences (member_id, kind, category, subject, due_date, dedupe_key, due_at, next_attempt_at,
       status, title, body)
     SELECT o.member_id, k.kind, 'care', k.subject, DATE(NOW() + INTERVAL k.days DAY),
       CONCAT('bare:', o.member_id, ':', k.kind, ':', o.id), NOW(6) + INTERVAL k.days DAY, NOW(6) + INTERVAL k.days DAY,
       'scheduled', k.title, k.title
     FROM orders o
     JOIN (SELECT 'lens_cleaning' AS kind, 'order' AS subject, 182 AS days, '镜片清洁提醒' AS title
           UNION ALL SELECT 'contact_lens_refill', 'contacts', 83, '隐形眼镜续购提醒') k
     WHERE o.id BETWEEN ? AND ?`,
    [orderRange.low, orderRange.high],
  );
  const bareSeconds = seconds(startedAt);
  return { jobSeconds, bareSeconds, scheduled };
}

async function delivery(connection: Connection, lensLoop: Server) {
  log(`Delivery: ${DUE} due occurrences (half care, half marketing with coupons)…`);
  const half = Math.floor(DUE / 2);
  const [low, high] = await insertMembers(connection, 'd', DUE);
  const now = await tenInTheMorning(lensLoop);
  const due = new Date(now.getTime() - 60_000);
  const [[template]] = (await connection.query('SELECT MIN(id) AS id FROM coupon_templates')) as unknown as [
    { id: number }[],
  ];
  if (!template.id) throw new Error('no coupon template in the demo seed');
  await connection.query(
    `INSERT INTO coupons (template_id, member_id, seq, status, valid_from, valid_to)
     SELECT ?, id, 1000, 'available', ?, ? FROM members WHERE id BETWEEN ? AND ?`,
    [template.id, due, new Date(now.getTime() + 2 * 86_400_000), low + half, high],
  );
  await connection.query(
    `INSERT INTO reminder_occurrences (member_id, kind, category, subject, due_date, dedupe_key, due_at, next_attempt_at,
       status, title, body, fields, person_name)
     SELECT id, 'lens_cleaning', 'care', CONCAT('order:', id), DATE(?), CONCAT(id, ':lens_cleaning:order:', id, ':', DATE(?)),
       ?, ?, 'scheduled', '镜片清洁提醒', '您的眼镜该做清洁保养了', NULL, nickname
     FROM members WHERE id BETWEEN ? AND ?`,
    [due, due, due, due, low, low + half - 1],
  );
  // The coupons' expiry reminders come from the job's own set-based scan (it runs first).
  log('Running the reminders job…');
  let startedAt = process.hrtime.bigint();
  const run = (await call(lensLoop, 'POST', '/api/v1/dev/jobs/reminders/run')) as { handled: number };
  const jobSeconds = seconds(startedAt);
  const inbox = await count(
    connection,
    'SELECT COUNT(*) AS n FROM inbox_items WHERE member_id BETWEEN ? AND ?',
    [low, high],
  );

  log('Bare: the same number of inbox rows, no checks…');
  await connection.query(
    `INSERT INTO reminder_occurrences (member_id, kind, category, subject, due_date, dedupe_key, due_at, next_attempt_at,
       status, title, body)
     SELECT id, 'lens_cleaning', 'care', 'bare', '2099-01-01', CONCAT('bare-delivery:', id), ?, '2099-01-01', 'bare',
       '镜片清洁提醒', '您的眼镜该做清洁保养了'
     FROM members WHERE id BETWEEN ? AND ?`,
    [due, low, high],
  );
  startedAt = process.hrtime.bigint();
  await connection.beginTransaction();
  await connection.query(
    `INSERT INTO inbox_items (member_id, occurrence_id, kind, category, title, body, created_at)
     SELECT member_id, id, kind, category, title, body, NOW(6) FROM reminder_occurrences WHERE status = 'bare'`,
  );
  await connection.query(
    "UPDATE reminder_occurrences SET status = 'inbox', channel = 'inbox', delivered_at = NOW(6) WHERE status = 'bare'",
  );
  await connection.commit();
  const bareSeconds = seconds(startedAt);
  return { jobSeconds, bareSeconds, inbox, handled: run.handled };
}

void runBenchmark(async (onStop) => {
  const startLoad = loadavg()[0];
  const { database, lensLoop } = await startDatabaseAndLensLoop(onStop, { JOBS_ENABLED: 'false' });
  const connection = await createConnection(database.url);
  onStop(() => connection.end());

  const scheduling = await schedulingFromPurchases(connection, lensLoop);
  const delivered = await delivery(connection, lensLoop);
  const endLoad = loadavg()[0];

  const scheduleRate = PURCHASES / scheduling.jobSeconds;
  const bareScheduleRate = PURCHASES / scheduling.bareSeconds;
  print(`load average: ${startLoad.toFixed(2)} at the start, ${endLoad.toFixed(2)} at the end`);
  print(`occurrences scheduled by the handler: ${scheduling.scheduled} (expected ${2 * PURCHASES})`);
  print(`inbox rows written by the job: ${delivered.inbox} (expected ${DUE}), handled ${delivered.handled}`);
  print();
  print(`Scheduling from ${PURCHASES} completed orders (a lens-cleaning and a refill reminder each):`);
  print('');
  print('| Path | Time (s) | Orders/s | 1,000,000 members (projected) |');
  print('| ---- | -------: | -------: | ----------------------------: |');
  print(
    `| OrderCompleted through the outbox | ${scheduling.jobSeconds.toFixed(1)} | ${scheduleRate.toFixed(0)} | ${(PROJECTED_MEMBERS / scheduleRate / 60).toFixed(0)} min |`,
  );
  print(
    `| bare INSERT … SELECT | ${scheduling.bareSeconds.toFixed(2)} | ${bareScheduleRate.toFixed(0)} | ${(PROJECTED_MEMBERS / bareScheduleRate).toFixed(0)} s |`,
  );
  print('');
  print(`Delivering ${DUE} due reminders to the inbox (mute, segment, quiet hours, cap, coupon checks):`);
  print('');
  print('| Path | Time (s) | Reminders/s |');
  print('| ---- | -------: | ----------: |');
  print(
    `| reminders job | ${delivered.jobSeconds.toFixed(1)} | ${(DUE / delivered.jobSeconds).toFixed(0)} |`,
  );
  print(
    `| bare INSERT … SELECT + UPDATE | ${delivered.bareSeconds.toFixed(2)} | ${(DUE / delivered.bareSeconds).toFixed(0)} |`,
  );
  if (scheduling.scheduled !== 2 * PURCHASES)
    throw new Error(`scheduled ${scheduling.scheduled}, expected ${2 * PURCHASES}`);
  if (delivered.inbox !== DUE) throw new Error(`inbox ${delivered.inbox}, expected ${DUE}`);
});
