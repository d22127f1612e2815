import type { EntityManager } from 'typeorm';
import { CouponTemplateEntity } from '../modules/coupons/entities/coupon-template.entity';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { ProfileEntity } from '../modules/members/entities/profile.entity';
import { ReferralAttributionEntity } from '../modules/referrals/entities/referral-attribution.entity';
import { ReferralCodeEntity } from '../modules/referrals/entities/referral-code.entity';
import { ReferralRuleEntity } from '../modules/referrals/entities/referral-rule.entity';
import { DEMO_CUSTOMER } from './demo-family';

/** The demo parent's referral code (8 characters of the referral alphabet). */
export const DEMO_REFERRAL_CODE = 'WANGFANG';

/** A friend the demo parent invited: registered, no order yet. */
export const DEMO_REFERRED_FRIEND = {
  openid: 'dev-demo-friend',
  nickname: '李明',
  memberCode: '100000000002',
};

/** 老带新: a reward template and rule, the parent's code and one invited friend. */
export async function seedDemoReferrals(manager: EntityManager): Promise<void> {
  const parent = await manager.findOneByOrFail(MemberEntity, { openid: DEMO_CUSTOMER.openid });
  const template = await manager.save(
    manager.create(CouponTemplateEntity, {
      name: '推荐有礼 ¥30',
      kind: 'amount_off',
      amountOff: 3_000,
      percentOff: null,
      maxDiscount: null,
      threshold: 0,
      scope: { categories: [], productIds: [] },
      totalQuantity: null,
      perMemberLimit: 100,
      validFrom: null,
      validTo: null,
      validDays: 60,
      channel: 'reward',
      stackable: false,
    }),
  );
  await manager.insert(ReferralRuleEntity, {
    id: 1,
    couponTemplateId: template.id,
    points: 100,
    returnWindowDays: 7,
    monthlyCapPerReferrer: 10,
    attributionDays: 7,
  });
  await manager.insert(ReferralCodeEntity, { memberId: parent.id, code: DEMO_REFERRAL_CODE });
  const friend = await manager.save(
    manager.create(MemberEntity, {
      openid: DEMO_REFERRED_FRIEND.openid,
      nickname: DEMO_REFERRED_FRIEND.nickname,
      memberCode: DEMO_REFERRED_FRIEND.memberCode,
      homeStoreId: parent.homeStoreId,
    }),
  );
  await manager.insert(ProfileEntity, { memberId: friend.id, name: '', relation: 'self' });
  await manager.insert(ReferralAttributionEntity, {
    refereeId: friend.id,
    referrerId: parent.id,
    code: DEMO_REFERRAL_CODE,
    scene: `ref:${DEMO_REFERRAL_CODE}`,
    scannedAt: new Date(),
    attributedAt: new Date(),
    status: 'registered',
  });
}
