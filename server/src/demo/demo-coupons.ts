import type { EntityManager } from 'typeorm';
import { CouponTemplateEntity } from '../modules/coupons/entities/coupon-template.entity';
import { ProductEntity } from '../modules/catalog/entities/product.entity';

/** The cleaning service the free-cleaning coupon is for (a name in demo-catalog.ts). */
const CLEANING_SERVICE = '超声波清洗';

/** Three templates that show every path: welcome on first login, 满减 and a free service in the claim centre. */
export async function seedDemoCoupons(manager: EntityManager): Promise<void> {
  const cleaning = await manager.findOneByOrFail(ProductEntity, { name: CLEANING_SERVICE });
  const common = { maxDiscount: null, percentOff: null, validFrom: null, validTo: null, stackable: false };
  await manager.insert(CouponTemplateEntity, [
    {
      ...common,
      name: '新人礼 ¥20',
      kind: 'amount_off',
      amountOff: 2_000,
      threshold: 0,
      scope: { categories: [], productIds: [] },
      totalQuantity: null,
      perMemberLimit: 1,
      validDays: 30,
      channel: 'welcome',
    },
    {
      ...common,
      name: '满300减50',
      kind: 'amount_off',
      amountOff: 5_000,
      threshold: 30_000,
      scope: { categories: [], productIds: [] },
      totalQuantity: 1_000,
      perMemberLimit: 1,
      validDays: 30,
      channel: 'claim',
    },
    {
      ...common,
      name: '免费清洗',
      kind: 'free_service',
      amountOff: null,
      threshold: 0,
      scope: { categories: [], productIds: [cleaning.id] },
      totalQuantity: null,
      perMemberLimit: 2,
      validDays: 90,
      channel: 'claim',
    },
  ]);
}
