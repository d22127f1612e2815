import type { EntityManager } from 'typeorm';
import { ProductEntity } from '../modules/catalog/entities/product.entity';
import { SkuEntity } from '../modules/catalog/entities/sku.entity';
import { GroupBuyCampaignEntity } from '../modules/group-buys/entities/group-buy-campaign.entity';

/** The cleaning service of the 0-yuan deal (a name in demo-catalog.ts). */
const CLEANING_SERVICE = '超声波清洗';

const DAY_MS = 86_400_000;

/** Two group-buy campaigns: a 2-person frame deal and a 0-yuan lens cleaning for 3. */
export async function seedDemoGroupBuys(manager: EntityManager): Promise<void> {
  const frame = await manager.findOneOrFail(ProductEntity, {
    where: { category: 'frames' },
    order: { id: 'ASC' },
  });
  const frameSku = await manager.findOneOrFail(SkuEntity, {
    where: { productId: frame.id },
    order: { id: 'ASC' },
  });
  const cleaning = await manager.findOneByOrFail(ProductEntity, { name: CLEANING_SERVICE });
  const cleaningSku = await manager.findOneOrFail(SkuEntity, {
    where: { productId: cleaning.id },
    order: { id: 'ASC' },
  });
  // Seed data, not a rule: the real clock places the window around the day the demo starts.
  const startsAt = new Date(Date.now() - DAY_MS);
  const endsAt = new Date(Date.now() + 60 * DAY_MS);
  const deal = (product: ProductEntity, sku: SkuEntity) => ({
    skuId: sku.id,
    productId: product.id,
    productName: product.name,
    category: product.category,
    imageUrl: product.imageUrl,
    listPrice: sku.price,
    startsAt,
    endsAt,
    groupsOpened: 0,
    endedAt: null,
  });
  await manager.save(GroupBuyCampaignEntity, [
    manager.create(GroupBuyCampaignEntity, {
      ...deal(frame, frameSku),
      name: '双人拼团 · 镜框立减',
      groupPrice: Math.max(0, frameSku.price - 10_000),
      groupSize: 2,
      hoursToComplete: 24,
      maxGroups: 200,
      perMemberLimit: 1,
      newMembersOnly: false,
    }),
    manager.create(GroupBuyCampaignEntity, {
      ...deal(cleaning, cleaningSku),
      name: '0 元拼 · 镜片超声波清洗',
      groupPrice: 0,
      groupSize: 3,
      hoursToComplete: 48,
      maxGroups: null,
      perMemberLimit: 2,
      newMembersOnly: false,
    }),
  ]);
}
