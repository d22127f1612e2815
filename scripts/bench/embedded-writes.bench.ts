/**
 * What a write costs on the embedded databases: the default, better-sqlite3 in WAL mode
 * (`DB_TYPE=sqlite`), and sql.js (`DB_TYPE=sqljs`), which keeps the database in memory and writes
 * the whole file after every transaction (TypeORM's `autoSave`): order creation on the demo, and
 * again once the file holds 10,000 more orders.
 *
 *   pnpm --filter @lensloop/scripts bench:embedded     # BENCH_ORDERS=10000, BENCH_CREATES=30,
 *                                                      # BENCH_DB=sqlite,sqljs
 *
 * 1. The real server on a fresh file with the demo seed; BENCH_CREATES orders created one after
 *    another (a frame, pickup), each timed.
 * 2. The server stopped; BENCH_ORDERS orders (each with its line and timeline step, copied from
 *    the first) added to the file with sql.js directly, as the demo would hold them after months.
 * 3. The server started again on that file; the same creates timed again.
 * Prints, per engine and phase, the file size, create p50/mean/max and, on sql.js, the time of one
 * bare `export()` + `writeFileSync` of the file (what every transaction pays there).
 */
import { writeFileSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/mariadb';
import {
  log,
  loginMember,
  median,
  print,
  ROOT,
  runBenchmark,
  startServer,
  type Server,
} from './bench-support';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const CREATES = Number(process.env.BENCH_CREATES ?? 30);
type Engine = 'sqlite' | 'sqljs';
const ENGINES = (process.env.BENCH_DB ?? 'sqlite,sqljs').split(',') as Engine[];

interface SqlJsDatabase {
  run(sql: string, params?: unknown[]): void;
  exec(sql: string): { values: unknown[][] }[];
  export(): Uint8Array;
  close(): void;
}
type SqlJs = { Database: new (data?: Uint8Array) => SqlJsDatabase };

async function sqlJs(): Promise<SqlJs> {
  const require = createRequire(join(ROOT, 'server/package.json'));
  const init = require('sql.js') as () => Promise<SqlJs>;
  return init();
}

interface BetterSqliteDatabase {
  prepare(sql: string): {
    run(...params: unknown[]): void;
    all(...params: unknown[]): Record<string, unknown>[];
    pluck(): { get(...params: unknown[]): unknown };
  };
  pragma(statement: string): unknown;
  close(): void;
}

/** The file through better-sqlite3, with sql.js's `run`/`exec` shape for `addOrders`. */
function betterSqlite(file: string): SqlJsDatabase {
  const require = createRequire(join(ROOT, 'server/package.json'));
  const Database = require('better-sqlite3') as new (path: string) => BetterSqliteDatabase;
  const database = new Database(file);
  return {
    run: (sql, params = []) => {
      if (/^(BEGIN|COMMIT)$/.test(sql)) database.prepare(sql).run();
      else database.prepare(sql).run(...params);
    },
    exec: (sql) => {
      const rows = database.prepare(sql).all();
      return [{ values: rows.map((row) => Object.values(row)) }];
    },
    export: () => {
      throw new Error('better-sqlite3 writes in place');
    },
    close: () => {
      database.pragma('wal_checkpoint(TRUNCATE)');
      database.close();
    },
  };
}

async function startEmbedded(engine: Engine, file: string): Promise<Server> {
  return startServer(
    `LensLoop (${engine})`,
    ['server/dist/main.js'],
    {
      NODE_ENV: 'test',
      DB_TYPE: engine,
      SQLITE_PATH: file,
      SEED_DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    },
    await freePort(),
    'LensLoop is running',
  );
}

interface Phase {
  engine: Engine;
  name: string;
  orders: number;
  fileMb: number;
  p50: number;
  mean: number;
  max: number;
  exportMs: number;
}

/** Frame SKUs with stock in store 1, one entry per unit, enough for CREATES single-unit orders. */
async function frameUnits(server: Server): Promise<number[]> {
  const page = (await (
    await fetch(`${server.baseUrl}/api/v1/products?category=frames&pageSize=50`)
  ).json()) as {
    items: { id: number }[];
  };
  const units: number[] = [];
  for (const product of page.items) {
    const detail = (await (
      await fetch(`${server.baseUrl}/api/v1/products/${product.id}?storeId=1`)
    ).json()) as {
      skus: { id: number; stock: number }[];
    };
    for (const sku of detail.skus) units.push(...Array.from({ length: sku.stock }, () => sku.id));
    if (units.length >= CREATES) return units;
  }
  throw new Error(`Fewer than ${CREATES} frames in stock in store 1`);
}

async function timeCreates(server: Server, token: string, skuIds: number[]): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < CREATES; index += 1) {
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `embedded-${Date.now()}-${index}`,
      },
      body: JSON.stringify({
        storeId: 1,
        fulfilment: 'pickup',
        items: [{ skuId: skuIds[index % skuIds.length], quantity: 1 }],
      }),
    });
    if (response.status !== 201)
      throw new Error(`create answered ${response.status}: ${await response.text()}`);
    times.push(performance.now() - started);
  }
  return times;
}

/** The median time of `export()` + `writeFileSync` of the file, and the orders it holds. */
async function exportTime(file: string): Promise<{ ms: number; orders: number }> {
  const SQL = await sqlJs();
  const database = new SQL.Database(readFileSync(file));
  const orders = Number(database.exec('SELECT COUNT(*) FROM orders')[0].values[0][0]);
  const runs: number[] = [];
  for (let index = 0; index < 5; index += 1) {
    const started = performance.now();
    writeFileSync(`${file}.copy`, database.export());
    runs.push(performance.now() - started);
  }
  database.close();
  rmSync(`${file}.copy`);
  return { ms: median(runs), orders };
}

async function measurePhase(
  engine: Engine,
  name: string,
  file: string,
  skusOf: (server: Server) => Promise<number[]>,
): Promise<Phase> {
  const server = await startEmbedded(engine, file);
  try {
    const { token } = await loginMember(server, `embedded-${name.replace(/\W/g, '')}`);
    const times = await timeCreates(server, token, await skusOf(server));
    const sorted = [...times].sort((a, b) => a - b);
    return {
      engine,
      name,
      orders: 0,
      fileMb: statSync(file).size / 1024 / 1024,
      p50: median(times),
      mean: times.reduce((sum, time) => sum + time, 0) / times.length,
      max: sorted[sorted.length - 1],
      exportMs: 0,
    };
  } finally {
    await server.stop();
  }
}

/** Adds `count` copies of the newest order (with its lines and events) and gives the SKU stock enough. */
async function addOrders(engine: Engine, file: string, count: number, skuId: number): Promise<number> {
  const database =
    engine === 'sqlite' ? betterSqlite(file) : new (await sqlJs()).Database(readFileSync(file));
  const [{ values }] = database.exec('SELECT MAX(id) FROM orders');
  const template = Number(values[0][0]);
  const columns = (table: string): string[] =>
    database
      .exec(`PRAGMA table_info(${table})`)[0]
      .values.map((row) => String(row[1]))
      .filter((c) => c !== 'id');
  const orderColumns = columns('orders').filter((column) => column !== 'no');
  const itemColumns = columns('order_items').filter((column) => column !== 'order_id');
  const eventColumns = columns('order_events').filter((column) => column !== 'order_id');
  database.run('BEGIN');
  for (let index = 0; index < count; index += 1) {
    database.run(
      `INSERT INTO orders (no, ${orderColumns.join(', ')}) SELECT ?, ${orderColumns.join(', ')} FROM orders WHERE id = ?`,
      [`EMB${String(index).padStart(12, '0')}`, template],
    );
    database.run(
      `INSERT INTO order_items (order_id, ${itemColumns.join(', ')}) SELECT last_insert_rowid(), ${itemColumns.join(', ')} FROM order_items WHERE order_id = ?`,
      [template],
    );
  }
  database.run(
    `INSERT INTO order_events (order_id, ${eventColumns.join(', ')}) SELECT o.id, ${eventColumns
      .map((column) => `e.${column}`)
      .join(', ')} FROM orders o JOIN order_events e ON e.order_id = ? WHERE o.no LIKE 'EMB%'`,
    [template],
  );
  database.run('UPDATE store_stock SET quantity = 1000000 WHERE sku_id = ?', [skuId]);
  database.run('COMMIT');
  const [{ values: total }] = database.exec('SELECT COUNT(*) FROM orders');
  if (engine === 'sqljs') writeFileSync(file, database.export());
  database.close();
  return Number(total[0][0]);
}

/** Both phases on one engine, in a directory of its own. */
async function measureEngine(engine: Engine): Promise<Phase[]> {
  const directory = mkdtempSync(join(tmpdir(), 'lensloop-embedded-'));
  const file = join(directory, 'lensloop.sqlite');
  try {
    let skuId = 0;
    log(`${engine}, phase 1: the demo…`);
    const demo = await measurePhase(engine, 'demo', file, async (server) => {
      const units = await frameUnits(server);
      skuId = units[0];
      return units;
    });
    if (engine === 'sqljs') ({ ms: demo.exportMs, orders: demo.orders } = await exportTime(file));
    log(`Adding ${ORDERS} orders…`);
    const started = performance.now();
    const total = await addOrders(engine, file, ORDERS, skuId);
    log(`  in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (engine === 'sqlite') demo.orders = total - ORDERS;
    log(`${engine}, phase 2: ${total} orders…`);
    const grown = await measurePhase(engine, `+${ORDERS} orders`, file, async () => [skuId]);
    if (engine === 'sqljs') ({ ms: grown.exportMs, orders: grown.orders } = await exportTime(file));
    else grown.orders = total;
    return [demo, grown];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

void runBenchmark(async () => {
  if (!Number.isInteger(ORDERS) || ORDERS < 0) throw new Error('BENCH_ORDERS must be ≥ 0');
  if (ENGINES.some((engine) => engine !== 'sqlite' && engine !== 'sqljs')) {
    throw new Error('BENCH_DB lists sqlite and/or sqljs');
  }
  const phases: Phase[] = [];
  for (const engine of ENGINES) phases.push(...(await measureEngine(engine)));
  print();
  print(
    `Order creation on the embedded databases (one after another, ${CREATES} per phase, a frame picked up in store 1):`,
  );
  print();
  print(
    '| Engine | Phase | Orders in file | File (MB) | Create p50 (ms) | mean (ms) | max (ms) | export + write (ms) |',
  );
  print(
    '| ------ | ----- | -------------: | --------: | --------------: | --------: | -------: | ------------------: |',
  );
  for (const phase of phases) {
    print(
      `| ${phase.engine} | ${phase.name} | ${phase.orders} | ${phase.fileMb.toFixed(1)} | ${phase.p50.toFixed(0)} | ` +
        `${phase.mean.toFixed(0)} | ${phase.max.toFixed(0)} | ${phase.engine === 'sqljs' ? phase.exportMs.toFixed(0) : '–'} |`,
    );
  }
});
