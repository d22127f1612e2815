/**
 * The staff desk's lookup as MariaDB sees it, without the server: its two statements (the profile's
 * latest prescription with the consent in force, then the audit row) sent straight from mysql2 on
 * a dataset kept by `bench:prescriptions`, three ways —
 *
 *   - text: both as plain queries, the audit row committed on its own (the server until 2026-12-02);
 *   - prepared: both as server-side prepared statements (`execute`);
 *   - prepared, committed together: the audit rows of concurrent lookups in one INSERT, one commit
 *     (the server's `AuditService.recordCommitted`, with its `GroupCommit`)
 *
 * — from 4 connections flat out, 4 paced at 25 lookups/s each, and 20 flat out. Prints per way and
 * load the lookups/s, p50 and p99 (ms), MariaDB's CPU time and fsyncs per lookup: what the database
 * itself gives on this machine, the floor under `bench:prescriptions`' figures.
 *
 *   BENCH_DATA_DIR=/var/tmp/ll-10m BENCH_BUFFER_POOL=14G BENCH_PREWARM=1 \
 *     pnpm --filter @lensloop/scripts bench:desk-statements
 *
 * BENCH_BUFFER_POOL, BENCH_LARGE_PAGES and BENCH_PREWARM as for `bench:prescriptions`; each
 * measurement is BENCH_SECONDS (8) after a BENCH_WARMUP_SECONDS (2) warm-up.
 */
import { randomInt } from 'node:crypto';
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import { GroupCommit } from '../../server/src/infra/database/group-commit';
import { insertSql, ROWS_PER_GROUP_COMMIT } from '../../server/src/modules/audit/audit-insert';
import { startThrowawayMariaDb } from '../../test/support/mariadb';
import {
  cpuMilliseconds,
  LOAD,
  log,
  loadAverageNow,
  median,
  POOL_SIZE,
  print,
  reserveHugePages,
  runBenchmark,
} from './bench-support';
import {
  innoDbCounters,
  keptDataset,
  memberIdOf,
  prewarmDeskTables,
  selfProfileIdOf,
  serverPidOf,
  type KeptDataset,
} from './chain-data';

const PACED_LOOKUPS_PER_SECOND = 25;

interface Way {
  name: string;
  select: (sql: string, parameters: unknown[]) => Promise<unknown>;
  audit: (row: unknown[]) => Promise<void>;
}

function waysOn(pool: Pool): Way[] {
  // The server's own statement and group size (AuditService).
  const together = new GroupCommit<unknown[]>(async (rows) => {
    await pool.execute(insertSql(rows.length), rows.flat() as never);
  }, ROWS_PER_GROUP_COMMIT);
  return [
    {
      name: 'text',
      select: (sql, parameters) => pool.query(sql, parameters),
      audit: async (row) => void (await pool.query(insertSql(1), row)),
    },
    {
      name: 'prepared',
      select: (sql, parameters) => pool.execute(sql, parameters as never),
      audit: async (row) => void (await pool.execute(insertSql(1), row as never)),
    },
    {
      name: 'prepared, committed together',
      select: (sql, parameters) => pool.execute(sql, parameters as never),
      audit: (row) => together.add(row),
    },
  ];
}

interface Figures {
  lookupsPerSecond: number;
  p50: number;
  p99: number;
  databaseCpuMs: number;
  fsyncs: number;
}

/** The 99th percentile of sorted `values`. */
function p99Of(sorted: number[]): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

async function main(): Promise<void> {
  await runBenchmark(async (onStop) => {
    const directory = process.env.BENCH_DATA_DIR;
    const dataset = keptDataset(directory);
    if (!dataset) {
      throw new Error('BENCH_DATA_DIR must name a dataset kept by bench:prescriptions (its dataset.json)');
    }
    const bufferPoolSize = process.env.BENCH_BUFFER_POOL;
    const largePages = process.env.BENCH_LARGE_PAGES === '1';
    if (largePages) reserveHugePages(bufferPoolSize ?? '512M', onStop);
    log(`Starting MariaDB on ${directory} (${dataset.members} members)…`);
    const database = await startThrowawayMariaDb({ keptDirectory: directory, bufferPoolSize, largePages });
    onStop(() => database.stop());
    const monitor = await createConnection(database.url);
    onStop(() => monitor.end());
    if (process.env.BENCH_PREWARM === '1') await prewarmDeskTables(monitor);
    const databasePid = await serverPidOf(monitor);
    const pool = createPool({ uri: database.url, connectionLimit: POOL_SIZE });
    onStop(() => pool.end());

    // The statement the server's PrescriptionsService sends (its columns from the table itself).
    const [[{ columns }]] = (await monitor.query(
      "SELECT GROUP_CONCAT(CONCAT('prescription.', column_name) ORDER BY ordinal_position) AS columns " +
        "FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'prescriptions'",
    )) as unknown as [[{ columns: string }]];
    const latestWithConsent =
      `SELECT ${columns}, (SELECT consent.granted FROM consents consent WHERE consent.member_id = ` +
      "prescription.member_id AND consent.kind = 'prescription_storage' ORDER BY consent.id DESC LIMIT 1) AS consented " +
      'FROM prescriptions prescription WHERE prescription.member_id = ? AND prescription.profile_id = ? ' +
      'ORDER BY prescription.exam_date DESC, prescription.id DESC LIMIT 1';

    const lookup = async (way: Way, data: KeptDataset) => {
      const index = randomInt(data.members);
      const memberId = memberIdOf(data, index);
      const profileId = selfProfileIdOf(data, index);
      const [rows] = (await way.select(latestWithConsent, [memberId, profileId])) as [{ id: number }[]];
      if (!rows[0]) throw new Error(`No prescription for member ${memberId}`);
      await way.audit(['prescription.read', 1, memberId, profileId, rows[0].id, 'bench', 'desk-statements']);
    };

    /** `connections` loops of lookups for `seconds`, each at most `perSecond` a second when given. */
    const drive = async (way: Way, connections: number, seconds: number, perSecond?: number) => {
      const latencies: number[] = [];
      const end = Date.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          let next = Date.now();
          while (Date.now() < end) {
            const started = process.hrtime.bigint();
            await lookup(way, dataset);
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (perSecond) {
              next += 1000 / perSecond;
              await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
            }
          }
        }),
      );
      return latencies;
    };

    const measure = async (way: Way, connections: number, perSecond?: number): Promise<Figures> => {
      await drive(way, connections, LOAD.warmUpSeconds, perSecond);
      const before = await innoDbCounters(monitor);
      const cpuBefore = cpuMilliseconds(databasePid);
      const latencies = (await drive(way, connections, LOAD.seconds, perSecond)).sort((a, b) => a - b);
      const cpu = cpuMilliseconds(databasePid) - cpuBefore;
      const after = await innoDbCounters(monitor);
      return {
        lookupsPerSecond: latencies.length / LOAD.seconds,
        p50: median(latencies),
        p99: p99Of(latencies),
        databaseCpuMs: cpu / latencies.length,
        fsyncs: (after.fsyncs - before.fsyncs) / latencies.length,
      };
    };

    const loads: [string, number, number | undefined][] = [
      ['4 flat out', 4, undefined],
      [`4 at ${PACED_LOOKUPS_PER_SECOND}/s each`, 4, PACED_LOOKUPS_PER_SECOND],
      ['20 flat out', 20, undefined],
    ];
    const rows: string[] = [];
    for (const [loadName, connections, perSecond] of loads) {
      for (const way of waysOn(pool)) {
        const label = `${loadName}, ${way.name}`;
        const loadAverage = loadAverageNow();
        const figures = await measure(way, connections, perSecond);
        print(
          `${label} (load ${loadAverage.toFixed(2)}): ${figures.lookupsPerSecond.toFixed(0)} lookups/s, ` +
            `p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms; per lookup MariaDB CPU ` +
            `${figures.databaseCpuMs.toFixed(2)} ms, ${figures.fsyncs.toFixed(2)} fsyncs`,
        );
        rows.push(
          `| ${label} | ${figures.lookupsPerSecond.toFixed(0)} | ${figures.p50.toFixed(1)} | ` +
            `${figures.p99.toFixed(1)} | ${figures.databaseCpuMs.toFixed(2)} | ${figures.fsyncs.toFixed(2)} |`,
        );
      }
    }
    print();
    print(
      `${dataset.members} members, ${dataset.prescriptions} prescriptions; buffer pool ${bufferPoolSize ?? '512M'}` +
        `${largePages ? ' in huge pages' : ''}; ${LOAD.seconds} s after a ${LOAD.warmUpSeconds} s warm-up.`,
    );
    print();
    print(
      '| Connections, way | Lookups/s | p50 (ms) | p99 (ms) | MariaDB CPU per lookup (ms) | fsyncs per lookup |',
    );
    print(
      '| ---------------- | --------: | -------: | -------: | --------------------------: | ----------------: |',
    );
    for (const row of rows) print(row);
  });
}

void main();
