/**
 * Benchmark of counting a saved segment over 1,000,000 members (`BENCH_MEMBERS`): the real path —
 * `GET /admin/segments/:id/count`, one `SELECT COUNT(*)` compiled from the filter DSL over the tags
 * module's `tag_member_facts` (automatic tags as its columns, others through `EXISTS` on
 * `member_tags`) — against a bare `SELECT COUNT(*)` of the facts table in the same run on the same
 * MariaDB, and the plain form (every tag through `EXISTS`) sent directly.
 *
 *   pnpm --filter @lensloop/scripts bench:segments      # BENCH_MEMBERS=1000000 by default
 *
 * The members' facts and tags are generated with SQL (the sequence engine): a purchase class for
 * everyone (A 40 %, B 30 %, C 15 %, D 15 %), a channel tag, seven home stores in two cities,
 * children 12 %, high myopia 8 %, exam overdue 20 % — about 2.4 tags a member. Each count is timed
 * five times; the median is reported. Exits 1 when a count differs from the bare SQL's or the API's
 * median is 2 s or more.
 */
import { loadavg } from 'node:os';
import { createConnection } from 'mysql2/promise';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { callApi, log, print, runBenchmark, startDatabaseAndLensLoop } from './bench-support';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
/** Generated members start here, clear of the demo's. */
const FIRST_ID = 10_000_000;
const RUNS = 5;

const seconds = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;

async function median(work: () => Promise<unknown>): Promise<{ seconds: number; result: unknown }> {
  const times: number[] = [];
  let result: unknown;
  for (let run = 0; run < RUNS; run++) {
    const startedAt = process.hrtime.bigint();
    result = await work();
    times.push(seconds(startedAt));
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(RUNS / 2)], result };
}

const SEGMENTS = [
  {
    name: 'D 类、1 号店、非高度近视',
    filter: {
      all: [{ tag: 'D类' }, { field: 'homeStoreId', op: 'eq', value: 1 }, { not: { tag: '高度近视' } }],
    },
  },
  {
    name: '核心客户或儿童配镜',
    filter: { any: [{ field: 'quadrant', op: 'eq', value: 'core' }, { tag: '儿童配镜' }] },
  },
  {
    name: '北京、复查逾期、消费 ≥ ¥1,000',
    filter: {
      all: [
        { field: 'region', op: 'eq', value: '北京' },
        { tag: '复查逾期' },
        { field: 'spend', op: 'gte', value: 100_000 },
      ],
    },
  },
];

void runBenchmark(async (onStop) => {
  const { database, lensLoop } = await startDatabaseAndLensLoop(onStop, { JOBS_ENABLED: 'false' });
  const connection = await createConnection(database.url);
  onStop(() => connection.end());

  log(`Generating ${MEMBERS} members' facts and tags…`);
  const startedAt = process.hrtime.bigint();
  await connection.query(
    `INSERT INTO tag_member_facts (member_id, registered_at, channel, home_store_id, region, owner_staff_id,
       purchases, spend, first_purchase_at, last_purchase_at, purchase_class, quadrant, life_tags)
     SELECT ${FIRST_ID} + seq, NOW(6) - INTERVAL (seq % 900) DAY,
       ELT(1 + seq % 4, 'store_qr', 'staff_qr', 'referral', 'online'),
       1 + seq % 7, IF(seq % 7 < 4, '上海', '北京'), 1 + seq % 20,
       ELT(1 + seq % 20, 0,0,0,0,0,0,0,0, 1,1,1,1,1,1, 2,2,2, 3,4,5),
       (seq % 20) * 25000,
       IF(seq % 20 < 8, NULL, NOW(6) - INTERVAL (seq % 900) DAY),
       IF(seq % 20 < 8, NULL, NOW(6) - INTERVAL (seq % 60) DAY),
       ELT(1 + seq % 20, 'A','A','A','A','A','A','A','A', 'B','B','B','B','B','B', 'C','C','C', 'D','D','D'),
       IF(seq % 20 < 8, NULL, IF(seq % 900 >= 365, IF((seq % 20) * 25000 >= 300000, 'core', 'recall'),
         IF((seq % 20) * 25000 >= 100000, 'lock_in', 'promote'))),
       IF(seq % 25 < 3, 1, 0) | IF(seq % 25 IN (7, 8), 8, 0) | IF(seq % 5 = 4, 16, 0)
     FROM seq_1_to_${MEMBERS}`,
  );
  const tagRows = [
    [
      "CONCAT(ELT(1 + seq % 20, 'A','A','A','A','A','A','A','A', 'B','B','B','B','B','B', 'C','C','C', 'D','D','D'), '类')",
      'TRUE',
    ],
    ["CONCAT('来源:', ELT(1 + seq % 4, '门店', '店员码', '转介绍', '线上'))", 'TRUE'],
    ["'儿童配镜'", 'seq % 25 < 3'],
    ["'高度近视'", 'seq % 25 = 7 OR seq % 25 = 8'],
    ["'复查逾期'", 'seq % 5 = 4'],
  ];
  for (const [name, condition] of tagRows) {
    await connection.query(
      `INSERT INTO member_tags (member_id, name, auto, reason)
       SELECT ${FIRST_ID} + seq, ${name}, 1, 'bench' FROM seq_1_to_${MEMBERS} WHERE ${condition}`,
    );
  }
  await connection.query('ANALYZE TABLE tag_member_facts, member_tags');
  const [[{ tags }]] = (await connection.query('SELECT COUNT(*) AS tags FROM member_tags')) as unknown as [
    { tags: number }[],
  ];
  log(`Generated in ${seconds(startedAt).toFixed(1)} s (${tags} tags).`);

  const login = (await callApi(lensLoop, 'POST', '/api/v1/auth/staff/login', null, {
    username: 'admin',
    password: DEMO_STAFF_PASSWORD,
  })) as { token: string };

  const bare = await median(async () => {
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM tag_member_facts');
    return Number((rows as { n: number }[])[0].n);
  });
  const rows: { name: string; api: number; direct: number; count: number }[] = [];
  let failed = false;
  for (const segment of SEGMENTS) {
    const saved = (await callApi(lensLoop, 'POST', '/api/v1/admin/segments', login.token, segment)) as {
      id: number;
    };
    const api = await median(() =>
      callApi(lensLoop, 'GET', `/api/v1/admin/segments/${saved.id}/count`, login.token),
    );
    const apiCount = (api.result as { count: number }).count;
    rows.push({ name: segment.name, api: api.seconds, direct: 0, count: apiCount });
    if (api.seconds >= 2) failed = true;
  }
  // Hand-written SQL for the three segments, every tag through `member_tags` (no columns): checks
  // the counts and times the plain form.
  const direct = [
    `SELECT COUNT(*) AS n FROM tag_member_facts f WHERE EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = f.member_id AND t.name = 'D类')
       AND f.home_store_id = 1 AND NOT EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = f.member_id AND t.name = '高度近视')`,
    `SELECT COUNT(*) AS n FROM tag_member_facts f WHERE f.quadrant = 'core'
       OR EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = f.member_id AND t.name = '儿童配镜')`,
    `SELECT COUNT(*) AS n FROM tag_member_facts f WHERE f.region = '北京'
       AND EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = f.member_id AND t.name = '复查逾期') AND f.spend >= 100000`,
  ];
  for (const [index, sql] of direct.entries()) {
    const measured = await median(async () => {
      const [result] = await connection.query(sql);
      return Number((result as { n: number }[])[0].n);
    });
    rows[index].direct = measured.seconds;
    if (measured.result !== rows[index].count) {
      failed = true;
      log(
        `${rows[index].name}: API counted ${rows[index].count}, the hand-written SQL ${String(measured.result)}`,
      );
    }
  }

  print(
    `${bare.result as number} members (${MEMBERS} generated), ${tags} tags; median of ${RUNS} runs each.`,
  );
  print(
    `Load average after the runs: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  print('');
  print('| Segment | Members | API count (s) | `EXISTS` SQL, direct (s) |');
  print('| ------- | ------: | ------------: | -------------------: |');
  for (const row of rows) {
    print(`| ${row.name} | ${row.count} | ${row.api.toFixed(3)} | ${row.direct.toFixed(3)} |`);
  }
  print(
    `| bare \`SELECT COUNT(*)\` of the facts | ${bare.result as number} | — | ${bare.seconds.toFixed(3)} |`,
  );
  if (failed) throw new Error('a count was 2 s or more, or differed from the hand-written SQL');
});
