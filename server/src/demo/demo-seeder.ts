import { prescriptionExpiry, shanghaiDate } from '@lensloop/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { ProfileEntity } from '../modules/members/entities/profile.entity';
import { ConsentEntity } from '../modules/prescriptions/entities/consent.entity';
import { PrescriptionEntity } from '../modules/prescriptions/entities/prescription.entity';
import { sealPrescriptionValues } from '../modules/prescriptions/prescription-values';
import { LensOptionEntity } from '../modules/catalog/entities/lens-option.entity';
import { ProductEntity } from '../modules/catalog/entities/product.entity';
import { SkuEntity } from '../modules/catalog/entities/sku.entity';
import { StoreStockEntity } from '../modules/catalog/entities/store-stock.entity';
import { StaffEntity } from '../modules/staff/entities/staff.entity';
import { hashPassword } from '../modules/staff/password-hasher';
import { StoreEntity } from '../modules/stores/entities/store.entity';
import type { SealedBox } from '../infra/crypto/sealed-box';
import { staticAssetUrl } from '../common/static-assets';
import { DEMO_LENS_OPTIONS, demoCatalog } from './demo-catalog';
import { seedDemoCoupons } from './demo-coupons';
import { seedDemoCustomers } from './demo-customers';
import { seedDemoMembership } from './demo-membership';
import { seedDemoTradeInRules } from './demo-trade-ins';
import { DEMO_CUSTOMER, demoProfiles } from './demo-family';
import { seedDemoReferrals } from './demo-referrals';
import { seedDemoGroupBuys } from './demo-group-buys';
import { seedDemoTags } from './demo-tags';
import { seedDemoWallet } from './demo-wallet';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, DEMO_STORES } from './demo-stores';

/** Deterministic stock levels, so demo screens and tests see the same numbers every time. */
function stockLevel(storeIndex: number, skuIndex: number): number {
  const value = (storeIndex * 7919 + skuIndex * 104_729) % 23;
  return value < 3 ? 0 : value;
}

async function insertInChunks<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await manager.insert(entity, rows.slice(start, start + 500) as never);
  }
}

/** The demo customer with their family profiles, consent and past exams (sealed with `box`). */
async function seedDemoFamily(manager: EntityManager, box: SealedBox, stores: StoreEntity[]): Promise<void> {
  const examiner = await manager.findOneByOrFail(StaffEntity, { username: DEMO_CUSTOMER.examiner });
  const member = await manager.save(
    manager.create(MemberEntity, {
      openid: DEMO_CUSTOMER.openid,
      nickname: DEMO_CUSTOMER.nickname,
      phone: DEMO_CUSTOMER.phone,
      memberCode: DEMO_CUSTOMER.memberCode,
      ownerStaffId: examiner.id,
      homeStoreId: stores[0].id,
    }),
  );
  await seedDemoMembership(manager, member.id, examiner.storeId ?? stores[0].id, examiner.id);
  await manager.insert(ConsentEntity, {
    memberId: member.id,
    kind: 'prescription_storage',
    granted: true,
    policyVersion: DEMO_CUSTOMER.policyVersion,
  });
  for (const demoProfile of demoProfiles(shanghaiDate(new Date()))) {
    const profile = await manager.save(
      manager.create(ProfileEntity, {
        memberId: member.id,
        name: demoProfile.name,
        relation: demoProfile.relation,
        birthDate: demoProfile.birthDate,
      }),
    );
    const owner = { memberId: member.id, profileId: profile.id };
    await manager.insert(
      PrescriptionEntity,
      demoProfile.exams.map((exam) => ({
        ...owner,
        kind: exam.kind,
        source: 'in_store' as const,
        storeId: examiner.storeId,
        examinerStaffId: examiner.id,
        examDate: exam.examDate,
        expiresAt: prescriptionExpiry(exam.examDate, demoProfile.birthDate),
        sealedValues: sealPrescriptionValues(box, owner, {
          od: exam.od,
          os: exam.os,
          pd: exam.pd ?? null,
          lensType: null,
          notes: '',
        }),
      })),
    );
  }
}

/**
 * Fills an empty database with the demo chain: stores, staff (password `lensloop-demo`),
 * the catalog with images from server/static, stock, and one demo customer with a family and
 * their prescriptions (see demo-family.ts). Does nothing when stores exist.
 */
export async function seedDemoData(dataSource: DataSource, box: SealedBox): Promise<{ seeded: boolean }> {
  if ((await dataSource.getRepository(StoreEntity).count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const stores = await manager.save(
      StoreEntity,
      DEMO_STORES.map((store) => manager.create(StoreEntity, store)),
    );
    await manager.save(
      StaffEntity,
      DEMO_STAFF.map((staff) =>
        manager.create(StaffEntity, {
          username: staff.username,
          name: staff.name,
          role: staff.role,
          storeId: staff.storeNumber ? stores[staff.storeNumber - 1].id : null,
          passwordHash,
        }),
      ),
    );
    const stock: StoreStockEntity[] = [];
    let skuIndex = 0;
    for (const product of demoCatalog()) {
      const saved = await manager.save(
        ProductEntity,
        manager.create(ProductEntity, {
          category: product.category,
          name: product.name,
          nameEn: product.nameEn,
          brand: product.brand,
          description: product.description,
          imageUrl: staticAssetUrl(`products/${product.image}`),
          priceFrom: Math.min(...product.skus.map((sku) => sku.price)),
          featured: product.featured,
        }),
      );
      await insertInChunks(
        manager,
        SkuEntity,
        product.skus.map((sku) => manager.create(SkuEntity, { ...sku, productId: saved.id })),
      );
      const skus = await manager.find(SkuEntity, { where: { productId: saved.id }, order: { id: 'ASC' } });
      for (const sku of skus) {
        // Services are booked, not stocked: every store can always take them.
        stores.forEach((store, storeIndex) =>
          stock.push({
            storeId: store.id,
            skuId: sku.id,
            quantity: product.category === 'services' ? 9999 : stockLevel(storeIndex, skuIndex),
          }),
        );
        skuIndex++;
      }
    }
    await insertInChunks(manager, StoreStockEntity, stock);
    await manager.insert(
      LensOptionEntity,
      DEMO_LENS_OPTIONS.map((option) => ({ ...option })),
    );
    await seedDemoFamily(manager, box, stores);
    await seedDemoCoupons(manager);
    await seedDemoCustomers(manager);
    await seedDemoReferrals(manager);
    await seedDemoGroupBuys(manager);
    await seedDemoTradeInRules(manager);
    await seedDemoWallet(manager, DEMO_CUSTOMER.openid, stores[0].id);
    await seedDemoTags(manager, stores);
  });
  return { seeded: true };
}
