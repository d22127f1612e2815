/**
 * Benchmark of checkout with a coupon and the wallet against the plain checkout, on MariaDB:
 * `POST /orders/quote` and `POST /orders` for the same lines (a frame with lenses and two
 * options plus a contact-lens box), first plain, then with `couponId` (¥10 off, a fresh coupon
 * per order) and `useBalance: true` (the wallet pays the rest: the order ends with nothing to pay
 * by WeChat). 400 members, 10 coupons each, a large balance each; requests go round-robin over
 * the members from 20 connections.
 *
 *   pnpm --filter @lensloop/scripts bench:checkout      # BENCH_SECONDS=8 by default
 *
 * Prints requests/s and p50/p99 per endpoint and a Markdown table. Exits 1 when any request failed
 * or was not a 2xx, or when the wallets' ledgers no longer sum to their balances afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import {
  benchOrderLines,
  describeLoad,
  LOAD,
  loginMember,
  measureLoad,
  print,
  printEndpointTable,
  runBenchmark,
  startDatabaseAndLensLoop,
  type LoadFigures,
  type Server,
} from './bench-support';

const STORE_ID = 1;
const MEMBERS = 400;
const COUPONS_PER_MEMBER = 10;
const BALANCE = 100_000_000;

interface Buyer {
  memberId: number;
  token: string;
  coupons: number[];
}

async function query<T>(databaseUrl: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const connection = await createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(sql, parameters);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

/**
 * Members with coupons of a ¥10-off template and a large balance, written directly (fixture data,
 * as the demo seed does): one `top_up` ledger entry per account, so the ledgers sum to the balances.
 */
async function buyers(server: Server, databaseUrl: string): Promise<Buyer[]> {
  const members: { memberId: number; token: string }[] = [];
  for (let start = 0; start < MEMBERS; start += 20) {
    members.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, MEMBERS - start) }, (_, offset) =>
          loginMember(server, `checkout-bench-${start + offset}`),
        ),
      )),
    );
  }
  const template = await query(
    databaseUrl,
    `INSERT INTO coupon_templates (name, kind, amount_off, threshold, scope, per_member_limit, channel, stackable, active)
     VALUES ('bench ¥10', 'amount_off', 1000, 0, '{"categories":[],"productIds":[]}', 1000, 'push', 0, 1)`,
  );
  // An INSERT answers mysql2's result header, not rows.
  const templateId = (template as unknown as { insertId: number }).insertId;
  const now = Date.now();
  const validFrom = new Date(now - 86_400_000);
  const validTo = new Date(now + 30 * 86_400_000);
  const coupons = members.flatMap((member) =>
    Array.from({ length: COUPONS_PER_MEMBER }, (_, seq) => [
      templateId,
      member.memberId,
      seq + 1,
      'available',
      validFrom,
      validTo,
    ]),
  );
  await query(
    databaseUrl,
    'INSERT INTO coupons (template_id, member_id, seq, status, valid_from, valid_to) VALUES ?',
    [coupons],
  );
  await query(databaseUrl, 'INSERT INTO wallet_accounts (member_id, principal, bonus) VALUES ?', [
    members.map((member) => [member.memberId, BALANCE, 0]),
  ]);
  await query(
    databaseUrl,
    'INSERT INTO wallet_ledger (member_id, amount, principal_delta, bonus_delta, balance_after, kind) VALUES ?',
    [members.map((member) => [member.memberId, BALANCE, BALANCE, 0, BALANCE, 'top_up'])],
  );
  const rows = await query<{ id: number; member_id: number }>(
    databaseUrl,
    'SELECT id, member_id FROM coupons WHERE template_id = ? ORDER BY id',
    [templateId],
  );
  return members.map((member) => ({
    ...member,
    coupons: rows.filter((row) => Number(row.member_id) === member.memberId).map((row) => Number(row.id)),
  }));
}

/**
 * Loads `path`: each request goes to the next member (round-robin); with `spend`, each create
 * takes one of that member's coupons (never reused) and pays from the wallet.
 */
function measure(
  server: Server,
  name: string,
  path: string,
  lines: object,
  members: Buyer[],
  options: { coupon: boolean; consume: boolean },
): Promise<LoadFigures> {
  let next = 0;
  return measureLoad(
    name.padEnd(15),
    server,
    {
      url: server.baseUrl,
      requests: [
        {
          method: 'POST',
          path,
          setupRequest: (request) => {
            const member = members[next++ % members.length];
            const couponId = options.coupon
              ? options.consume
                ? member.coupons.shift()
                : member.coupons[0]
              : undefined;
            if (options.coupon && couponId === undefined) throw new Error('the members ran out of coupons');
            return {
              ...request,
              headers: {
                ...request.headers,
                'content-type': 'application/json',
                authorization: `Bearer ${member.token}`,
                'idempotency-key': `bench-${randomUUID()}`,
              },
              body: JSON.stringify({ ...lines, ...(options.coupon ? { couponId, useBalance: true } : {}) }),
            };
          },
        },
      ],
    },
    LOAD,
  );
}

void runBenchmark(async (onStop) => {
  const { database, lensLoop } = await startDatabaseAndLensLoop(onStop);
  const lines = await benchOrderLines(database.url, STORE_ID);
  const members = await buyers(lensLoop, database.url);
  const plain = { coupon: false, consume: false };
  const rows = [
    {
      endpoint: 'quote',
      ...(await measure(lensLoop, 'quote', '/api/v1/orders/quote', lines, members, plain)),
    },
    {
      endpoint: 'quote + coupon + wallet',
      ...(await measure(lensLoop, 'quote+c+w', '/api/v1/orders/quote', lines, members, {
        coupon: true,
        consume: false,
      })),
    },
    {
      endpoint: 'create',
      ...(await measure(lensLoop, 'create', '/api/v1/orders', lines, members, plain)),
    },
    {
      endpoint: 'create + coupon + wallet',
      ...(await measure(lensLoop, 'create+c+w', '/api/v1/orders', lines, members, {
        coupon: true,
        consume: true,
      })),
    },
  ];
  const [paid] = await query<{ n: number }>(
    database.url,
    'SELECT COUNT(*) AS n FROM orders WHERE balance_paid > 0 AND discount = 1000 AND payable = 0',
  );
  print(`orders paid with coupon + wallet (warm-up included): ${paid.n}`);
  const [drift] = await query<{ n: number }>(
    database.url,
    `SELECT COUNT(*) AS n FROM wallet_accounts a
      WHERE a.principal + a.bonus <> (SELECT SUM(amount) FROM wallet_ledger l WHERE l.member_id = a.member_id)`,
  );

  print();
  print(`${describeLoad()}; ${MEMBERS} members round-robin.`);
  print('');
  printEndpointTable(rows);
  if (Number(drift.n) > 0) throw new Error(`${drift.n} wallets whose ledger does not sum to the balance`);
});
