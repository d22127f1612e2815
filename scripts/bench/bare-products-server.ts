/**
 * The baseline for products.bench.ts: LensLoop's product list and detail endpoints on bare
 * Fastify + a mysql2 pool, issuing the same SQL in the same order as the server's CatalogService
 * and answering with the same JSON. It serves only what the benchmark asks for.
 *
 * Env: DB_URL (mysql://…), DB_POOL_SIZE, PORT. Prints "Bare products server is running" when ready.
 */
import type { LensPowerRange, Page, ProductDetail, ProductSummary } from '@lensloop/shared';
import Fastify from 'fastify';
import type { RowDataPacket } from 'mysql2/promise';
import { benchPool, positiveInteger, serve, toSummary, type SummaryRow } from './bench-server-kit';

interface ProductRow extends SummaryRow {
  description: string;
}

interface SkuRow extends RowDataPacket {
  id: number;
  code: string;
  attributes: string;
  price: number;
  power_range: string | null;
}

// The pool hands back BIGINT/DECIMAL aggregates as strings, as TypeORM's does.
interface StockRow extends RowDataPacket {
  sku_id: number;
  quantity: string;
}

interface CountRow extends RowDataPacket {
  total: string;
}

const SUMMARY_COLUMNS = 'id, name, name_en, category, brand, price_from, image_url, featured';

const pool = benchPool();

async function listProducts(category: string, page: number, pageSize: number): Promise<Page<ProductSummary>> {
  // Sequential, like TypeORM's getManyAndCount.
  const [rows] = await pool.query<SummaryRow[]>(
    `SELECT ${SUMMARY_COLUMNS} FROM products WHERE on_sale = 1 AND category = ? ORDER BY id LIMIT ? OFFSET ?`,
    [category, pageSize, (page - 1) * pageSize],
  );
  const [[count]] = await pool.query<CountRow[]>(
    'SELECT COUNT(*) AS total FROM products WHERE on_sale = 1 AND category = ?',
    [category],
  );
  return { items: rows.map(toSummary), total: Number(count.total), page, pageSize };
}

async function stockOf(skuIds: number[]): Promise<Map<number, number>> {
  if (skuIds.length === 0) return new Map();
  const [rows] = await pool.query<StockRow[]>(
    'SELECT sku_id, SUM(quantity) AS quantity FROM store_stock WHERE sku_id IN (?) GROUP BY sku_id',
    [skuIds],
  );
  return new Map(rows.map((row) => [row.sku_id, Number(row.quantity)]));
}

async function lensSummaries(): Promise<ProductSummary[]> {
  const [rows] = await pool.query<SummaryRow[]>(
    `SELECT ${SUMMARY_COLUMNS} FROM products WHERE category = 'lenses' AND on_sale = 1 ORDER BY price_from, id`,
  );
  return rows.map(toSummary);
}

async function getProduct(id: number): Promise<ProductDetail | null> {
  const [[product]] = await pool.query<ProductRow[]>(
    `SELECT ${SUMMARY_COLUMNS}, description FROM products WHERE id = ? AND on_sale = 1 LIMIT 1`,
    [id],
  );
  if (!product) return null;
  const [skus] = await pool.query<SkuRow[]>(
    'SELECT id, code, attributes, price, power_range FROM skus WHERE product_id = ? AND on_sale = 1 ORDER BY price, id',
    [id],
  );
  const stockBySku = await stockOf(skus.map((sku) => sku.id));
  const lensOptions = product.category === 'frames' ? await lensSummaries() : [];
  return {
    ...toSummary(product),
    description: product.description,
    skus: skus.map((sku) => ({
      id: sku.id,
      code: sku.code,
      attributes: JSON.parse(sku.attributes) as Record<string, string>,
      price: sku.price,
      stock: stockBySku.get(sku.id) ?? 0,
      powerRange: sku.power_range === null ? null : (JSON.parse(sku.power_range) as LensPowerRange),
    })),
    lensOptions,
  };
}

const app = Fastify({ logger: false });

app.get<{ Querystring: { category?: string; page?: string; pageSize?: string } }>(
  '/api/v1/products',
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

app.get<{ Params: { id: string } }>('/api/v1/products/:id', async (request, reply) => {
  const id = Number(request.params.id);
  const product = Number.isSafeInteger(id) && id >= 1 ? await getProduct(id) : null;
  return product ?? reply.code(404).send({ statusCode: 404, code: 'PRODUCT_NOT_FOUND' });
});

serve(app, pool, 'Bare products server');
