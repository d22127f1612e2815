import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Connection } from 'mysql2/promise';
import { Factory, type MemberFixture } from '../support/factories';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import { startTestServer, type TestServer } from '../support/test-server';

const run = promisify(execFile);
const BACKUP = resolve(__dirname, '../../scripts/ops/backup.sh');
const RESTORE = resolve(__dirname, '../../scripts/ops/restore.sh');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type Checksums = Record<string, { rows: number; checksum: string }>;

/**
 * Row count and an order-independent checksum of every row of every table: the sum of the first
 * 60 bits of the MD5 of each row's columns (hex, NULL marked). Run inside a transaction it sees
 * that transaction's snapshot.
 */
async function tableChecksums(connection: Connection, schema: string): Promise<Checksums> {
  const [tables] = (await connection.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
    [schema],
  )) as unknown as [{ name: string }[]];
  const result: Checksums = {};
  for (const { name } of tables) {
    const [columns] = (await connection.query(
      'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
      [schema, name],
    )) as unknown as [{ name: string }[]];
    const row = columns.map((column) => `IFNULL(HEX(\`${column.name}\`), 'NULL')`).join(', ');
    const [[sums]] = (await connection.query(
      `SELECT COUNT(*) AS n, CAST(COALESCE(SUM(CONV(LEFT(MD5(CONCAT_WS('|', ${row})), 15), 16, 10)), 0) AS CHAR) AS s FROM \`${schema}\`.\`${name}\``,
    )) as unknown as [{ n: number | string; s: string }[]];
    result[name] = { rows: Number(sums.n), checksum: sums.s };
  }
  return result;
}

/**
 * docs/operations.md "Backups" and "Restoring a backup": scripts/ops/backup.sh dumps the live
 * database (mariadb-dump --single-transaction) while the API keeps placing orders, restore.sh loads
 * it into a new MariaDB, and every table there has the rows and checksum the source had at the
 * dump's snapshot. The source runs on a MariaDB of its own: pinning the dump's snapshot takes a
 * global read lock for a moment, which must not stall the other suites.
 */
describe('backup and restore (mariadb-dump of a live database, restored into a new MariaDB)', () => {
  let source: ThrowawayMariaDb;
  let target: ThrowawayMariaDb | undefined;
  let server: TestServer;
  let alice: MemberFixture;
  let storeId: number;
  let skuId: number;
  let directory: string;
  let schema: string;
  let backupUrl: string;

  beforeAll(async () => {
    source = await startThrowawayMariaDb();
    server = await startTestServer({ mariadbUrl: source.url });
    const factory = new Factory(server);
    storeId = (await factory.store()).id;
    skuId = (await factory.sku('contacts', { storeId, quantity: 100_000, price: 1_000 })).id;
    alice = await factory.member();
    schema = new URL(server.config.database.url as string).pathname.slice(1);
    // The runbook's backup account: read-only, on the one database.
    const admin = await createConnection(source.url);
    await admin.query("CREATE USER 'lensloop_backup'@'%' IDENTIFIED BY 'back:up@pw'");
    await admin.query(`GRANT SELECT, SHOW VIEW ON \`${schema}\`.* TO 'lensloop_backup'@'%'`);
    await admin.end();
    backupUrl = `mysql://lensloop_backup:${encodeURIComponent('back:up@pw')}@127.0.0.1:${source.port}/${schema}`;
    directory = await mkdtemp(join(tmpdir(), 'lensloop-backup-'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await source?.stop();
    await target?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  async function placeOrder(): Promise<number> {
    const response = await fetch(`${server.baseUrl}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: alice.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ storeId, fulfilment: 'pickup', items: [{ skuId, quantity: 1 }] }),
    });
    return response.status;
  }

  async function orderCount(connection: Connection): Promise<number> {
    const [[row]] = (await connection.query('SELECT COUNT(*) AS n FROM orders')) as unknown as [
      { n: number | string }[],
    ];
    return Number(row.n);
  }

  it('should restore exactly the tables of the dump’s snapshot while orders keep coming in', async () => {
    // Customers keep ordering before, during and after the dump.
    let stopping = false;
    const statuses: number[] = [];
    const load = Array.from({ length: 4 }, async () => {
      while (!stopping) statuses.push(await placeOrder());
    });
    while (statuses.length < 20) await sleep(20);

    const file = join(directory, 'lensloop.sql.gz');
    let atSnapshot: Checksums = {};
    let ordersAtSnapshot = 0;
    try {
      // Pin the dump's snapshot: under a global read lock (no commit can happen) the dump starts its
      // transaction and this test starts one too, so both see the same committed state. The general
      // log shows when the dump has sent the statement after its START TRANSACTION.
      const gate = await createConnection(source.url);
      await gate.query("SET GLOBAL log_output = 'TABLE', GLOBAL general_log = 1");
      const snapshot = await createConnection(server.config.database.url as string);
      await gate.query('FLUSH TABLES WITH READ LOCK');
      let backup: Promise<{ stdout: string }>;
      try {
        backup = run(BACKUP, [file], { env: { PATH: process.env.PATH, DB_URL: backupUrl }, timeout: 60_000 });
        backup.catch(() => undefined);
        const deadline = Date.now() + 20_000;
        for (;;) {
          const [rows] = (await gate.query(
            `SELECT COUNT(*) AS n FROM mysql.general_log started JOIN mysql.general_log next
               ON next.thread_id = started.thread_id AND next.event_time >= started.event_time
             WHERE started.user_host LIKE 'lensloop\\_backup%' AND started.argument LIKE 'START TRANSACTION%'
               AND next.argument = 'UNLOCK TABLES'`,
          )) as unknown as [{ n: number | string }[]];
          if (Number(rows[0].n) > 0) break;
          if (Date.now() > deadline) throw new Error('the dump did not start its transaction');
          await sleep(5);
        }
        await snapshot.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await snapshot.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
      } finally {
        await gate.query('UNLOCK TABLES');
        await gate.query('SET GLOBAL general_log = 0');
        await gate.end();
      }
      atSnapshot = await tableChecksums(snapshot, schema);
      ordersAtSnapshot = await orderCount(snapshot);
      await snapshot.query('COMMIT');
      const done = await backup;
      expect(done.stdout).toContain(`backup: ${file} (`);
      expect((await stat(file)).size).toBeGreaterThan(1_000);
      // Orders placed after the snapshot, while the dump ran or later, are not in it.
      const placedAfter = statuses.length;
      while (statuses.length < placedAfter + 20) await sleep(20);
      stopping = true;
      await Promise.all(load);
      expect(statuses.filter((status) => status !== 201)).toEqual([]);
      expect(ordersAtSnapshot).toBeGreaterThanOrEqual(20);
      expect(await orderCount(snapshot)).toBeGreaterThan(ordersAtSnapshot);
      await snapshot.end();
    } finally {
      stopping = true;
      await Promise.all(load);
    }

    // Restore into a new MariaDB server.
    target = await startThrowawayMariaDb();
    const restored = await run(RESTORE, [file], {
      env: { PATH: process.env.PATH, DB_URL: target.url },
      timeout: 60_000,
    });
    expect(restored.stdout).toContain(`into lensloop (${Object.keys(atSnapshot).length} tables)`);
    const check = await createConnection(target.url);
    try {
      const afterRestore = await tableChecksums(check, 'lensloop');
      expect(Object.keys(afterRestore)).toEqual(Object.keys(atSnapshot));
      expect(afterRestore).toEqual(atSnapshot);
      expect(afterRestore.orders.rows).toBe(ordersAtSnapshot);
      expect(afterRestore.migrations.rows).toBeGreaterThan(0);
    } finally {
      await check.end();
    }

    // A restore never lands on a database that has tables.
    await expect(
      run(RESTORE, [file], { env: { PATH: process.env.PATH, DB_URL: target.url } }),
    ).rejects.toMatchObject({ code: 65 });
  });
});
