import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type LensOption,
  type LensOptionKind,
  type LensPowerRange,
  type Page,
  type ProductCategory,
  type ProductDetail,
  type ProductSummary,
  type Sku,
} from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import type { ProductQueryDto } from './dto/product-query.dto';
import { LensOptionEntity } from './entities/lens-option.entity';
import { ProductEntity } from './entities/product.entity';
import { SkuEntity } from './entities/sku.entity';
import { StoreStockEntity } from './entities/store-stock.entity';
import { stockDemand, type StockDemand } from './policies/stock-demand';

export type { StockDemand };

/** A SKU with its product, as other modules price and check it. */
export interface CatalogSku {
  id: number;
  productId: number;
  attributes: Record<string, string>;
  price: number;
  onSale: boolean;
  /** The powers a lens SKU can be made in; null for everything else. */
  powerRange: LensPowerRange | null;
  product: { name: string; category: ProductCategory; imageUrl: string; onSale: boolean };
}

export interface CatalogLensOption {
  code: string;
  kind: LensOptionKind;
  name: string;
  nameEn: string | null;
  price: number;
  onSale: boolean;
}

/** A product's summary columns as raw rows carry them (MariaDB and SQLite alike). */
interface SummaryRow {
  id: number;
  name: string;
  name_en: string | null;
  category: ProductCategory;
  brand: string;
  price_from: number;
  image_url: string;
  /** 0/1 (tinyint in MariaDB, integer in SQLite). */
  featured: number | boolean;
}

/** The detail's rows: the product's columns with one SKU each (nulls when it has none on sale). */
type DetailRow = SummaryRow & { description: string } & (
    | {
        sku_id: number;
        code: string;
        attributes: string;
        price: number;
        power_range: string | null;
        stock: number | string;
      }
    | { sku_id: null; code: null; attributes: null; price: null; power_range: null; stock: null }
  );

/** skusWithProducts' raw rows: simple-json columns as text, booleans as 0/1 (MariaDB and SQLite alike). */
interface SkuWithProductRow {
  id: number;
  product_id: number;
  attributes: string;
  price: number;
  on_sale: number | boolean;
  power_range: string | null;
  name: string;
  category: ProductCategory;
  image_url: string;
  product_on_sale: number | boolean;
}

interface LensOptionRow {
  code: string;
  kind: LensOptionKind;
  name: string;
  name_en: string | null;
  price: number;
  on_sale: number | boolean;
}

/** `?, ?, …` for an IN list: the placeholders every driver (mysql2, better-sqlite3, sql.js) takes. */
function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

const summaryColumnsOf = (alias: string): string =>
  ['id', 'name', 'name_en', 'category', 'brand', 'price_from', 'image_url', 'featured']
    .map((column) => `${alias}.${column}`)
    .join(', ');
const SUMMARY_SQL = 'id, name, name_en, category, brand, price_from, image_url, featured';

function summaryOfRow(row: SummaryRow): ProductSummary {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    category: row.category,
    brand: row.brand,
    priceFrom: row.price_from,
    imageUrl: row.image_url,
    featured: Number(row.featured) === 1,
  };
}

/** A lens option as the API shows it (listing, quotes and orders). */
export function toLensOption({ code, kind, name, nameEn, price }: CatalogLensOption): LensOption {
  return { code, kind, name, nameEn, price };
}

// `!` escapes LIKE wildcards: unlike a backslash it means the same in MariaDB and SQLite literals.
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (character) => `!${character}`);
}

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(ProductEntity) private readonly products: Repository<ProductEntity>,
    @InjectRepository(SkuEntity) private readonly skus: Repository<SkuEntity>,
    @InjectRepository(StoreStockEntity) private readonly stock: Repository<StoreStockEntity>,
    @InjectRepository(LensOptionEntity) private readonly lensOptions: Repository<LensOptionEntity>,
  ) {}

  /** Options that can be added to spectacle lenses, cheapest first within each kind. */
  async listLensOptions(): Promise<LensOption[]> {
    const options = await this.lensOptions.find({
      where: { onSale: true },
      order: { kind: 'ASC', price: 'ASC', id: 'ASC' },
    });
    return options.map(toLensOption);
  }

  /**
   * Products on sale, ordered by id so that pages never overlap or skip. One statement: the page with
   * the total as an uncorrelated scalar subquery (evaluated once), read as raw rows — no entity
   * hydration on the busiest read. A second `COUNT(*)` only for a page past the end.
   */
  async listProducts(query: ProductQueryDto): Promise<Page<ProductSummary>> {
    const window = pageWindow(query);
    const conditions = ['on_sale = 1'];
    const parameters: unknown[] = [];
    if (query.category) {
      conditions.push('category = ?');
      parameters.push(query.category);
    }
    if (query.featured !== undefined) {
      conditions.push('featured = ?');
      parameters.push(query.featured ? 1 : 0);
    }
    if (query.q) {
      conditions.push("(name LIKE ? ESCAPE '!' OR name_en LIKE ? ESCAPE '!' OR brand LIKE ? ESCAPE '!')");
      const pattern = `%${escapeLike(query.q)}%`;
      parameters.push(pattern, pattern, pattern);
    }
    const where = conditions.join(' AND ');
    const rows: (SummaryRow & { total: number | string })[] = await this.products.manager.query(
      `SELECT ${SUMMARY_SQL}, (SELECT COUNT(*) FROM products WHERE ${where}) AS total ` +
        `FROM products WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`,
      [...parameters, ...parameters, window.pageSize, window.skip],
    );
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && window.skip > 0) {
      const [count] = await this.products.manager.query<{ total: number | string }[]>(
        `SELECT COUNT(*) AS total FROM products WHERE ${where}`,
        parameters,
      );
      total = Number(count.total);
    }
    return toPage(rows.map(summaryOfRow), total, window);
  }

  /**
   * A product on sale with its on-sale SKUs and their stock (across all stores, or at `storeId`) in
   * one statement, and for a frame the lenses that fit in a second one; raw rows, no hydration. The
   * join is inner so that the SKUs come in index order (a LEFT JOIN sorts in a temporary table); a
   * product with no SKU on sale, or none at all, takes one more statement to tell which.
   */
  async getProduct(id: number, storeId?: number): Promise<ProductDetail> {
    const stockFilter = storeId ? ' AND st.store_id = ?' : '';
    let rows: DetailRow[] = await this.products.manager.query(
      `SELECT ${summaryColumnsOf('p')}, p.description, s.id AS sku_id, s.code, s.attributes, s.price, s.power_range, ` +
        `(SELECT COALESCE(SUM(st.quantity), 0) FROM store_stock st WHERE st.sku_id = s.id${stockFilter}) AS stock ` +
        'FROM products p JOIN skus s ON s.product_id = p.id AND s.on_sale = 1 ' +
        'WHERE p.id = ? AND p.on_sale = 1 ORDER BY s.price, s.id',
      storeId ? [storeId, id] : [id],
    );
    if (rows.length === 0) {
      rows = await this.products.manager.query(
        `SELECT ${SUMMARY_SQL}, description, NULL AS sku_id FROM products WHERE id = ? AND on_sale = 1`,
        [id],
      );
    }
    if (rows.length === 0)
      throw new DomainError(ErrorCode.PRODUCT_NOT_FOUND, `Product ${id} does not exist.`);
    const product = rows[0];
    const lensOptions: SummaryRow[] =
      product.category === 'frames'
        ? await this.products.manager.query(
            `SELECT ${SUMMARY_SQL} FROM products WHERE on_sale = 1 AND category = 'lenses' ORDER BY price_from, id`,
          )
        : [];
    const skus: Sku[] = [];
    for (const row of rows) {
      if (row.sku_id === null) continue;
      skus.push({
        id: row.sku_id,
        code: row.code,
        attributes: JSON.parse(row.attributes) as Record<string, string>,
        price: row.price,
        stock: Number(row.stock),
        powerRange: row.power_range === null ? null : (JSON.parse(row.power_range) as LensPowerRange),
      });
    }
    return {
      ...summaryOfRow(product),
      description: product.description,
      skus,
      lensOptions: lensOptions.map(summaryOfRow),
    };
  }

  /**
   * These SKUs with their products, on sale or not (unknown ids are left out): one raw statement,
   * no hydration (order creation reads it on every request).
   */
  async skusWithProducts(ids: readonly number[]): Promise<CatalogSku[]> {
    if (ids.length === 0) return [];
    const rows: SkuWithProductRow[] = await this.skus.manager.query(
      'SELECT s.id, s.product_id, s.attributes, s.price, s.on_sale, s.power_range, ' +
        'p.name, p.category, p.image_url, p.on_sale AS product_on_sale ' +
        `FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id IN (${placeholders(ids.length)})`,
      [...ids],
    );
    return rows.map((row) => ({
      id: row.id,
      productId: row.product_id,
      attributes: JSON.parse(row.attributes) as Record<string, string>,
      price: row.price,
      onSale: Number(row.on_sale) === 1,
      powerRange: row.power_range === null ? null : (JSON.parse(row.power_range) as LensPowerRange),
      product: {
        name: row.name,
        category: row.category,
        imageUrl: row.image_url,
        onSale: Number(row.product_on_sale) === 1,
      },
    }));
  }

  /** The lens options with these codes, on sale or not (unknown codes are left out); one raw statement. */
  async lensOptionsByCode(codes: readonly string[]): Promise<CatalogLensOption[]> {
    if (codes.length === 0) return [];
    const rows: LensOptionRow[] = await this.lensOptions.manager.query(
      `SELECT code, kind, name, name_en, price, on_sale FROM lens_options WHERE code IN (${placeholders(codes.length)})`,
      [...codes],
    );
    return rows.map((row) => ({
      code: row.code,
      kind: row.kind,
      name: row.name,
      nameEn: row.name_en,
      price: row.price,
      onSale: Number(row.on_sale) === 1,
    }));
  }

  /** Units per SKU at the store, or across all stores when none is given. */
  async stockAt(skuIds: readonly number[], storeId?: number): Promise<Map<number, number>> {
    if (skuIds.length === 0) return new Map();
    const builder = this.stock
      .createQueryBuilder('stock')
      .select('stock.skuId', 'skuId')
      .addSelect('SUM(stock.quantity)', 'quantity')
      .where('stock.skuId IN (:...skuIds)', { skuIds })
      .groupBy('stock.skuId');
    if (storeId) builder.andWhere('stock.storeId = :storeId', { storeId });
    const rows = await builder.getRawMany<{ skuId: number | string; quantity: number | string }>();
    return new Map(rows.map((row) => [Number(row.skuId), Number(row.quantity)]));
  }

  /**
   * Takes stock in the caller's transaction: a conditional decrement (`… AND quantity >= n`,
   * affected rows checked) per SKU, so no interleaving can oversell or go negative.
   */
  async reserveStock(manager: EntityManager, storeId: number, lines: readonly StockDemand[]): Promise<void> {
    for (const demand of stockDemand(lines)) {
      const result = await manager
        .createQueryBuilder()
        .update(StoreStockEntity)
        .set({ quantity: () => 'quantity - :units' })
        .where('store_id = :storeId AND sku_id = :skuId AND quantity >= :units')
        .setParameters({ storeId, skuId: demand.skuId, units: demand.quantity })
        .execute();
      if (result.affected !== 1) {
        throw new DomainError(ErrorCode.OUT_OF_STOCK, 'Not enough stock in this store.', [
          { field: 'items', message: `SKU ${demand.skuId}: fewer than ${demand.quantity} in stock` },
        ]);
      }
    }
  }

  /** Gives reserved stock back, in the caller's transaction. */
  async releaseStock(manager: EntityManager, storeId: number, lines: readonly StockDemand[]): Promise<void> {
    for (const demand of stockDemand(lines)) {
      await manager
        .createQueryBuilder()
        .update(StoreStockEntity)
        .set({ quantity: () => 'quantity + :units' })
        .where('store_id = :storeId AND sku_id = :skuId')
        .setParameters({ storeId, skuId: demand.skuId, units: demand.quantity })
        .execute();
    }
  }
}
