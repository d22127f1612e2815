/**
 * The baseline for orders.bench.ts: `POST /api/v1/orders` for goods picked up in a store, on bare
 * Fastify + a mysql2 pool with hand-written SQL, as a careful engineer would write it:
 *
 * - the member from the same JWT as LensLoop's (HS256, checked with node:crypto);
 * - one transaction: the idempotency key inserted first (a second request with the key waits on the
 *   unique index, then answers the stored order, or 422 for another body), the store, the SKUs with
 *   their products and the lens options read (two statements), a conditional decrement per SKU
 *   (`… AND quantity >= n`, affected rows checked: no oversell), the order, its lines in one
 *   multi-row insert, the first timeline event, the stored answer on the key; one commit.
 *
 * It serves only what the benchmark sends (no coupons, points, wallet or prescriptions: the body has
 * none, and LensLoop skips that work too when they are absent, apart from reading the member's
 * tier, points and wallet for the price breakdown).
 *
 * Env: DB_URL (mysql://…), DB_POOL_SIZE, JWT_SECRET, PORT. Prints "Bare orders server is running".
 */
import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { benchPool, serve } from './bench-server-kit';

interface ItemInput {
  skuId: number;
  quantity: number;
  lens?: { skuId: number; options?: string[] };
}

interface OrderBody {
  storeId: number;
  fulfilment: 'pickup';
  items: ItemInput[];
}

interface SkuRow extends RowDataPacket {
  id: number;
  product_id: number;
  attributes: string;
  price: number;
  on_sale: number;
  name: string;
  category: string;
  image_url: string;
  product_on_sale: number;
  store_exists: number | null;
}

interface OptionRow extends RowDataPacket {
  code: string;
  kind: string;
  name: string;
  name_en: string | null;
  price: number;
  on_sale: number;
}

interface KeyRow extends RowDataPacket {
  request_hash: string;
  response: string | null;
}

const pool = benchPool();
const secret = process.env.JWT_SECRET ?? '';
const ORDER_TTL_MS = 30 * 60_000;
const KEY_TTL_MS = 24 * 3600_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** The member id of a valid customer token (HS256, not expired), else null. */
function memberOf(authorization: string | undefined): number | null {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    sub: number;
    role: string;
    exp: number;
  };
  if (claims.role !== 'customer' || claims.exp * 1000 < Date.now()) return null;
  return claims.sub;
}

function isPositiveInteger(value: unknown, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
}

function validBody(body: unknown): body is OrderBody {
  const order = body as OrderBody;
  return (
    typeof body === 'object' &&
    body !== null &&
    isPositiveInteger(order.storeId, 2 ** 31 - 1) &&
    order.fulfilment === 'pickup' &&
    Array.isArray(order.items) &&
    order.items.length >= 1 &&
    order.items.length <= 20 &&
    order.items.every(
      (item) =>
        isPositiveInteger(item.skuId, 2 ** 31 - 1) &&
        isPositiveInteger(item.quantity, 99) &&
        (item.lens === undefined ||
          (isPositiveInteger(item.lens.skuId, 2 ** 31 - 1) &&
            (item.lens.options ?? []).every((code) => typeof code === 'string'))),
    )
  );
}

function mysqlTime(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}

let sequence = 0;
function orderNumber(now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(2, 14);
  sequence = (sequence + 1) % 1000;
  return `LL${stamp}${String(randomInt(1000)).padStart(3, '0')}${String(sequence).padStart(3, '0')}`;
}

async function createOrder(
  connection: PoolConnection,
  memberId: number,
  key: string,
  requestHash: string,
  body: OrderBody,
): Promise<{ status: number; order: unknown }> {
  const now = new Date();
  try {
    await connection.query(
      'INSERT INTO idempotency_keys (member_id, `key`, request_hash, expires_at) VALUES (?, ?, ?, ?)',
      [memberId, key, requestHash, mysqlTime(new Date(now.getTime() + KEY_TTL_MS))],
    );
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_DUP_ENTRY') throw error;
    const [[stored]] = await connection.query<KeyRow[]>(
      'SELECT request_hash, response FROM idempotency_keys WHERE member_id = ? AND `key` = ?',
      [memberId, key],
    );
    if (stored.request_hash !== requestHash || stored.response === null) {
      throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED');
    }
    return { status: 200, order: JSON.parse(stored.response) };
  }

  const skuIds = [
    ...new Set(body.items.flatMap((item) => [item.skuId, ...(item.lens ? [item.lens.skuId] : [])])),
  ];
  const [skus] = await connection.query<SkuRow[]>(
    `SELECT s.id, s.product_id, s.attributes, s.price, s.on_sale, p.name, p.category, p.image_url,
       p.on_sale AS product_on_sale, (SELECT 1 FROM stores WHERE id = ?) AS store_exists
     FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id IN (?)`,
    [body.storeId, skuIds],
  );
  if (skus.length > 0 && skus[0].store_exists === null) throw new HttpError(404, 'STORE_NOT_FOUND');
  const skuById = new Map(skus.map((sku) => [sku.id, sku]));
  const codes = [...new Set(body.items.flatMap((item) => item.lens?.options ?? []))];
  const [options] =
    codes.length > 0
      ? await connection.query<OptionRow[]>(
          'SELECT code, kind, name, name_en, price, on_sale FROM lens_options WHERE code IN (?)',
          [codes],
        )
      : [[] as OptionRow[]];
  const optionByCode = new Map(options.map((option) => [option.code, option]));

  const lines = body.items.map((item) => {
    const sku = skuById.get(item.skuId);
    if (!sku || !sku.on_sale || !sku.product_on_sale) throw new HttpError(409, 'SKU_NOT_AVAILABLE');
    let lens = null;
    let unitPrice = sku.price;
    if (item.lens) {
      const lensSku = skuById.get(item.lens.skuId);
      if (!lensSku || lensSku.category !== 'lenses' || !lensSku.on_sale || sku.category !== 'frames') {
        throw new HttpError(409, 'SKU_NOT_AVAILABLE');
      }
      const lensOptions = (item.lens.options ?? []).map((code) => {
        const option = optionByCode.get(code);
        if (!option || !option.on_sale) throw new HttpError(409, 'LENS_OPTION_NOT_AVAILABLE');
        return { code, kind: option.kind, name: option.name, nameEn: option.name_en, price: option.price };
      });
      lens = { skuId: lensSku.id, name: lensSku.name, unitPrice: lensSku.price, options: lensOptions };
      unitPrice += lensSku.price + lensOptions.reduce((sum, option) => sum + option.price, 0);
    }
    return {
      skuId: sku.id,
      productId: sku.product_id,
      name: sku.name,
      attributes: JSON.parse(sku.attributes) as Record<string, string>,
      imageUrl: sku.image_url,
      quantity: item.quantity,
      unitPrice: sku.price,
      lens,
      prescriptionId: null,
      lineTotal: unitPrice * item.quantity,
    };
  });

  // Units per SKU of the lines (lenses are made to order, not stocked), in SKU order so that
  // concurrent orders lock stock rows in the same order; conditional decrements, no oversell.
  const demand = new Map<number, number>();
  for (const item of body.items) demand.set(item.skuId, (demand.get(item.skuId) ?? 0) + item.quantity);
  for (const [skuId, units] of [...demand].sort((a, b) => a[0] - b[0])) {
    const [result] = await connection.query<ResultSetHeader>(
      'UPDATE store_stock SET quantity = quantity - ? WHERE store_id = ? AND sku_id = ? AND quantity >= ?',
      [units, body.storeId, skuId, units],
    );
    if (result.affectedRows !== 1) throw new HttpError(409, 'OUT_OF_STOCK');
  }

  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const no = orderNumber(now);
  const expiresAt = new Date(now.getTime() + ORDER_TTL_MS);
  const [inserted] = await connection.query<ResultSetHeader>(
    `INSERT INTO orders (no, member_id, store_id, status, fulfilment, subtotal, member_discount, discount,
       points_discount, balance_paid, payable, expires_at, created_at, updated_at)
     VALUES (?, ?, ?, 'pending_payment', 'pickup', ?, 0, 0, 0, 0, ?, ?, ?, ?)`,
    [no, memberId, body.storeId, subtotal, subtotal, mysqlTime(expiresAt), mysqlTime(now), mysqlTime(now)],
  );
  const orderId = inserted.insertId;
  await connection.query(
    `INSERT INTO order_items (order_id, sku_id, product_id, name, attributes, image_url, quantity, unit_price,
       lens, prescription_id, line_total) VALUES ?`,
    [
      lines.map((line) => [
        orderId,
        line.skuId,
        line.productId,
        line.name,
        JSON.stringify(line.attributes),
        line.imageUrl,
        line.quantity,
        line.unitPrice,
        line.lens === null ? null : JSON.stringify(line.lens),
        null,
        line.lineTotal,
      ]),
    ],
  );
  await connection.query(
    "INSERT INTO order_events (order_id, from_status, to_status, actor, actor_id, created_at) VALUES (?, NULL, 'pending_payment', 'customer', ?, ?)",
    [orderId, memberId, mysqlTime(now)],
  );
  const order = {
    id: orderId,
    no,
    kind: 'goods',
    status: 'pending_payment',
    storeId: body.storeId,
    fulfilment: 'pickup',
    payable: subtotal,
    description: null,
    address: null,
    items: lines,
    subtotal,
    memberDiscount: 0,
    discount: 0,
    pointsDiscount: 0,
    balancePaid: 0,
    refunded: 0,
    balanceRefunded: 0,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    timeline: [
      {
        from: null,
        to: 'pending_payment',
        actor: 'customer',
        actorId: memberId,
        note: null,
        at: now.toISOString(),
      },
    ],
  };
  await connection.query('UPDATE idempotency_keys SET response = ? WHERE member_id = ? AND `key` = ?', [
    JSON.stringify(order),
    memberId,
    key,
  ]);
  return { status: 201, order };
}

const app = Fastify({ logger: false });

app.post('/api/v1/orders', async (request, reply: FastifyReply) => {
  const memberId = memberOf(request.headers.authorization);
  if (memberId === null) return reply.code(401).send({ statusCode: 401, code: 'UNAUTHENTICATED' });
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length < 8 || key.length > 64 || !validBody(request.body)) {
    return reply.code(400).send({ statusCode: 400, code: 'VALIDATION_FAILED' });
  }
  const requestHash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const { status, order } = await createOrder(connection, memberId, key, requestHash, request.body);
    await connection.commit();
    return reply.code(status).send(order);
  } catch (error) {
    await connection.rollback();
    if (error instanceof HttpError) {
      return reply.code(error.status).send({ statusCode: error.status, code: error.code });
    }
    throw error;
  } finally {
    connection.release();
  }
});

serve(app, pool, 'Bare orders server');
