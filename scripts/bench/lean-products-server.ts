/**
 * The real limit for products.bench.ts: LensLoop's product list and detail on bare Fastify + a mysql2
 * pool with the fewest statements a careful engineer would write, answering with the same JSON.
 *
 * - list: one statement — the page, with the total as an uncorrelated scalar subquery that MariaDB
 *   evaluates once (a second `COUNT(*)` only when the page is empty, to still report the total);
 * - detail: the product joined with its on-sale SKUs and each SKU's stock (a correlated `SUM` on
 *   the `store_stock.sku_id` index) in one statement, plus the lenses for a frame: two statements
 *   (a third only for a product with no SKU on sale or an unknown id, to tell which);
 * - Fastify response schemas (fast-json-stringify) for both answers.
 *
 * Env: DB_URL (mysql://…), DB_POOL_SIZE, PORT. Prints "Lean products server is running" when ready.
 */
import type { LensPowerRange, Page, ProductDetail, ProductSummary } from '@lensloop/shared';
import Fastify from 'fastify';
import { benchPool, positiveInteger, serve, toSummary, type SummaryRow } from './bench-server-kit';

interface ListRow extends SummaryRow {
  total: string;
}

interface DetailRow extends SummaryRow {
  description: string;
  sku_id: number | null;
  code: string | null;
  attributes: string | null;
  price: number | null;
  power_range: string | null;
  stock: string | null;
}

const SUMMARY_COLUMNS = 'p.id, p.name, p.name_en, p.category, p.brand, p.price_from, p.image_url, p.featured';

const pool = benchPool();

async function listProducts(category: string, page: number, pageSize: number): Promise<Page<ProductSummary>> {
  const [rows] = await pool.query<ListRow[]>(
    `SELECT ${SUMMARY_COLUMNS},
       (SELECT COUNT(*) FROM products c WHERE c.on_sale = 1 AND c.category = ?) AS total
     FROM products p WHERE p.on_sale = 1 AND p.category = ? ORDER BY p.id LIMIT ? OFFSET ?`,
    [category, category, pageSize, (page - 1) * pageSize],
  );
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page > 1) {
    const [[count]] = await pool.query<ListRow[]>(
      'SELECT COUNT(*) AS total FROM products WHERE on_sale = 1 AND category = ?',
      [category],
    );
    total = Number(count.total);
  }
  return { items: rows.map(toSummary), total, page, pageSize };
}

async function getProduct(id: number): Promise<ProductDetail | null> {
  const [rows] = await pool.query<DetailRow[]>(
    `SELECT ${SUMMARY_COLUMNS}, p.description,
       s.id AS sku_id, s.code, s.attributes, s.price, s.power_range,
       (SELECT COALESCE(SUM(st.quantity), 0) FROM store_stock st WHERE st.sku_id = s.id) AS stock
     FROM products p JOIN skus s ON s.product_id = p.id AND s.on_sale = 1
     WHERE p.id = ? AND p.on_sale = 1 ORDER BY s.price, s.id`,
    [id],
  );
  if (rows.length === 0) {
    // No SKU on sale (rare) or no such product: the product alone tells which.
    const [products] = await pool.query<DetailRow[]>(
      `SELECT ${SUMMARY_COLUMNS}, p.description, NULL AS sku_id FROM products p WHERE p.id = ? AND p.on_sale = 1`,
      [id],
    );
    rows.push(...products);
  }
  if (rows.length === 0) return null;
  const product = rows[0];
  let lensOptions: ProductSummary[] = [];
  if (product.category === 'frames') {
    const [lenses] = await pool.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM products p WHERE p.on_sale = 1 AND p.category = 'lenses' ORDER BY p.price_from, p.id`,
    );
    lensOptions = lenses.map(toSummary);
  }
  const skus = [];
  for (const row of rows) {
    if (row.sku_id === null) continue;
    skus.push({
      id: row.sku_id,
      code: row.code as string,
      attributes: JSON.parse(row.attributes as string) as Record<string, string>,
      price: row.price as number,
      stock: Number(row.stock),
      powerRange: row.power_range === null ? null : (JSON.parse(row.power_range) as LensPowerRange),
    });
  }
  return { ...toSummary(product), description: product.description, skus, lensOptions };
}

const SUMMARY_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    nameEn: { type: ['string', 'null'] },
    category: { type: 'string' },
    brand: { type: 'string' },
    priceFrom: { type: 'integer' },
    imageUrl: { type: 'string' },
    featured: { type: 'boolean' },
  },
} as const;

const PAGE_SCHEMA = {
  type: 'object',
  properties: {
    items: { type: 'array', items: SUMMARY_SCHEMA },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
} as const;

const DETAIL_SCHEMA = {
  type: 'object',
  properties: {
    ...SUMMARY_SCHEMA.properties,
    description: { type: 'string' },
    skus: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          code: { type: 'string' },
          attributes: { type: 'object', additionalProperties: { type: 'string' } },
          price: { type: 'integer' },
          stock: { type: 'integer' },
          powerRange: {
            anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: { type: 'integer' } }],
          },
        },
      },
    },
    lensOptions: { type: 'array', items: SUMMARY_SCHEMA },
  },
} as const;

const app = Fastify({ logger: false });

app.get<{ Querystring: { category?: string; page?: string; pageSize?: string } }>(
  '/api/v1/products',
  { schema: { response: { 200: PAGE_SCHEMA } } },
  async (request, reply) => {
    const { category } = request.query;
    const page = positiveInteger(request.query.page, 1, 10_000);
    const pageSize = positiveInteger(request.query.pageSize, 20, 100);
    if (!category || page === null || pageSize === null) {
      return reply.code(400).send({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    return listProducts(category, page, pageSize);
  },
);

app.get<{ Params: { id: string } }>(
  '/api/v1/products/:id',
  { schema: { response: { 200: DETAIL_SCHEMA } } },
  async (request, reply) => {
    const id = Number(request.params.id);
    const product = Number.isSafeInteger(id) && id >= 1 ? await getProduct(id) : null;
    return product ?? reply.code(404).send({ statusCode: 404, code: 'PRODUCT_NOT_FOUND' });
  },
);

serve(app, pool, 'Lean products server');
