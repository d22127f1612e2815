/**
 * Benchmark of pushing a coupon template to 100,000 members (`BENCH_MEMBERS`): the real path —
 * `POST /admin/coupon-templates/:id/issue` in lists of 5,000 (the API's cap), then the
 * `coupon-issue` job, batches of 1,000 members per transaction (the members' holdings counted in
 * one query, the template's `issued` raised under its row lock, the coupons inserted in one
 * statement) — against a bare comparator in the same run on the same MariaDB: one plain
 * `INSERT … SELECT` of the same coupon rows for another template (plus its `issued` update).
 *
 *   pnpm --filter @lensloop/scripts bench:coupon-issue      # BENCH_MEMBERS=100000 by default
 *
 * The members are inserted with SQL (the sequence engine), the server runs with JOBS_ENABLED=false
 * and the job is run through `POST /dev/jobs/coupon-issue/run`, which answers when every queued job
 * has finished, so the time measured is the job's alone. Prints the figures and a Markdown table;
 * exits 1 when a member did not get exactly one coupon of each template.
 */
import { request as httpRequest } from 'node:http';
import { createConnection, type Connection } from 'mysql2/promise';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { log, print, runBenchmark, startDatabaseAndLensLoop, type Server } from './bench-support';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
/** `POST /admin/coupon-templates/:id/issue` takes at most this many member ids per job. */
const IDS_PER_JOB = 5_000;

/** A JSON call without a client timeout: the job run answers only when 100,000 coupons are issued. */
function call(
  server: Server,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolveCall, rejectCall) => {
    const request = httpRequest(
      `${server.baseUrl}${path}`,
      {
        method,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
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

async function insertMembers(connection: Connection, count: number): Promise<number[]> {
  await connection.query(
    `INSERT INTO members (openid, member_code)
     SELECT CONCAT('bench-', seq), CONCAT('9', LPAD(seq, 11, '0')) FROM seq_1_to_${count}`,
  );
  const [rows] = await connection.query("SELECT id FROM members WHERE openid LIKE 'bench-%' ORDER BY id");
  return (rows as { id: number }[]).map((row) => Number(row.id));
}

async function createTemplate(server: Server, token: string, name: string): Promise<number> {
  const template = (await call(server, 'POST', '/api/v1/admin/coupon-templates', token, {
    name,
    kind: 'amount_off',
    amountOff: 1_000,
    threshold: 0,
    scope: {},
    perMemberLimit: 1,
    validity: { days: 30 },
    channel: 'push',
    stackable: false,
  })) as { id: number };
  return template.id;
}

async function couponsOf(
  connection: Connection,
  templateId: number,
): Promise<{ rows: number; members: number }> {
  const [rows] = await connection.query(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT member_id) AS m FROM coupons WHERE template_id = ?',
    [templateId],
  );
  const [row] = rows as { n: number; m: number }[];
  return { rows: Number(row.n), members: Number(row.m) };
}

const seconds = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;

void runBenchmark(async (onStop) => {
  const { database, lensLoop } = await startDatabaseAndLensLoop(onStop, { JOBS_ENABLED: 'false' });
  const connection = await createConnection(database.url);
  onStop(() => connection.end());

  log(`Inserting ${MEMBERS} members…`);
  const memberIds = await insertMembers(connection, MEMBERS);
  if (memberIds.length !== MEMBERS) throw new Error(`expected ${MEMBERS} members, found ${memberIds.length}`);
  const login = (await call(lensLoop, 'POST', '/api/v1/auth/staff/login', null, {
    username: 'admin',
    password: DEMO_STAFF_PASSWORD,
  })) as { token: string };
  const pushed = await createTemplate(lensLoop, login.token, 'bench push');
  const bare = await createTemplate(lensLoop, login.token, 'bench bare');

  // The real path: the API starts the jobs, then the job issues every coupon.
  let startedAt = process.hrtime.bigint();
  for (let index = 0; index < memberIds.length; index += IDS_PER_JOB) {
    await call(lensLoop, 'POST', `/api/v1/admin/coupon-templates/${pushed}/issue`, login.token, {
      memberIds: memberIds.slice(index, index + IDS_PER_JOB),
    });
  }
  const startSeconds = seconds(startedAt);
  log(`${Math.ceil(MEMBERS / IDS_PER_JOB)} jobs started in ${startSeconds.toFixed(2)} s; running the job…`);
  startedAt = process.hrtime.bigint();
  const run = (await call(lensLoop, 'POST', '/api/v1/dev/jobs/coupon-issue/run', null)) as {
    handled: number;
  };
  const jobSeconds = seconds(startedAt);
  const jobCoupons = await couponsOf(connection, pushed);

  // The bare comparator: the same rows in one statement, and the template's count.
  startedAt = process.hrtime.bigint();
  await connection.beginTransaction();
  await connection.query(
    `INSERT INTO coupons (template_id, member_id, seq, status, valid_from, valid_to)
     SELECT ?, id, 1, 'available', NOW(6), NOW(6) + INTERVAL 30 DAY FROM members WHERE openid LIKE 'bench-%'`,
    [bare],
  );
  await connection.query('UPDATE coupon_templates SET issued = issued + ? WHERE id = ?', [MEMBERS, bare]);
  await connection.commit();
  const bareSeconds = seconds(startedAt);
  const bareCoupons = await couponsOf(connection, bare);

  print(`members handled by the job: ${run.handled}`);
  print(`coupons: job ${jobCoupons.rows} (${jobCoupons.members} members), bare ${bareCoupons.rows}`);
  print();
  print(`${MEMBERS} members, one coupon each; batches of 1,000 per transaction; pool of 20.`);
  print('');
  print('| Path | Time (s) | Coupons/s |');
  print('| ---- | -------: | --------: |');
  print(
    `| API: start ${Math.ceil(MEMBERS / IDS_PER_JOB)} jobs of ≤ ${IDS_PER_JOB} | ${startSeconds.toFixed(2)} | — |`,
  );
  print(`| coupon-issue job | ${jobSeconds.toFixed(1)} | ${(MEMBERS / jobSeconds).toFixed(0)} |`);
  print(`| bare INSERT … SELECT | ${bareSeconds.toFixed(2)} | ${(MEMBERS / bareSeconds).toFixed(0)} |`);
  print('');
  print(`Job time / bare time: ${(jobSeconds / bareSeconds).toFixed(1)}`);
  for (const [path, coupons] of [
    ['job', jobCoupons],
    ['bare', bareCoupons],
  ] as const) {
    if (coupons.rows !== MEMBERS || coupons.members !== MEMBERS) {
      throw new Error(`${path}: ${coupons.rows} coupons for ${coupons.members} members, expected ${MEMBERS}`);
    }
  }
});
