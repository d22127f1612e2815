/**
 * Bytes per row of the big tables, for the capacity plan in docs/operations.md: a generated fitting
 * history (BENCH_MEMBERS members, default 100,000, with their consents, profiles and prescriptions,
 * as the desk benchmark generates them), real orders, outbox events and audit rows written through
 * the API (BENCH_SAMPLE of each, default 300), those rows then copied inside MariaDB until each table
 * holds about BENCH_MEMBERS rows, and finally `ANALYZE TABLE` and information_schema.TABLES:
 * data and index bytes per row.
 *
 *   pnpm --filter @lensloop/scripts bench:table-sizes
 *   BENCH_MEMBERS=20000 pnpm --filter @lensloop/scripts bench:table-sizes   # quick
 *
 * The copies keep every column of the API's rows (only `orders.no`, which is unique, is renumbered),
 * so rows and index entries are as wide as the real ones. InnoDB's figures are page-granular: at
 * 100,000 rows they are within a few per cent.
 */
import { randomBytes } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { loadConfig } from '../../server/src/infra/config/app-config';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import {
  benchOrderLines,
  callApi,
  log,
  loginMember,
  print,
  runBenchmark,
  startDatabaseAndLensLoop,
} from './bench-support';
import { generateChainData, memberIdOf, selfProfileIdOf } from './chain-data';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 300);
/** Tables copied from the API's rows until they hold about MEMBERS rows. */
const COPIED = ['orders', 'order_items', 'order_events', 'outbox_events', 'audit_log'];
const REPORTED = ['members', 'profiles', 'prescriptions', 'consents', ...COPIED];

async function rowCount(connection: Connection, table: string): Promise<number> {
  const [rows] = await connection.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as { n: number }[])[0].n);
}

/** Doubles `table` (at most up to `target` rows) by copying its rows; `orders.no` gets fresh numbers. */
async function copyUntil(connection: Connection, table: string, target: number): Promise<void> {
  const [columnRows] = await connection.query(
    `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION`,
    [table],
  );
  const columns = (columnRows as { name: string }[]).map((row) => `\`${row.name}\``);
  const selected = columns.map((column) =>
    // `LL` + 18 digits like the real numbers, unique: the copy's row number after the highest id.
    table === 'orders' && column === '`no`' ? "CONCAT('LL', LPAD(@copy := @copy + 1, 18, '0'))" : column,
  );
  for (let rows = await rowCount(connection, table); rows > 0 && rows < target;) {
    await connection.query('SET @copy = (SELECT COALESCE(MAX(id), 0) FROM orders) * 1000');
    await connection.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${selected.join(', ')} FROM ${table} ORDER BY id LIMIT ?`,
      [Math.min(rows, target - rows)],
    );
    rows = await rowCount(connection, table);
  }
}

async function main(): Promise<void> {
  await runBenchmark(async (onStop) => {
    const prescriptionKeys = `bench:${randomBytes(32).toString('base64')}`;
    const { database, lensLoop } = await startDatabaseAndLensLoop(onStop, {
      PRESCRIPTION_KEYS: prescriptionKeys,
    });
    log(`Generating ${MEMBERS} members and their prescriptions…`);
    const keys = loadConfig({ NODE_ENV: 'test', PRESCRIPTION_KEYS: prescriptionKeys }).prescriptionKeys;
    // No generated orders: the orders measured are the ones written through the API below.
    const data = await generateChainData(database.url, MEMBERS, 0, keys);

    log(`Writing ${SAMPLE} orders and ${SAMPLE} prescription lookups through the API…`);
    const staff = await callApi(lensLoop, 'POST', '/api/v1/auth/staff/login', null, {
      username: 'optometrist1',
      password: DEMO_STAFF_PASSWORD,
    });
    const staffToken = staff.token as string;
    const connection = await createConnection(database.url);
    try {
      const [[store]] = (await connection.query('SELECT store_id AS id FROM staff WHERE username = ?', [
        'optometrist1',
      ])) as unknown as [{ id: number }[]];
      const lines = await benchOrderLines(database.url, store.id);
      const customers = await Promise.all(
        Array.from({ length: 20 }, (_, index) => loginMember(lensLoop, `sizes-${index}`)),
      );
      for (let index = 0; index < SAMPLE; index++) {
        const customer = customers[index % customers.length];
        const order = await callApi(lensLoop, 'POST', '/api/v1/orders', customer.token, lines);
        // Every other order paid (its payment, events and outbox rows), as most orders are.
        if (index % 2 === 0)
          await callApi(
            lensLoop,
            'POST',
            `/api/v1/dev/payments/${order.id as number}/succeed`,
            customer.token,
          );
        await callApi(
          lensLoop,
          'GET',
          `/api/v1/staff/customers/${memberIdOf(data, index)}/prescriptions/latest?profileId=${selfProfileIdOf(data, index)}`,
          staffToken,
        );
      }
      await callApi(lensLoop, 'POST', '/api/v1/dev/jobs/outbox/run');

      log(`Copying the API's rows until each table holds about ${MEMBERS} rows…`);
      await connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
      for (const table of COPIED) await copyUntil(connection, table, MEMBERS);
      for (const table of REPORTED) await connection.query(`ANALYZE TABLE ${table}`);

      const [sizes] = await connection.query(
        `SELECT TABLE_NAME AS name, DATA_LENGTH AS data, INDEX_LENGTH AS indexes FROM information_schema.TABLES
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)`,
        [REPORTED],
      );
      print();
      const [[version]] = (await connection.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
      print(`Bytes per row, MariaDB ${version.v}, InnoDB (16 KB pages, utf8mb4), after ANALYZE TABLE:`);
      print();
      print('| Table | Rows | Data (MB) | Indexes (MB) | Data B/row | Index B/row | Total B/row |');
      print('| ----- | ---: | --------: | -----------: | ---------: | ----------: | ----------: |');
      for (const table of REPORTED) {
        const row = (sizes as { name: string; data: number; indexes: number }[]).find(
          (candidate) => candidate.name === table,
        );
        if (!row) continue;
        const rows = await rowCount(connection, table);
        const [dataBytes, indexBytes] = [Number(row.data), Number(row.indexes)];
        print(
          `| ${table} | ${rows} | ${(dataBytes / 1e6).toFixed(1)} | ${(indexBytes / 1e6).toFixed(1)} | ${Math.round(dataBytes / rows)} | ${Math.round(indexBytes / rows)} | ${Math.round((dataBytes + indexBytes) / rows)} |`,
        );
      }
    } finally {
      await connection.end();
    }
  });
}

void main();
