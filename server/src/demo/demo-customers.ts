import type { EntityManager } from 'typeorm';
import { CouponTemplateEntity } from '../modules/coupons/entities/coupon-template.entity';
import { CustomerAdditionEntity } from '../modules/customers/entities/customer-addition.entity';
import { OwnerChangeEntity } from '../modules/customers/entities/owner-change.entity';
import { WelcomeRulesEntity } from '../modules/customers/entities/welcome-rules.entity';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { DEMO_CUSTOMER } from './demo-family';

/** The welcome coupon of a customer added through a staff or store code, by state. */
export const DEMO_WELCOME_TEMPLATES = {
  /** Not registered yet (no phone): invite to register. */
  unregistered: '扫码见面礼 ¥30',
  /** Registered already: invite to buy. */
  registered: '到店回馈 满200减40',
} as const;

/** 加粉欢迎: two welcome templates chosen by state, and the demo customer's owner in the history. */
export async function seedDemoCustomers(manager: EntityManager): Promise<void> {
  const common = {
    kind: 'amount_off' as const,
    percentOff: null,
    maxDiscount: null,
    scope: { categories: [], productIds: [] },
    totalQuantity: null,
    perMemberLimit: 1,
    validFrom: null,
    validTo: null,
    validDays: 30,
    channel: 'welcome' as const,
    stackable: false,
  };
  const unregistered = await manager.save(
    manager.create(CouponTemplateEntity, {
      ...common,
      name: DEMO_WELCOME_TEMPLATES.unregistered,
      amountOff: 3_000,
      threshold: 0,
    }),
  );
  const registered = await manager.save(
    manager.create(CouponTemplateEntity, {
      ...common,
      name: DEMO_WELCOME_TEMPLATES.registered,
      amountOff: 4_000,
      threshold: 20_000,
    }),
  );
  await manager.insert(WelcomeRulesEntity, {
    id: 1,
    unregisteredTemplateId: unregistered.id,
    registeredTemplateId: registered.id,
  });
  // The demo customer came in through their optometrist's code.
  const parent = await manager.findOneByOrFail(MemberEntity, { openid: DEMO_CUSTOMER.openid });
  if (parent.ownerStaffId !== null) {
    await manager.insert(OwnerChangeEntity, {
      memberId: parent.id,
      fromStaffId: null,
      toStaffId: parent.ownerStaffId,
      reason: 'first_contact',
      changedByStaffId: null,
      changedAt: parent.createdAt,
    });
    await manager.insert(CustomerAdditionEntity, {
      memberId: parent.id,
      channel: 'staff_qr',
      staffId: parent.ownerStaffId,
      storeId: parent.homeStoreId,
      regionCode: null,
      registered: true,
      welcomeCouponId: null,
      addedAt: parent.createdAt,
    });
  }
}
