/**
 * Benchmark of the care reminders on MariaDB, each path against a bare SQL comparator in the same
 * run on the same database:
 *
 * 1. **Scheduling, live**: `BENCH_PURCHASES` (default 2,000) members each with a completed pickup
 *    order of a demo frame and two boxes of monthly contact lenses (rows inserted with SQL), and one
 *    `OrderCompleted` event each in the outbox, inserted the way `EventBus.publish` writes them; then
 *    `POST /dev/jobs/outbox/run` delivers them, so `reminders.schedule-after-purchase` schedules a
 *    lens-cleaning and a contact-lens refill reminder per order (besides the event's other handlers,
 *    as in production).
 * 2. **Scheduling, set-based**: `BENCH_BACKFILL` (default 1,000,000) more members with such an order,
 *    completed over the last 20 days (the lenses still last), imported without events; `POST /admin/reminders/backfill` and
 *    the `reminder-backfill` job schedule the same two reminders per order, a page of 1,000 orders
 *    per transaction.
 *    Bare for both: one `INSERT … SELECT` of the same two occurrences per order.
 * 3. **Delivery**: `BENCH_DUE` (default 100,000) due occurrences, half care (lens cleaning: mute,
 *    1-to-1 segment and quiet-hour checks, the next cleaning scheduled), half marketing (coupon
 *    expiring: real coupons ending in 2 days, scheduled by the job's own scan; availability and the
 *    2-per-7-days cap checked), no subscription (the inbox path); `POST /dev/jobs/reminders/run` at
 *    10:00 Asia/Shanghai on the business clock. Bare: the same number of inbox rows written with one
 *    `INSERT … SELECT` and the occurrences marked with one `UPDATE`, no checks.
 *
 *   pnpm --filter @lensloop/scripts bench:reminders
 *   BENCH_PURCHASES=1000 BENCH_BACKFILL=20000 BENCH_DUE=10000 pnpm --filter @lensloop/scripts bench:reminders
 *
 * Prints the figures and Markdown tables; exits 1 when a count is off.
 */
import { loadavg } from 'node:os';
import { createConnection, type Connection } from 'mysql2/promise';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { callApi, log, print, runBenchmark, startDatabaseAndLensLoop, type Server } from './bench-support';

const PURCHASES = Number(process.env.BENCH_PURCHASES ?? 2_000);
const BACKFILL = Number(process.env.BENCH_BACKFILL ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 100_000);
const PROJECTED_MEMBERS = 1_000_000;
/** The member code's first digit per group of generated members, so that codes stay unique. */
const CODE_DIGIT = { p: 8, b: 6, d: 7 } as const;

const seconds = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;

async function count(connection: Connection, sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await connection.query(sql, params);
  return Number((rows as { n: number }[])[0].n);
}

async function idRange(connection: Connection, sql: string): Promise<[number, number]> {
  const [rows] = await connection.query(sql);
  const [row] = rows as { low: number; high: number }[];
  return [Number(row.low), Number(row.high)];
}

/** Members `bench-<group>-1…n`; answers the id range. */
async function insertMembers(connection: Connection, group: keyof typeof CODE_DIGIT, n: number) {
  await connection.query(
    `INSERT INTO members (openid, member_code, nickname)
     SELECT CONCAT('bench-${group}-', seq), CONCAT('${CODE_DIGIT[group]}', LPAD(seq, 11, '0')), CONCAT('会员', seq)
     FROM seq_1_to_${n}`,
  );
  return idRange(
    connection,
    `SELECT MIN(id) AS low, MAX(id) AS high FROM members WHERE openid LIKE 'bench-${group}-%'`,
  );
}

/**
 * One completed pickup order per member of the range (a demo frame and two boxes of monthly
 * lenses), completed `id % spreadDays` days ago, with its timeline; answers the order id range.
 */
async function insertCompletedOrders(
  connection: Connection,
  [low, high]: [number, number],
  tag: string,
  spreadDays: number,
): Promise<[number, number]> {
  const [skus] = await connection.query(
    "SELECT s.id, s.code FROM skus s WHERE s.code IN ('FR01-BLA', 'CL01-300')",
  );
  const byCode = new Map((skus as { id: number; code: string }[]).map((sku) => [sku.code, sku.id]));
  const frame = byCode.get('FR01-BLA');
  const contacts = byCode.get('CL01-300');
  if (!frame || !contacts) throw new Error('demo SKUs FR01-BLA / CL01-300 are missing');
  const [[store]] = (await connection.query('SELECT MIN(id) AS id FROM stores')) as unknown as [
    { id: number }[],
  ];
  await connection.query(
    `INSERT INTO orders (no, member_id, kind, store_id, status, fulfilment, subtotal, discount, points_discount,
       balance_paid, payable, expires_at, paid_at, updated_at)
     SELECT CONCAT('${tag}', id), id, 'goods', ?, 'completed', 'pickup', 60000, 0, 0, 0, 60000, NOW(6), NOW(6),
       NOW(6) - INTERVAL (id % ?) DAY
     FROM members WHERE id BETWEEN ? AND ?`,
    [store.id, spreadDays, low, high],
  );
  const orders = await idRange(
    connection,
    `SELECT MIN(id) AS low, MAX(id) AS high FROM orders WHERE no LIKE '${tag}%'`,
  );
  for (const [sku, quantity, price] of [
    [frame, 1, 40_000],
    [contacts, 2, 10_000],
  ] as const) {
    await connection.query(
      `INSERT INTO order_items (order_id, sku_id, product_id, name, attributes, image_url, quantity, unit_price, line_total)
       SELECT o.id, s.id, s.product_id, p.name, s.attributes, p.image_url, ?, ?, ?
       FROM orders o JOIN skus s ON s.id = ? JOIN products p ON p.id = s.product_id
       WHERE o.id BETWEEN ? AND ?`,
      [quantity, price, quantity * price, sku, ...orders],
    );
  }
  await connection.query(
    `INSERT INTO order_events (order_id, from_status, to_status, actor, created_at)
     SELECT id, 'ready_for_pickup', 'completed', 'staff', updated_at FROM orders WHERE id BETWEEN ? AND ?`,
    orders,
  );
  return orders;
}

/** The bare comparator of both scheduling paths: the same two occurrences per order, one statement. */
async function bareScheduling(connection: Connection, [low, high]: [number, number]): Promise<number> {
  const startedAt = process.hrtime.bigint();
  await connection.query(
    `INSERT INTO reminder_occurrences (member_id, kind, category, subject, due_date, dedupe_key, due_at, next_attempt_at,
       status, title, body)
     SELECT o.member_id, k.kind, 'care', k.subject, DATE(o.updated_at + INTERVAL k.days DAY),
       CONCAT('bare:', o.member_id, ':', k.kind, ':', o.id), o.updated_at + INTERVAL k.days DAY,
       o.updated_at + INTERVAL k.days DAY, 'bare', k.title, k.title
     FROM orders o
     JOIN (SELECT 'lens_cleaning' AS kind, 'order' AS subject, 182 AS days, '镜片清洁提醒' AS title
           UNION ALL SELECT 'contact_lens_refill', 'contacts', 53, '隐形眼镜续购提醒') k
     WHERE o.id BETWEEN ? AND ?`,
    [low, high],
  );
  const elapsed = seconds(startedAt);
  // Out of the way of the delivery part.
  await connection.query("DELETE FROM reminder_occurrences WHERE status = 'bare'");
  return elapsed;
}

const scheduledFor = (connection: Connection, [low, high]: [number, number]) =>
  count(
    connection,
    `SELECT COUNT(*) AS n FROM reminder_occurrences
     WHERE member_id BETWEEN ? AND ? AND kind IN ('lens_cleaning', 'contact_lens_refill') AND status = 'scheduled'`,
    [low, high],
  );

async function liveScheduling(connection: Connection, lensLoop: Server) {
  log(`Scheduling, live: ${PURCHASES} members with a completed order and its OrderCompleted event…`);
  const members = await insertMembers(connection, 'p', PURCHASES);
  const orders = await insertCompletedOrders(connection, members, 'BENCHP', 1);
  // The events as EventBus.publish writes them.
  await connection.query(
    `INSERT INTO outbox_events (type, aggregate_id, payload, available_at, attempts)
     SELECT 'OrderCompleted', id, JSON_OBJECT('orderId', id, 'orderNo', no, 'memberId', member_id, 'storeId', store_id,
       'kind', 'goods', 'payable', payable, 'balancePaid', 0), NOW(6), 0
     FROM orders WHERE id BETWEEN ? AND ?`,
    orders,
  );
  log('Delivering the OrderCompleted events (outbox job)…');
  const startedAt = process.hrtime.bigint();
  await callApi(lensLoop, 'POST', '/api/v1/dev/jobs/outbox/run');
  const jobSeconds = seconds(startedAt);
  const scheduled = await scheduledFor(connection, members);
  log('Bare: the same occurrences with one INSERT … SELECT…');
  const bareSeconds = await bareScheduling(connection, orders);
  return { jobSeconds, bareSeconds, scheduled };
}

async function backfillScheduling(connection: Connection, lensLoop: Server) {
  log(`Scheduling, set-based: ${BACKFILL} members with a completed order over the last 20 days, no events…`);
  let startedAt = process.hrtime.bigint();
  const members = await insertMembers(connection, 'b', BACKFILL);
  const orders = await insertCompletedOrders(connection, members, 'BENCHB', 20);
  await connection.query('ANALYZE TABLE orders, order_items, order_events');
  log(`Generated in ${seconds(startedAt).toFixed(0)} s.`);
  const login = await callApi(lensLoop, 'POST', '/api/v1/auth/staff/login', null, {
    username: 'admin',
    password: DEMO_STAFF_PASSWORD,
  });
  log('POST /admin/reminders/backfill, then the reminder-backfill job…');
  startedAt = process.hrtime.bigint();
  await callApi(lensLoop, 'POST', '/api/v1/admin/reminders/backfill', login.token as string);
  await callApi(lensLoop, 'POST', '/api/v1/dev/jobs/reminder-backfill/run');
  const jobSeconds = seconds(startedAt);
  const status = await callApi(lensLoop, 'GET', '/api/v1/admin/reminders/backfill', login.token as string);
  if (status.done !== true) throw new Error(`the backfill is not done: ${JSON.stringify(status)}`);
  const scheduled = await scheduledFor(connection, members);
  log('Bare: the same occurrences with one INSERT … SELECT…');
  const bareSeconds = await bareScheduling(connection, orders);
  return { jobSeconds, bareSeconds, scheduled };
}

/** The business clock moved to the next 10:00 Asia/Shanghai (outside quiet hours); answers it. */
async function tenInTheMorning(server: Server): Promise<Date> {
  const clock = (advanceSeconds: number) =>
    callApi(server, 'POST', '/api/v1/dev/clock', null, { advanceSeconds });
  const now = new Date((await clock(1)).now as string);
  const shanghai = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  let target = new Date(`${shanghai}T02:00:00.000Z`);
  if (target <= now) target = new Date(target.getTime() + 86_400_000);
  return new Date((await clock(Math.ceil((target.getTime() - now.getTime()) / 1000))).now as string);
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
  const run = (await callApi(lensLoop, 'POST', '/api/v1/dev/jobs/reminders/run')) as { handled: number };
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

  const live = await liveScheduling(connection, lensLoop);
  const backfill = await backfillScheduling(connection, lensLoop);
  const delivered = await delivery(connection, lensLoop);
  const endLoad = loadavg()[0];

  print(`load average: ${startLoad.toFixed(2)} at the start, ${endLoad.toFixed(2)} at the end`);
  print(`occurrences scheduled through the outbox: ${live.scheduled} (expected ${2 * PURCHASES})`);
  print(`occurrences scheduled by the backfill: ${backfill.scheduled} (expected ${2 * BACKFILL})`);
  print(`inbox rows written by the job: ${delivered.inbox} (expected ${DUE}), handled ${delivered.handled}`);
  print();
  print('Scheduling a lens-cleaning and a refill reminder per completed order:');
  print('');
  print('| Path | Orders | Time (s) | Orders/s | 1,000,000 members |');
  print('| ---- | -----: | -------: | -------: | ----------------: |');
  const row = (path: string, orders: number, time: number, measured: boolean) => {
    const rate = orders / time;
    const million = PROJECTED_MEMBERS / rate;
    const figure = million >= 600 ? `${(million / 60).toFixed(0)} min` : `${million.toFixed(0)} s`;
    print(
      `| ${path} | ${orders} | ${time.toFixed(2)} | ${rate.toFixed(0)} | ${figure}${measured ? '' : ' (projected)'} |`,
    );
  };
  row('`OrderCompleted` through the outbox', PURCHASES, live.jobSeconds, PURCHASES === PROJECTED_MEMBERS);
  row('bare `INSERT … SELECT`', PURCHASES, live.bareSeconds, PURCHASES === PROJECTED_MEMBERS);
  row('`reminder-backfill` job', BACKFILL, backfill.jobSeconds, BACKFILL === PROJECTED_MEMBERS);
  row('bare `INSERT … SELECT`', BACKFILL, backfill.bareSeconds, BACKFILL === PROJECTED_MEMBERS);
  print(`backfill/bare: ${(backfill.bareSeconds / backfill.jobSeconds).toFixed(2)}`);
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
  print(`job/bare: ${(delivered.bareSeconds / delivered.jobSeconds).toFixed(2)}`);
  if (live.scheduled !== 2 * PURCHASES)
    throw new Error(`live: scheduled ${live.scheduled}, expected ${2 * PURCHASES}`);
  if (backfill.scheduled !== 2 * BACKFILL)
    throw new Error(`backfill: scheduled ${backfill.scheduled}, expected ${2 * BACKFILL}`);
  if (delivered.inbox !== DUE) throw new Error(`inbox ${delivered.inbox}, expected ${DUE}`);
});
