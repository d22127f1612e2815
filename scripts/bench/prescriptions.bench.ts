/**
 * Benchmark of the staff desk at chain size: a generated fitting history (BENCH_MEMBERS members,
 * default 1,000,000, about two prescriptions each) in a throwaway MariaDB behind the real server,
 * then, with an optometrist's token and a random member per request,
 *
 *   - lookup: GET /staff/customers/:memberId/prescriptions/latest?profileId=  (decrypts, audits)
 *   - search: GET /staff/customers?q=<phone>
 *
 *   pnpm --filter @lensloop/scripts bench:prescriptions                 # 1M members, 8 s each
 *   BENCH_MEMBERS=100000 BENCH_SECONDS=5 pnpm --filter @lensloop/scripts bench:prescriptions
 *
 * Checks that every lookup served wrote exactly one audit row. Exits 1 on any failed request.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../server/src/infra/config/app-config';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import {
  log,
  measureLoad,
  print,
  residentMegabytes,
  runBenchmark,
  startDatabaseAndLensLoop,
  type LoadFigures,
  LOAD,
  describeLoad,
  loadAverageNow,
} from './bench-support';
import { generatePrescriptionData, type GeneratedData } from './prescription-data';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);

async function staffToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'optometrist1', password: DEMO_STAFF_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`Staff login answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** One request template whose path is drawn afresh for every request. */
function randomPath(pathOf: (index: number) => string, authorization: string): autocannon.Request[] {
  return [
    {
      method: 'GET',
      headers: { authorization },
      setupRequest: (request) => ({ ...request, path: pathOf(randomInt(MEMBERS)) }),
    },
  ];
}

async function countRows(databaseUrl: string, sql: string): Promise<number> {
  const connection = await createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(sql);
    return Number((rows as { count: number }[])[0].count);
  } finally {
    await connection.end();
  }
}

function markdownReport(data: GeneratedData, rows: [string, LoadFigures][]): string {
  return [
    `${data.members} members, ${data.prescriptions} prescriptions (generated in ${data.seconds.toFixed(0)} s); ` +
      `${describeLoad()}.`,
    '',
    '| Request | Requests/s | p50 (ms) | p99 (ms) | RSS after (MB) |',
    '| ------- | ---------: | -------: | -------: | -------------: |',
    ...rows.map(
      ([name, figures]) =>
        `| ${name} | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} | ${figures.p99} | ${figures.rssMb.toFixed(0)} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  await runBenchmark(async (onStop) => {
    if (!Number.isInteger(MEMBERS) || MEMBERS < 1) throw new Error('BENCH_MEMBERS must be ≥ 1');
    const prescriptionKeys = `bench:${randomBytes(32).toString('base64')}`;

    const { database, lensLoop } = await startDatabaseAndLensLoop(onStop, {
      PRESCRIPTION_KEYS: prescriptionKeys,
    });

    log(`Generating ${MEMBERS} members and their prescriptions…`);
    const keys = loadConfig({ NODE_ENV: 'test', PRESCRIPTION_KEYS: prescriptionKeys }).prescriptionKeys;
    const data = await generatePrescriptionData(database.url, MEMBERS, keys);
    print(
      `Generated ${data.members} members and ${data.prescriptions} prescriptions in ${data.seconds.toFixed(0)} s`,
    );
    print(`RSS idle: ${residentMegabytes(lensLoop.pid).toFixed(0)} MB`);

    const authorization = `Bearer ${await staffToken(lensLoop.baseUrl)}`;
    const auditBefore = await countRows(database.url, 'SELECT COUNT(*) AS count FROM audit_log');
    const lookup = await measureLoad(
      `lookup (load ${loadAverageNow().toFixed(2)})`,
      lensLoop,
      {
        url: lensLoop.baseUrl,
        requests: randomPath(
          (index) =>
            `/api/v1/staff/customers/${data.memberIds[index]}/prescriptions/latest?profileId=${data.selfProfileIds[index]}`,
          authorization,
        ),
      },
      LOAD,
    );
    const audited = (await countRows(database.url, 'SELECT COUNT(*) AS count FROM audit_log')) - auditBefore;
    print(`Audit rows written: ${audited} for ${lookup.succeeded} lookups answered`);
    // A Saturday at one store: four desks looking customers up at once (the p99 target is < 10 ms).
    const desks = await measureLoad(
      `lookup, 4 desks (load ${loadAverageNow().toFixed(2)})`,
      lensLoop,
      {
        url: lensLoop.baseUrl,
        requests: randomPath(
          (index) =>
            `/api/v1/staff/customers/${data.memberIds[index]}/prescriptions/latest?profileId=${data.selfProfileIds[index]}`,
          authorization,
        ),
      },
      { ...LOAD, connections: 4 },
    );
    const search = await measureLoad(
      `search (load ${loadAverageNow().toFixed(2)})`,
      lensLoop,
      {
        url: lensLoop.baseUrl,
        requests: randomPath((index) => `/api/v1/staff/customers?q=${data.phones(index)}`, authorization),
      },
      LOAD,
    );
    print();
    print(
      markdownReport(data, [
        ['lookup: latest prescription (decrypt + audit row)', lookup],
        ['lookup, 4 desks (4 connections)', desks],
        ['search: customer by phone', search],
      ]),
    );

    const failures = lookup.failures + desks.failures + search.failures;
    if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
    // Requests still in flight when autocannon stops (at most one per connection, in the warm-up and
    // in the measured run) are answered and audited but not counted by autocannon.
    if (audited < lookup.succeeded || audited > lookup.succeeded + 2 * LOAD.connections) {
      throw new Error(`${audited} audit rows for ${lookup.succeeded} lookups`);
    }
  });
}

void main();
