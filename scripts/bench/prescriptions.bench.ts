/**
 * Benchmark of the hot paths at chain size: a generated dataset (BENCH_MEMBERS members, default
 * 1,000,000, about two prescriptions and BENCH_ORDERS_PER_MEMBER orders each) in a MariaDB of its
 * own behind the real server, then
 *
 *   - lookup: GET /staff/customers/:memberId/prescriptions/latest?profileId=  (decrypts, audits),
 *     from 20 connections, from 4 flat out and from 4 paced at 25 lookups/s each (four desks of
 *     one store)
 *   - search: GET /staff/customers?q=<phone>
 *   - my orders: GET /orders?page=1 with a random member's token
 *
 * with a random member per request.
 *
 *   pnpm --filter @lensloop/scripts bench:prescriptions                 # 1M members, 8 s each
 *   BENCH_MEMBERS=100000 BENCH_SECONDS=5 pnpm --filter @lensloop/scripts bench:prescriptions
 *   BENCH_MEMBERS=10000000 BENCH_DATA_DIR=/var/tmp/ll-10m BENCH_BUFFER_POOL=8G …  # generate once, keep
 *
 * BENCH_DATA_DIR keeps MariaDB's files there: the first run generates the dataset, later runs with
 * the same directory reuse it (its size and key are in dataset.json). On a kept dataset,
 * BENCH_ORDERS_PER_MEMBER above its own adds orders up to that many per member, and
 * BENCH_REGENERATE_PRESCRIPTIONS=1 seals its prescriptions again as the server seals them now.
 * BENCH_BUFFER_POOL sizes InnoDB's buffer pool (512M by default); BENCH_LARGE_PAGES=1 puts it in
 * huge pages (reserving them needs root; the reservation is given back at the end), as on a
 * database host; BENCH_PREWARM=1 reads the lookup's tables into it first. Checks that every lookup
 * served wrote one audit row and exits 1 on any failed request.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../server/src/infra/config/app-config';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import {
  cpuMilliseconds,
  log,
  measureLoad,
  print,
  residentMegabytes,
  runBenchmark,
  signMemberToken,
  startDatabaseAndLensLoop,
  type LoadFigures,
  LOAD,
  describeLoad,
  hugePagesInUseMegabytes,
  loadAverageNow,
  reserveHugePages,
} from './bench-support';
import {
  addOrders,
  generateChainData,
  innoDbCounters,
  keptDataset,
  memberIdOf,
  phoneOf,
  prewarmDeskTables,
  regeneratePrescriptions,
  scalar,
  selfProfileIdOf,
  serverPidOf,
  type InnoDbCounters,
  type KeptDataset,
} from './chain-data';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const ORDERS_PER_MEMBER = Number(process.env.BENCH_ORDERS_PER_MEMBER ?? 2);
const DATA_DIR = process.env.BENCH_DATA_DIR;
/** The paced desks' rate: a lookup every 40 ms per desk. */
const DESK_LOOKUPS_PER_SECOND = 25;
const JWT_SECRET = randomBytes(32).toString('base64');

async function staffToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'optometrist1', password: DEMO_STAFF_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`Staff login answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** One request template whose path (and authorization) is drawn afresh for every request. */
function randomRequest(
  members: number,
  pathOf: (index: number) => string,
  authorizationOf: (index: number) => string,
): autocannon.Request[] {
  return [
    {
      method: 'GET',
      setupRequest: (request) => {
        const index = randomInt(members);
        return { ...request, path: pathOf(index), headers: { authorization: authorizationOf(index) } };
      },
    },
  ];
}

function markdownReport(data: KeptDataset, rows: [string, LoadFigures][]): string {
  return [
    `${data.members} members, ${data.prescriptions} prescriptions, ${data.orders} orders ` +
      `(generated in ${data.seconds.toFixed(0)} s); ${describeLoad()}.`,
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
    if (!Number.isInteger(ORDERS_PER_MEMBER) || ORDERS_PER_MEMBER < 0) {
      throw new Error('BENCH_ORDERS_PER_MEMBER must be ≥ 0');
    }
    const kept = keptDataset(DATA_DIR);
    if (kept) log(`Reusing the dataset in ${DATA_DIR}: ${kept.members} members`);
    const prescriptionKeys = kept?.prescriptionKeys ?? `bench:${randomBytes(32).toString('base64')}`;
    const bufferPoolSize = process.env.BENCH_BUFFER_POOL;
    const largePages = process.env.BENCH_LARGE_PAGES === '1';
    if (largePages) reserveHugePages(bufferPoolSize ?? '512M', onStop);
    const { database, lensLoop } = await startDatabaseAndLensLoop(
      onStop,
      // No background jobs: the measured reads publish nothing, and the daily tag recompute over
      // millions of members would otherwise run during the measurement.
      { PRESCRIPTION_KEYS: prescriptionKeys, JWT_SECRET, JOBS_ENABLED: 'false' },
      { keptDirectory: DATA_DIR, bufferPoolSize, largePages },
    );

    let data = kept;
    if (!data) {
      log(`Generating ${MEMBERS} members, their prescriptions and ${ORDERS_PER_MEMBER} orders each…`);
      const keys = loadConfig({ NODE_ENV: 'test', PRESCRIPTION_KEYS: prescriptionKeys }).prescriptionKeys;
      data = {
        ...(await generateChainData(database.url, MEMBERS, ORDERS_PER_MEMBER, keys)),
        prescriptionKeys,
      };
    }
    if (kept && process.env.BENCH_REGENERATE_PRESCRIPTIONS === '1') {
      log('Sealing the prescriptions again as the server seals them now…');
      const keys = loadConfig({ NODE_ENV: 'test', PRESCRIPTION_KEYS: prescriptionKeys }).prescriptionKeys;
      data = { ...(await regeneratePrescriptions(database.url, data, keys)), prescriptionKeys };
    }
    if (kept && process.env.BENCH_ORDERS_PER_MEMBER) {
      data = { ...(await addOrders(database.url, data, ORDERS_PER_MEMBER)), prescriptionKeys };
    }
    if (DATA_DIR && data !== kept) writeFileSync(join(DATA_DIR, 'dataset.json'), JSON.stringify(data));
    const dataset = data;
    print(
      `${dataset.members} members, ${dataset.prescriptions} prescriptions and ${dataset.orders} orders, ` +
        `generated in ${dataset.seconds.toFixed(0)} s`,
    );
    print(`RSS idle: ${residentMegabytes(lensLoop.pid).toFixed(0)} MB`);
    // The benchmark's own statements (prewarm, counters, audit rows) on one connection of its own.
    const monitor = await createConnection(database.url);
    onStop(() => monitor.end());
    if (process.env.BENCH_PREWARM === '1') await prewarmDeskTables(monitor);
    if (largePages) print(`Buffer pool in huge pages: ${hugePagesInUseMegabytes().toFixed(0)} MB in use`);

    const databasePid = await serverPidOf(monitor);
    const staffAuthorization = `Bearer ${await staffToken(lensLoop.baseUrl)}`;
    const asStaff = () => staffAuthorization;
    const lookupPath = (index: number) =>
      `/api/v1/staff/customers/${memberIdOf(dataset, index)}/prescriptions/latest?profileId=${selfProfileIdOf(dataset, index)}`;
    const lookupRequests = randomRequest(dataset.members, lookupPath, asStaff);
    const measure = async (
      label: string,
      requests: autocannon.Request[],
      connections = LOAD.connections,
      pacing: Pick<autocannon.Options, 'connectionRate'> & { seconds?: number } = {},
    ) => {
      const before = await innoDbCounters(monitor);
      const databaseCpuBefore = cpuMilliseconds(databasePid);
      const figures = await measureLoad(
        `${label} (load ${loadAverageNow().toFixed(2)})`,
        lensLoop,
        { url: lensLoop.baseUrl, requests, connectionRate: pacing.connectionRate },
        { ...LOAD, connections, seconds: pacing.seconds ?? LOAD.seconds },
      );
      const databaseCpu = cpuMilliseconds(databasePid) - databaseCpuBefore;
      const after = await innoDbCounters(monitor);
      const perRequest = (counter: keyof InnoDbCounters) =>
        ((after[counter] - before[counter]) / Math.max(1, figures.succeeded)).toFixed(2);
      // Where a tail comes from: MariaDB's CPU, pages the buffer pool did not hold, fsyncs.
      print(
        `  per request: MariaDB CPU ${(databaseCpu / Math.max(1, figures.succeeded)).toFixed(2)} ms, ` +
          `${perRequest('poolReads')} pages read from disk, ${perRequest('fsyncs')} fsyncs; ` +
          `${after.freePages} pages free in the buffer pool`,
      );
      return figures;
    };

    const auditBefore = await scalar(monitor, 'SELECT COUNT(*) FROM audit_log');
    const lookup = await measure('lookup', lookupRequests);
    const audited = (await scalar(monitor, 'SELECT COUNT(*) FROM audit_log')) - auditBefore;
    print(`Audit rows written: ${audited} for ${lookup.succeeded} lookups answered`);
    // A Saturday at one store: four desks looking customers up at once (the p99 target is < 10 ms),
    // first flat out (each desk's next lookup the moment the last is answered: the three processes
    // saturate the two cores), then paced at DESK_LOOKUPS_PER_SECOND per desk, far above what people at
    // a desk can ask for, so that the latency is the lookup's own and not the machine's queue.
    const desks = await measure('lookup, 4 desks flat out', lookupRequests, 4);
    const pacedDesks = await measure(
      `lookup, 4 desks at ${DESK_LOOKUPS_PER_SECOND}/s each`,
      lookupRequests,
      4,
      {
        connectionRate: DESK_LOOKUPS_PER_SECOND,
        seconds: Math.max(LOAD.seconds, 20),
      },
    );
    const search = await measure(
      'search',
      randomRequest(dataset.members, (index) => `/api/v1/staff/customers?q=${phoneOf(index)}`, asStaff),
    );
    const rows: [string, LoadFigures][] = [
      ['lookup: latest prescription (decrypt + audit row)', lookup],
      ['lookup, 4 desks flat out (4 connections)', desks],
      [
        `lookup, 4 desks at ${DESK_LOOKUPS_PER_SECOND}/s each (${4 * DESK_LOOKUPS_PER_SECOND}/s in all)`,
        pacedDesks,
      ],
      ['search: customer by phone', search],
    ];
    if (dataset.orders > 0) {
      const orders = await measure(
        'my orders',
        randomRequest(
          dataset.members,
          () => '/api/v1/orders?page=1&pageSize=10',
          (index) => `Bearer ${signMemberToken(JWT_SECRET, memberIdOf(dataset, index))}`,
        ),
      );
      rows.push(['my orders: a member’s first page', orders]);
    }
    print();
    print(markdownReport(dataset, rows));

    const failures = rows.reduce((sum, [, figures]) => sum + figures.failures, 0);
    if (failures > 0) throw new Error(`${failures} requests failed or were not 2xx`);
    // Requests still in flight when autocannon stops (at most one per connection, in the warm-up and
    // in the measured run) are answered and audited but not counted by autocannon.
    if (audited < lookup.succeeded || audited > lookup.succeeded + 2 * LOAD.connections) {
      throw new Error(`${audited} audit rows for ${lookup.succeeded} lookups`);
    }
  });
}

void main();
