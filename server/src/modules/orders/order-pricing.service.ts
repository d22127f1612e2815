import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  LENS_DESIGNS,
  lensIndexOf,
  lensOptionProblems,
  type ErrorDetail,
  type LensDesign,
  type LensPowerRange,
  type LensSelection,
  type PricedItem,
  type ProductCategory,
} from '@lensloop/shared';
import { DomainError } from '../../common/domain-error';
import {
  CatalogService,
  toLensOption,
  type CatalogLensOption,
  type CatalogSku,
} from '../catalog/catalog.service';
import { lineTotal } from './policies/order-pricing';

export interface ItemToPrice {
  skuId: number;
  quantity: number;
  lens?: LensSelection | null;
  prescriptionId?: number | null;
}

export interface ResolvedItem {
  priced: PricedItem;
  category: ProductCategory;
  /** False when the SKU, its product, the lens or an option is no longer on sale. */
  onSale: boolean;
  /** Design, index and power range of the fitted lens, for the fit rules and the index advice. */
  lensSpec: { design: LensDesign; index: number; powerRange: LensPowerRange | null } | null;
}

function designOf(sku: CatalogSku): LensDesign {
  const design = sku.attributes.design as LensDesign;
  return LENS_DESIGNS.includes(design) ? design : 'single-vision';
}

/**
 * Prices lines from the catalog as it is now (client prices never count) and checks that each
 * lens configuration makes sense: lenses go into frames, options exist and combine.
 */
@Injectable()
export class OrderPricingService {
  constructor(private readonly catalog: CatalogService) {}

  async resolve(items: readonly ItemToPrice[]): Promise<ResolvedItem[]> {
    const skuIds = [
      ...new Set(items.flatMap((item) => [item.skuId, ...(item.lens ? [item.lens.skuId] : [])])),
    ];
    const codes = [...new Set(items.flatMap((item) => item.lens?.options ?? []))];
    const [skus, options] = await Promise.all([
      this.catalog.skusWithProducts(skuIds),
      this.catalog.lensOptionsByCode(codes),
    ]);
    const skuById = new Map(skus.map((sku) => [sku.id, sku]));
    const optionByCode = new Map(options.map((option) => [option.code, option]));

    const missing: ErrorDetail[] = items.flatMap((item, index) =>
      skuById.has(item.skuId)
        ? []
        : [{ field: `items.${index}.skuId`, message: `SKU ${item.skuId} does not exist` }],
    );
    if (missing.length)
      throw new DomainError(ErrorCode.SKU_NOT_FOUND, 'An item is not in the catalog.', missing);

    const problems: ErrorDetail[] = [];
    const resolved = items.map((item, index): ResolvedItem => {
      const sku = skuById.get(item.skuId) as CatalogSku;
      let onSale = sku.onSale && sku.product.onSale;
      let lens: PricedItem['lens'] = null;
      let lensSpec: ResolvedItem['lensSpec'] = null;
      if (item.lens) {
        const field = `items.${index}.lens`;
        const lensSku = skuById.get(item.lens.skuId);
        const chosen = item.lens.options.map((code) => optionByCode.get(code));
        if (sku.product.category !== 'frames')
          problems.push({ field, message: 'lenses can only be fitted to a frame' });
        if (lensSku?.product.category !== 'lenses') {
          problems.push({
            field: `${field}.skuId`,
            message: `SKU ${item.lens.skuId} is not a spectacle lens`,
          });
        }
        item.lens.options.forEach((code, position) => {
          if (!chosen[position])
            problems.push({ field: `${field}.options.${position}`, message: `no lens option ${code}` });
        });
        const known = chosen.filter((option): option is CatalogLensOption => option !== undefined);
        problems.push(
          ...lensOptionProblems(known.map((option) => option.kind)).map((message) => ({ field, message })),
        );
        if (lensSku) {
          onSale &&= lensSku.onSale && lensSku.product.onSale && known.every((option) => option.onSale);
          lens = {
            skuId: lensSku.id,
            name: lensSku.product.name,
            unitPrice: lensSku.price,
            options: known.map(toLensOption),
          };
          lensSpec = {
            design: designOf(lensSku),
            index: lensIndexOf(lensSku.attributes.index ?? '1.50'),
            powerRange: lensSku.powerRange,
          };
        }
      }
      const priced: PricedItem = {
        skuId: sku.id,
        productId: sku.productId,
        name: sku.product.name,
        attributes: sku.attributes,
        imageUrl: sku.product.imageUrl,
        quantity: item.quantity,
        unitPrice: sku.price,
        lens,
        prescriptionId: item.prescriptionId ?? null,
        lineTotal: lineTotal({
          unitPrice: sku.price,
          lensPrice: lens?.unitPrice ?? 0,
          optionPrices: lens?.options.map((option) => option.price) ?? [],
          quantity: item.quantity,
        }),
      };
      return { priced, category: sku.product.category, onSale, lensSpec };
    });
    if (problems.length) {
      throw new DomainError(
        ErrorCode.LENS_CONFIGURATION_INVALID,
        'A lens configuration is not valid.',
        problems,
      );
    }
    return resolved;
  }
}
