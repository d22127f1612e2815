/**
 * Generates a chain-sized dataset straight into a migrated MariaDB, in minutes even at 10M members:
 * `members` members, each with their own profile, prescription consent and one exam, every third
 * one with a child profile holding three exams six months apart (about two prescriptions per
 * member), and `ordersPerMember` completed orders of one line each.
 *
 * Everything that needs no secret is generated inside MariaDB (`INSERT … SELECT` from the sequence
 * engine, a million rows per statement). Prescription values are sealed by this process exactly as
 * the server seals them (AES-256-GCM bound to member and profile), so every lookup really decrypts;
 * they go in multi-row INSERTs while the next batch is sealed, by two child processes on a large dataset. The tables'
 * secondary indexes are dropped for the load and rebuilt after it by sorting.
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { prescriptionExpiry, type PrescriptionInput } from '@lensloop/shared';
import type { AppConfig } from '../../server/src/infra/config/app-config';
import { SealedBox } from '../../server/src/infra/crypto/sealed-box';
import { sealPrescriptionValues } from '../../server/src/modules/prescriptions/prescription-values';
import { log } from './bench-support';

/** Rows per server-side `INSERT … SELECT` (one transaction each). */
const ROWS_PER_STATEMENT = 1_000_000;
/** Members whose prescriptions go in one multi-row INSERT (about 2,700 rows). */
const MEMBERS_PER_INSERT = 2_000;
/** Child processes sealing prescriptions at once, from this many members on. */
const SEALERS = 2;
const PARALLEL_SEALING_FROM = 200_000;
const CHILD_EXAM_MONTHS = [0, 6, 12];
const GENERATED_TABLES = ['members', 'consents', 'profiles', 'prescriptions', 'orders', 'order_items'];

/** Where the i-th generated member's rows are: ids follow from the index (0-based). */
export interface ChainData {
  members: number;
  prescriptions: number;
  orders: number;
  memberBase: number;
  profileBase: number;
  seconds: number;
}

/** A dataset kept in a directory (`BENCH_DATA_DIR`): its figures and the key its values are sealed with. */
export interface KeptDataset extends ChainData {
  prescriptionKeys: string;
}

/** The dataset kept in `directory`, if it holds one. */
export function keptDataset(directory: string | undefined): KeptDataset | undefined {
  if (!directory || !existsSync(join(directory, 'dataset.json'))) return undefined;
  return JSON.parse(readFileSync(join(directory, 'dataset.json'), 'utf8')) as KeptDataset;
}

export function memberIdOf(data: ChainData, index: number): number {
  return data.memberBase + index + 1;
}

export function selfProfileIdOf(data: ChainData, index: number): number {
  return data.profileBase + index + 1;
}

function childProfileIdOf(data: Pick<ChainData, 'members' | 'profileBase'>, index: number): number {
  return data.profileBase + data.members + Math.floor(index / 3) + 1;
}

export function phoneOf(index: number): string {
  return `13${String(index).padStart(9, '0')}`;
}

// Spread exams over 2024-2026 deterministically; day ≤ 28 keeps every month valid.
function examDate(index: number, monthsLater = 0): string {
  const month = (index % 24) + monthsLater;
  return `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
}

function exam(date: string, sphere: number): PrescriptionInput {
  return {
    kind: 'distance',
    examDate: date,
    od: { sphere, cylinder: -50, axis: 180 },
    os: { sphere: sphere + 25, cylinder: 0 },
    pd: { binocular: 620 },
  };
}

/** The first column of the first row of `sql`'s answer, as a number. */
export async function scalar(connection: Connection, sql: string): Promise<number> {
  const [rows] = await connection.query(sql);
  return Number(Object.values((rows as Record<string, unknown>[])[0])[0]);
}

/**
 * Reads the tables and indexes the desk lookup touches into the buffer pool, as on a database that
 * has been serving for a while (MariaDB also restores its pool's pages after a restart). Each
 * statement scans one of them in full: the clustered rows, or a covering secondary index.
 */
export async function prewarmDeskTables(connection: Connection): Promise<void> {
  const started = Date.now();
  // A page read once by a scan goes to the cold end of InnoDB's LRU list and is evicted by the
  // scan's next pages; with no grace period the scan's pages stay, as a page in use would.
  const oldBlocksTime = await scalar(connection, 'SELECT @@innodb_old_blocks_time');
  await connection.query('SET GLOBAL innodb_old_blocks_time = 0');
  try {
    for (const sql of [
      // The largest first: should the pool not hold it all, the small tables every lookup reads stay.
      'SELECT SUM(LENGTH(sealed_values)) FROM prescriptions',
      'SELECT COUNT(*) FROM prescriptions FORCE INDEX (IDX_d95d59fc1888e58357e8c6b78d)',
      'SELECT SUM(granted) FROM consents',
      'SELECT COUNT(*) FROM consents FORCE INDEX (IDX_94c11a281dc3a80f67046f8fd7)',
      'SELECT SUM(member_id) FROM profiles',
    ]) {
      await connection.query(sql);
    }
  } finally {
    await connection.query('SET GLOBAL innodb_old_blocks_time = ?', [oldBlocksTime]);
  }
  log(`Buffer pool warmed with profiles, consents and prescriptions in ${(Date.now() - started) / 1000} s`);
}

/** The process id of the MariaDB server behind `connection` (on this machine), for its CPU time. */
export async function serverPidOf(connection: Connection): Promise<number> {
  const [[{ pidFile }]] = (await connection.query('SELECT @@pid_file AS pidFile')) as unknown as [
    [{ pidFile: string }],
  ];
  return Number(readFileSync(pidFile, 'utf8').trim());
}

export interface InnoDbCounters {
  poolReads: number;
  fsyncs: number;
  freePages: number;
}

export async function innoDbCounters(connection: Connection): Promise<InnoDbCounters> {
  const [rows] = await connection.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_reads', 'Innodb_data_fsyncs', 'Innodb_buffer_pool_pages_free')",
  );
  const value = (name: string) =>
    Number(
      (rows as { Variable_name: string; Value: string }[]).find((row) => row.Variable_name === name)?.Value,
    );
  return {
    poolReads: value('Innodb_buffer_pool_reads'),
    fsyncs: value('Innodb_data_fsyncs'),
    freePages: value('Innodb_buffer_pool_pages_free'),
  };
}

/** Runs `statement(from, to)` over [0, count) in ranges of ROWS_PER_STATEMENT. */
async function inRanges(
  connection: Connection,
  count: number,
  statement: (from: number, to: number) => string,
): Promise<void> {
  for (let from = 0; from < count; from += ROWS_PER_STATEMENT) {
    await connection.query(statement(from, Math.min(from + ROWS_PER_STATEMENT, count) - 1));
  }
}

interface SecondaryIndex {
  table: string;
  name: string;
  unique: boolean;
  columns: string[];
}

/**
 * The secondary indexes of `tables` that no foreign key needs. A bulk load runs faster into a table
 * without them, and InnoDB then builds each index by sorting (much faster than row by row).
 */
async function droppableIndexes(connection: Connection, tables: string[]): Promise<SecondaryIndex[]> {
  const [indexRows] = await connection.query(
    `SELECT TABLE_NAME AS tableName, INDEX_NAME AS name, NON_UNIQUE AS nonUnique,
            GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS columns
       FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?) AND INDEX_NAME <> 'PRIMARY'
      GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE`,
    [tables],
  );
  const [foreignKeyRows] = await connection.query(
    `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS tableColumn FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?) AND REFERENCED_TABLE_NAME IS NOT NULL`,
    [tables],
  );
  const foreignKeys = new Set((foreignKeyRows as { tableColumn: string }[]).map((row) => row.tableColumn));
  return (indexRows as { tableName: string; name: string; nonUnique: number; columns: string }[])
    .map((row) => ({
      table: row.tableName,
      name: row.name,
      unique: Number(row.nonUnique) === 0,
      columns: row.columns.split(','),
    }))
    .filter((index) => !foreignKeys.has(`${index.table}.${index.columns[0]}`));
}

/** Runs `load` with the tables' droppable secondary indexes dropped, then builds them again. */
async function withoutSecondaryIndexes<T>(
  connection: Connection,
  tables: string[],
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await droppableIndexes(connection, tables);
  const alterEach = async (clause: (index: SecondaryIndex) => string) => {
    for (const table of tables) {
      const clauses = indexes.filter((index) => index.table === table).map(clause);
      if (clauses.length > 0) await connection.query(`ALTER TABLE ${table} ${clauses.join(', ')}`);
    }
  };
  await alterEach((index) => `DROP INDEX \`${index.name}\``);
  const loaded = await load();
  await alterEach(
    (index) =>
      `ADD ${index.unique ? 'UNIQUE ' : ''}INDEX \`${index.name}\` (${index.columns.map((column) => `\`${column}\``).join(', ')})`,
  );
  return loaded;
}

interface Examiner {
  id: number;
  storeId: number;
}

/** Prescription rows of members [from, to), sealed as the server seals them. */
function prescriptionRows(
  data: Pick<ChainData, 'members' | 'memberBase' | 'profileBase'>,
  box: SealedBox,
  examiners: Examiner[],
  from: number,
  to: number,
): unknown[][] {
  const rows: unknown[][] = [];
  for (let index = from; index < to; index++) {
    const examiner = examiners[index % examiners.length];
    const memberId = data.memberBase + index + 1;
    const family = [
      {
        profileId: data.profileBase + index + 1,
        birthDate: '1985-06-15',
        exams: [exam(examDate(index), -(index % 25) * 25)],
      },
    ];
    if (index % 3 === 0) {
      family.push({
        profileId: childProfileIdOf(data, index),
        birthDate: '2016-03-01',
        exams: CHILD_EXAM_MONTHS.map((months, step) => exam(examDate(index, months), -100 - step * 50)),
      });
    }
    for (const { profileId, birthDate, exams } of family) {
      for (const input of exams) {
        const values = { od: input.od, os: input.os, pd: input.pd ?? null, lensType: null, notes: '' };
        rows.push([
          memberId,
          profileId,
          input.kind,
          'in_store',
          examiner.storeId,
          examiner.id,
          input.examDate,
          prescriptionExpiry(input.examDate, birthDate),
          sealPrescriptionValues(box, { memberId, profileId }, values),
        ]);
      }
    }
  }
  return rows;
}

/** What a generation step works with: two connections set for a bulk load, and the examiners. */
interface BulkLoad {
  connections: Connection[];
  examiners: Examiner[];
  /** SQL joining the examiner (owner) and store of the member at `index`: slot index mod their count. */
  examinerOf: (index: string) => string;
  /** Seconds since the load started, for the progress lines. */
  seconds: () => string;
}

/** Runs `load` with `tables`' droppable secondary indexes dropped, then rebuilds and analyzes them. */
async function bulkLoad<T>(
  databaseUrl: string,
  tables: string[],
  load: (bulk: BulkLoad) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  const connections = await Promise.all([createConnection(databaseUrl), createConnection(databaseUrl)]);
  const [first] = connections;
  try {
    for (const connection of connections) {
      // A bulk load into tables the server is not using yet: skip the per-row checks.
      await connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    }
    const [staffRows] = await first.query(
      "SELECT id, store_id AS storeId FROM staff WHERE role = 'optometrist' ORDER BY id",
    );
    const examiners = staffRows as Examiner[];
    await first.query(
      'CREATE TEMPORARY TABLE bench_examiners (slot INT PRIMARY KEY, staff_id INT, store_id INT)',
    );
    await first.query('INSERT INTO bench_examiners VALUES ?', [
      examiners.map((examiner, slot) => [slot, examiner.id, examiner.storeId]),
    ]);
    const examinerOf = (index: string) =>
      `JOIN bench_examiners e ON e.slot = ${index} MOD ${examiners.length}`;
    const result = await withoutSecondaryIndexes(first, tables, () =>
      load({ connections, examiners, examinerOf, seconds }),
    );
    log(`  indexes built (${seconds()} s)`);
    await first.query(`ANALYZE TABLE ${tables.join(', ')}`);
    return result;
  } finally {
    await Promise.all(connections.map((connection) => connection.end()));
  }
}

export async function generateChainData(
  databaseUrl: string,
  members: number,
  ordersPerMember: number,
  keys: AppConfig['prescriptionKeys'],
): Promise<ChainData> {
  const started = Date.now();
  const data = await bulkLoad(databaseUrl, GENERATED_TABLES, async (bulk) => {
    const [first] = bulk.connections;
    const data: ChainData = {
      members,
      prescriptions: 0,
      orders: 0,
      memberBase: await scalar(first, 'SELECT COALESCE(MAX(id), 0) FROM members'),
      profileBase: await scalar(first, 'SELECT COALESCE(MAX(id), 0) FROM profiles'),
      seconds: 0,
    };
    const profiles = await generateMembers(first, data, bulk.examinerOf);
    log(`  ${members} members, consents and ${profiles} profiles (${bulk.seconds()} s)`);
    data.orders = await generateOrders(first, data, ordersPerMember, bulk.examinerOf);
    log(`  ${data.orders} orders with one line each (${bulk.seconds()} s)`);
    data.prescriptions = await generatePrescriptions(databaseUrl, bulk, data, keys);
    log(`  ${data.prescriptions} prescriptions (${bulk.seconds()} s)`);
    return data;
  });
  return { ...data, seconds: (Date.now() - started) / 1000 };
}

/**
 * Grows a kept dataset to `ordersPerMember` orders per member (issue 14's 50M orders on the 10M
 * members), adding orders only; one that has as many already comes back as it is.
 */
export async function addOrders(
  databaseUrl: string,
  data: ChainData,
  ordersPerMember: number,
): Promise<ChainData> {
  const more = ordersPerMember - data.orders / data.members;
  if (!Number.isInteger(more) || more <= 0) return data;
  log(`Adding orders up to ${ordersPerMember} per member…`);
  const started = Date.now();
  const added = await bulkLoad(databaseUrl, ['orders', 'order_items'], async (bulk) => {
    const count = await generateOrders(bulk.connections[0], data, more, bulk.examinerOf);
    log(`  ${count} more orders with one line each (${bulk.seconds()} s)`);
    return count;
  });
  return { ...data, orders: data.orders + added, seconds: data.seconds + (Date.now() - started) / 1000 };
}

/**
 * A kept dataset's prescriptions generated again, sealed as the server seals them now (after the
 * stored form changed). The demo's own prescriptions are kept: the generated ones are dropped with
 * the table, which is recreated holding only the demo's.
 */
export async function regeneratePrescriptions(
  databaseUrl: string,
  data: ChainData,
  keys: AppConfig['prescriptionKeys'],
): Promise<ChainData> {
  const started = Date.now();
  const connection = await createConnection(databaseUrl);
  try {
    await connection.query('CREATE TABLE prescriptions_kept LIKE prescriptions');
    await connection.query(
      `INSERT INTO prescriptions_kept SELECT * FROM prescriptions WHERE member_id <= ${data.memberBase}`,
    );
    await connection.query('DROP TABLE prescriptions');
    await connection.query('RENAME TABLE prescriptions_kept TO prescriptions');
  } finally {
    await connection.end();
  }
  const prescriptions = await bulkLoad(databaseUrl, ['prescriptions'], async (bulk) => {
    const count = await generatePrescriptions(databaseUrl, bulk, data, keys);
    log(`  ${count} prescriptions sealed again (${bulk.seconds()} s)`);
    return count;
  });
  return { ...data, prescriptions, seconds: data.seconds + (Date.now() - started) / 1000 };
}

/** Members with their consent, own profile and (every third) a child's profile; answers the profiles. */
async function generateMembers(
  connection: Connection,
  data: ChainData,
  examinerOf: (index: string) => string,
): Promise<number> {
  const { members } = data;
  await inRanges(
    connection,
    members,
    (from, to) =>
      'INSERT INTO members (id, openid, nickname, phone, member_code, owner_staff_id, home_store_id) ' +
      `SELECT ${data.memberBase} + seq + 1, CONCAT('bench-', seq), CONCAT('会员', seq), ` +
      `CONCAT('13', LPAD(seq, 9, '0')), 200000000000 + seq, e.staff_id, e.store_id ` +
      `FROM seq_${from}_to_${to} ${examinerOf('seq')}`,
  );
  await inRanges(
    connection,
    members,
    (from, to) =>
      'INSERT INTO consents (member_id, kind, granted, policy_version) ' +
      `SELECT ${data.memberBase} + seq + 1, 'prescription_storage', 1, '2026-11' FROM seq_${from}_to_${to}`,
  );
  await inRanges(
    connection,
    members,
    (from, to) =>
      'INSERT INTO profiles (id, member_id, name, relation, birth_date) ' +
      `SELECT ${data.profileBase} + seq + 1, ${data.memberBase} + seq + 1, '', 'self', '1985-06-15' ` +
      `FROM seq_${from}_to_${to}`,
  );
  const children = Math.ceil(members / 3);
  await inRanges(
    connection,
    children,
    (from, to) =>
      'INSERT INTO profiles (id, member_id, name, relation, birth_date) ' +
      `SELECT ${data.profileBase + members} + seq + 1, ${data.memberBase} + seq * 3 + 1, '', 'child', ` +
      `'2016-03-01' FROM seq_${from}_to_${to}`,
  );
  return members + children;
}

/**
 * Prescriptions of members [from, to) in multi-row INSERTs of `MEMBERS_PER_INSERT` members over
 * `connections`: one inserts while this process seals the next batch.
 */
async function insertPrescriptions(
  connections: Connection[],
  job: Omit<SealerJob, 'databaseUrl' | 'keys'>,
  box: SealedBox,
): Promise<number> {
  let inserted = 0;
  const inFlight: Promise<unknown>[] = [];
  for (let from = job.from, batch = 0; from < job.to; from += MEMBERS_PER_INSERT, batch++) {
    const rows = prescriptionRows(
      job.data,
      box,
      job.examiners,
      from,
      Math.min(from + MEMBERS_PER_INSERT, job.to),
    );
    const slot = batch % connections.length;
    await inFlight[slot];
    inFlight[slot] = connections[slot].query(
      'INSERT INTO prescriptions (member_id, profile_id, kind, source, store_id, examiner_staff_id, ' +
        'exam_date, expires_at, sealed_values) VALUES ?',
      [rows],
    );
    inserted += rows.length;
  }
  await Promise.all(inFlight);
  return inserted;
}

/** What a sealer process is given (keys base64-encoded). */
interface SealerJob {
  databaseUrl: string;
  keys: { activeKeyId: string; keys: Record<string, string> };
  data: Pick<ChainData, 'members' | 'memberBase' | 'profileBase'>;
  examiners: Examiner[];
  from: number;
  to: number;
}

/**
 * Every member's prescriptions. Sealing (one AES-GCM cipher per row) is what costs, so a large
 * dataset is split between `SEALERS` child processes running this file, each with one connection.
 */
async function generatePrescriptions(
  databaseUrl: string,
  { connections, examiners }: BulkLoad,
  data: ChainData,
  keys: AppConfig['prescriptionKeys'],
): Promise<number> {
  if (data.members < PARALLEL_SEALING_FROM) {
    return insertPrescriptions(
      connections,
      { data, examiners, from: 0, to: data.members },
      new SealedBox(keys),
    );
  }
  const encodedKeys = {
    activeKeyId: keys.activeKeyId,
    keys: Object.fromEntries(Object.entries(keys.keys).map(([id, key]) => [id, key.toString('base64')])),
  };
  const share = Math.ceil(data.members / SEALERS);
  const counts = await Promise.all(
    Array.from({ length: SEALERS }, (_, sealer) => {
      const job: SealerJob = {
        databaseUrl,
        keys: encodedKeys,
        data: { members: data.members, memberBase: data.memberBase, profileBase: data.profileBase },
        examiners,
        from: sealer * share,
        to: Math.min((sealer + 1) * share, data.members),
      };
      return new Promise<number>((resolve, reject) => {
        const child = fork(__filename, [], {
          env: { ...process.env, CHAIN_DATA_SEALER: JSON.stringify(job) },
        });
        let inserted: number | undefined;
        child.once('message', (count) => (inserted = Number(count)));
        child.once('exit', (code) =>
          code === 0 && inserted !== undefined
            ? resolve(inserted)
            : reject(new Error(`Sealer exited with ${code}`)),
        );
      });
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** The body of a sealer process (see `generatePrescriptions`). */
async function runSealer(job: SealerJob): Promise<void> {
  const keys = {
    activeKeyId: job.keys.activeKeyId,
    keys: Object.fromEntries(
      Object.entries(job.keys.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')]),
    ),
  };
  const connection = await createConnection(job.databaseUrl);
  try {
    await connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    const inserted = await insertPrescriptions([connection], job, new SealedBox(keys));
    await new Promise<void>((resolve) => process.send?.(inserted, () => resolve()));
  } finally {
    await connection.end();
  }
}

if (process.env.CHAIN_DATA_SEALER) {
  runSealer(JSON.parse(process.env.CHAIN_DATA_SEALER) as SealerJob).catch((error: unknown) => {
    log(`Sealer failed: ${String(error)}`);
    process.exitCode = 1;
  });
}

/**
 * `ordersPerMember` more completed pickup orders per member, spread over 2024-2026 and placed at the
 * member's store, each with one line copied from a demo order's frame line. The generated orders are
 * numbered on from `data.orders` (the ones already there).
 */
async function generateOrders(
  connection: Connection,
  data: ChainData,
  ordersPerMember: number,
  examinerOf: (index: string) => string,
): Promise<number> {
  const orderBase = await scalar(connection, 'SELECT COALESCE(MAX(id), 0) FROM orders');
  const templateLine = await scalar(connection, 'SELECT MIN(id) FROM order_items');
  const count = data.members * ordersPerMember;
  const member = `seq DIV ${ordersPerMember}`;
  const number = `(${data.orders} + seq)`;
  const placed = `TIMESTAMP('2024-01-01') + INTERVAL ((${number} * 7919) MOD 86400000) SECOND`;
  await inRanges(
    connection,
    count,
    (from, to) =>
      'INSERT INTO orders (id, no, member_id, store_id, status, fulfilment, subtotal, discount, ' +
      'points_discount, balance_paid, payable, expires_at, pay_requested_at, paid_at, created_at) ' +
      `SELECT ${orderBase} + seq + 1, CONCAT('BN', LPAD(${number}, 14, '0')), ${data.memberBase} + ${member} + 1, ` +
      `e.store_id, 'completed', 'pickup', line.line_total, 0, 0, 0, line.line_total, ` +
      `${placed} + INTERVAL 30 MINUTE, ${placed}, ${placed} + INTERVAL 5 MINUTE, ${placed} ` +
      `FROM seq_${from}_to_${to} ${examinerOf(member)} JOIN order_items line ON line.id = ${templateLine}`,
  );
  await inRanges(
    connection,
    count,
    (from, to) =>
      'INSERT INTO order_items (order_id, sku_id, product_id, name, attributes, image_url, quantity, ' +
      'unit_price, lens, prescription_id, line_total) ' +
      `SELECT ${orderBase} + seq + 1, line.sku_id, line.product_id, line.name, line.attributes, ` +
      'line.image_url, line.quantity, line.unit_price, line.lens, NULL, line.line_total ' +
      `FROM seq_${from}_to_${to} JOIN order_items line ON line.id = ${templateLine}`,
  );
  return count;
}
