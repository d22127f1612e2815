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
} from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import type { ProductQueryDto } from './dto/product-query.dto';
import { LensOptionEntity } from './entities/lens-option.entity';
import { ProductEntity } from './entities/product.entity';
import { SkuEntity } from './entities/sku.entity';
import { StoreStockEntity } from './entities/store-stock.entity';
import { stockDemand, type StockDemand } from './policies/stock-demand';

const SUMMARY_COLUMNS = [
  'id',
  'name',
  'nameEn',
  'category',
  'brand',
  'priceFrom',
  'imageUrl',
  'featured',
] as const;

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

function toSummary(product: ProductEntity): ProductSummary {
  const { id, name, nameEn, category, brand, priceFrom, imageUrl, featured } = product;
  return { id, name, nameEn, category, brand, priceFrom, imageUrl, featured };
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

  /** Products on sale, ordered by id so that pages never overlap or skip. */
  async listProducts(query: ProductQueryDto): Promise<Page<ProductSummary>> {
    const window = pageWindow(query);
    const builder = this.products
      .createQueryBuilder('product')
      .select(SUMMARY_COLUMNS.map((column) => `product.${column}`))
      .where('product.onSale = :onSale', { onSale: true });
    if (query.category) builder.andWhere('product.category = :category', { category: query.category });
    if (query.featured !== undefined)
      builder.andWhere('product.featured = :featured', { featured: query.featured });
    if (query.q) {
      builder.andWhere(
        "(product.name LIKE :pattern ESCAPE '!' OR product.nameEn LIKE :pattern ESCAPE '!' OR product.brand LIKE :pattern ESCAPE '!')",
        {
          pattern: `%${escapeLike(query.q)}%`,
        },
      );
    }
    const [products, total] = await builder
      .orderBy('product.id', 'ASC')
      .skip(window.skip)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(products.map(toSummary), total, window);
  }

  async getProduct(id: number, storeId?: number): Promise<ProductDetail> {
    const product = await this.products.findOneBy({ id, onSale: true });
    if (!product) throw new DomainError(ErrorCode.PRODUCT_NOT_FOUND, `Product ${id} does not exist.`);
    const skus = await this.skus.find({
      where: { productId: id, onSale: true },
      order: { price: 'ASC', id: 'ASC' },
    });
    const stockBySku = await this.stockAt(
      skus.map((sku) => sku.id),
      storeId,
    );
    const lensOptions =
      product.category === 'frames'
        ? await this.products.find({
            select: [...SUMMARY_COLUMNS],
            where: { category: 'lenses', onSale: true },
            order: { priceFrom: 'ASC', id: 'ASC' },
          })
        : [];
    return {
      ...toSummary(product),
      description: product.description,
      skus: skus.map((sku) => ({
        id: sku.id,
        code: sku.code,
        attributes: sku.attributes,
        price: sku.price,
        stock: stockBySku.get(sku.id) ?? 0,
        powerRange: sku.powerRange,
      })),
      lensOptions: lensOptions.map(toSummary),
    };
  }

  /** These SKUs with their products, on sale or not (unknown ids are left out). */
  async skusWithProducts(ids: readonly number[]): Promise<CatalogSku[]> {
    if (ids.length === 0) return [];
    return this.skus.find({ where: { id: In([...ids]) }, relations: { product: true } });
  }

  /** The lens options with these codes, on sale or not (unknown codes are left out). */
  async lensOptionsByCode(codes: readonly string[]): Promise<CatalogLensOption[]> {
    if (codes.length === 0) return [];
    return this.lensOptions.findBy({ code: In([...codes]) });
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
