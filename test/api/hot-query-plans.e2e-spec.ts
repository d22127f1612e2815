import { randomUUID } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import request from 'supertest';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { benchOrderLines, loginMember, signMemberToken } from '../../scripts/bench/bench-support';
import { addFrames } from '../../scripts/bench/catalog-data';
import {
  generateChainData,
  memberIdOf,
  phoneOf,
  selfProfileIdOf,
  type ChainData,
} from '../../scripts/bench/chain-data';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import { waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

interface PlanRow {
  id: number;
  select_type: string;
  table: string | null;
  type: string | null;
  possible_keys: string | null;
  key: string | null;
  rows: number | null;
  Extra: string | null;
}

/** What makes a plan wrong on a hot path: a full table scan, a full index scan, or a filesort. */
export function planProblems(plan: PlanRow[]): string[] {
  return plan.flatMap((row) => {
    const problems: string[] = [];
    if (row.type === 'ALL') problems.push(`full scan of ${row.table}`);
    if (row.type === 'index') problems.push(`full index scan of ${row.table} (${row.key})`);
    if (row.Extra?.includes('filesort')) problems.push(`filesort on ${row.table}`);
    return problems;
  });
}

const PLANNED = /^\s*(SELECT|UPDATE|DELETE)\b/i;

/**
 * Configuration tables a hot path reads whole on purpose, with the most rows they may hold for that
 * to stay cheap: the test checks the count, so one that grows fails here too.
 */
const BOUNDED_TABLES: Record<string, number> = {
  membership_tier_rules: 10, // one row per membership tier
  wallet_plans: 50, // the top-up plans an admin offers
};

/** The table an alias of `statement` stands for (TypeORM names tables `table` `Alias`). */
function tableOf(alias: string, statement: string): string {
  for (const match of statement.matchAll(/`(\w+)`\s+`(\w+)`/g)) {
    if (match[2] === alias) return match[1];
  }
  return alias;
}

/**
 * Issue 13: every statement the hot paths send — the catalog list and detail, the staff desk's
 * latest-prescription lookup and phone search, and order creation — is captured from MariaDB's
 * general log while the real server answers, then `EXPLAIN`ed on a database of realistic shape
 * (2,000 frames, 5,000 members with their prescriptions and two orders each): none may scan a whole table or index or
 * sort with a filesort. A new hot statement without an index makes this test fail.
 */
describe('query plans of the hot paths (MariaDB)', () => {
  let mariadb: ThrowawayMariaDb;
  let server: TestServer;
  let database: Connection;
  let data: ChainData;

  beforeAll(async () => {
    // A MariaDB of its own: the general log is server-wide and must hold only this file's statements.
    mariadb = await startThrowawayMariaDb();
    server = await startTestServer({ mariadbUrl: mariadb.url, seed: true });
    const url = server.config.database.url;
    if (!url) throw new Error('No database URL');
    await addFrames(url, 2_000);
    data = await generateChainData(url, 5_000, 2, server.config.prescriptionKeys);
    database = await createConnection(url);
    await database.query(
      'ANALYZE TABLE products, skus, store_stock, members, profiles, prescriptions, consents, orders',
    );
  }, 240_000);

  afterAll(async () => {
    await database?.end();
    await server?.stop();
    await mariadb?.stop();
  });

  /** Runs `work` with the general log on and returns the statements the server sent meanwhile. */
  async function statementsOf(work: () => Promise<void>): Promise<string[]> {
    await database.query("SET GLOBAL log_output = 'TABLE'");
    await database.query('TRUNCATE TABLE mysql.general_log');
    const [[connection]] = (await database.query('SELECT CONNECTION_ID() AS id')) as unknown as [
      { id: number }[],
    ];
    await database.query("SET GLOBAL general_log = 'ON'");
    try {
      await work();
    } finally {
      await database.query("SET GLOBAL general_log = 'OFF'");
    }
    const [rows] = await database.query(
      "SELECT CONVERT(argument USING utf8mb4) AS statement FROM mysql.general_log WHERE command_type IN ('Query', 'Execute') AND thread_id <> ? ORDER BY event_time",
      [connection.id],
    );
    return (rows as { statement: string }[]).map((row) => row.statement);
  }

  async function rowCount(table: string): Promise<number> {
    const [[row]] = (await database.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as unknown as [
      { n: number | string }[],
    ];
    return Number(row.n);
  }

  async function problemsOf(statements: string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const statement of statements.filter((text) => PLANNED.test(text))) {
      const [plan] = await database.query(`EXPLAIN ${statement}`);
      for (const row of plan as PlanRow[]) {
        const table = row.table === null ? null : tableOf(row.table, statement);
        const bound = table === null ? undefined : BOUNDED_TABLES[table];
        if (bound !== undefined && table !== null && (await rowCount(table)) <= bound) continue;
        for (const problem of planProblems([row])) problems.push(`${problem}: ${statement}`);
      }
    }
    return problems;
  }

  const api = () => request(server.baseUrl);

  it('should flag a full scan and a filesort (the check itself)', async () => {
    const [scan] = await database.query("EXPLAIN SELECT id FROM products WHERE description LIKE '%镜%'");
    expect(planProblems(scan as PlanRow[])).toEqual(['full scan of products']);
    const [sort] = await database.query(
      "EXPLAIN SELECT id FROM products WHERE on_sale = 1 AND category = 'frames' ORDER BY name",
    );
    expect(planProblems(sort as PlanRow[]).join()).toContain('filesort on products');
  });

  it('should find every index back after the bulk load (the generator drops and rebuilds them)', async () => {
    const pending = await server.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('should read the catalog list and detail through indexes only', async () => {
    const [[frame]] = (await database.query(
      "SELECT id FROM products WHERE category = 'frames' AND on_sale = 1 ORDER BY id DESC LIMIT 1",
    )) as unknown as [{ id: number }[]];
    const statements = await statementsOf(async () => {
      await api().get('/api/v1/products?category=frames&page=1&pageSize=20').expect(200);
      await api().get('/api/v1/products?category=frames&page=50&pageSize=20').expect(200);
      await api().get('/api/v1/products?featured=true').expect(200);
      await api().get(`/api/v1/products/${frame.id}`).expect(200);
      await api().get(`/api/v1/products/${frame.id}?storeId=1`).expect(200);
    });
    expect(statements.some((text) => /FROM products/i.test(text))).toBe(true);
    expect(statements.some((text) => /store_stock/i.test(text))).toBe(true);
    expect(await problemsOf(statements)).toEqual([]);
  });

  it("should find the desk's latest prescription and a member by phone through indexes only", async () => {
    const login = await api()
      .post('/api/v1/auth/staff/login')
      .send({ username: 'optometrist1', password: DEMO_STAFF_PASSWORD })
      .expect(200);
    const authorization = `Bearer ${login.body.token as string}`;
    const statements = await statementsOf(async () => {
      for (const index of [7, 2_500, 4_999]) {
        await api()
          .get(
            `/api/v1/staff/customers/${memberIdOf(data, index)}/prescriptions/latest?profileId=${selfProfileIdOf(data, index)}`,
          )
          .set('authorization', authorization)
          .expect(200);
        const found = await api()
          .get(`/api/v1/staff/customers?q=${phoneOf(index)}`)
          .set('authorization', authorization)
          .expect(200);
        expect(found.body.items).toHaveLength(1);
      }
    });
    expect(statements.some((text) => /FROM `?prescriptions/i.test(text))).toBe(true);
    expect(await problemsOf(statements)).toEqual([]);
  });

  it("should list a member's orders through indexes only, among 10,000 orders", async () => {
    const statements = await statementsOf(async () => {
      for (const index of [7, 4_999]) {
        const page = await api()
          .get('/api/v1/orders?page=1&pageSize=10')
          .set(
            'authorization',
            `Bearer ${signMemberToken(server.config.jwt.secret, memberIdOf(data, index))}`,
          )
          .expect(200);
        expect(page.body.total).toBe(2);
      }
    });
    expect(statements.some((text) => /FROM `?orders/i.test(text))).toBe(true);
    expect(await problemsOf(statements)).toEqual([]);
  });

  it('should create an order (stock, order, lines, idempotency key) through indexes only', async () => {
    // A first login publishes events (e.g. linking a WeCom contact) whose handlers run in the
    // background: let them finish first, so that the log holds the order creation's statements.
    const loggedIn = await loginMember(
      { name: 'LensLoop', pid: 0, baseUrl: server.baseUrl, stop: async () => {} },
      'plans',
    );
    const member = loggedIn;
    await waitFor(async () => {
      const [[pending]] = (await database.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      )) as unknown as [{ n: number | string }[]];
      return Number(pending.n) === 0;
    }, 20_000);
    const body = await benchOrderLines(server.config.database.url as string, 1);
    const statements = await statementsOf(async () => {
      for (let order = 0; order < 2; order += 1) {
        await api()
          .post('/api/v1/orders')
          .set('authorization', `Bearer ${member.token}`)
          .set('idempotency-key', randomUUID())
          .send(body)
          .expect(201);
      }
    });
    expect(statements.some((text) => /UPDATE `?store_stock/i.test(text))).toBe(true);
    expect(await problemsOf(statements)).toEqual([]);
  });
});
