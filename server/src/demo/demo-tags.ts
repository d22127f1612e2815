import { prescriptionExpiry, shanghaiDate } from '@lensloop/shared';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { ProfileEntity } from '../modules/members/entities/profile.entity';
import { OrderEntity } from '../modules/orders/entities/order.entity';
import { StoreEntity } from '../modules/stores/entities/store.entity';
import { CommunityEntity } from '../modules/tags/entities/community.entity';
import { MemberFactsEntity } from '../modules/tags/entities/member-facts.entity';
import { MemberTagEntity } from '../modules/tags/entities/member-tag.entity';
import { OrderFactEntity } from '../modules/tags/entities/order-fact.entity';
import { ProfileFactEntity } from '../modules/tags/entities/profile-fact.entity';
import { DEFAULT_TAG_RULES, deriveTags, lifeTagBits, sphericalEquivalent } from '../modules/tags/tag-rules';
import { DEMO_CUSTOMER, demoProfiles } from './demo-family';

/**
 * 明眸眼镜's groups: one per store, the two interest groups and the KOC group. Their QR images
 * (server/static/groups/*.svg) encode WeCom group join links.
 */
export function demoCommunities(stores: StoreEntity[]): Partial<CommunityEntity>[] {
  return [
    ...stores.slice(0, 2).map((store, index) => ({
      kind: 'store' as const,
      name: `${store.name} 会员群`,
      storeId: store.id,
      tag: null,
      qrImageUrl: `/static/groups/store-${index + 1}.svg`,
      welcomeText: `欢迎加入${store.name}会员群！到店出示会员码，免费清洗镜片。`,
      chatId: `wr-demo-store-${index + 1}`,
    })),
    {
      kind: 'interest',
      name: '近视防控家长群',
      storeId: null,
      tag: '儿童配镜',
      qrImageUrl: '/static/groups/myopia-parents.svg',
      welcomeText: '欢迎加入近视防控家长群！视光师每周分享儿童用眼知识，复查提醒不错过。',
      chatId: 'wr-demo-parents',
    },
    {
      kind: 'interest',
      name: '隐形眼镜用户群',
      storeId: null,
      tag: '隐形眼镜用户',
      qrImageUrl: '/static/groups/contact-lens.svg',
      welcomeText: '欢迎加入隐形眼镜用户群！护理液补货、佩戴小贴士都在这里。',
      chatId: 'wr-demo-contacts',
    },
    {
      kind: 'koc',
      name: '明眸体验官',
      storeId: null,
      tag: 'KOC',
      qrImageUrl: '/static/groups/koc.svg',
      welcomeText: '欢迎成为明眸体验官！新品抢先试戴，分享心得赢好礼。',
      chatId: 'wr-demo-koc',
    },
  ];
}

/**
 * The demo groups, and the tags module's facts and automatic tags for the seeded members, as the
 * events would have made them (the seed writes rows, no events): the demo customer's paid orders
 * and her family's exams.
 */
export async function seedDemoTags(manager: EntityManager, stores: StoreEntity[]): Promise<void> {
  await manager.insert(CommunityEntity, demoCommunities(stores));
  const now = new Date();
  const today = shanghaiDate(now);
  const members = await manager.find(MemberEntity, { order: { id: 'ASC' } });
  for (const member of members) {
    const orders = await manager.find(OrderEntity, {
      where: { memberId: member.id, kind: 'goods', paidAt: Not(IsNull()) },
      order: { paidAt: 'ASC' },
    });
    const kept = orders.filter((order) => order.status !== 'refunded');
    if (orders.length) {
      await manager.insert(
        OrderFactEntity,
        orders.map((order) => ({
          orderId: order.id,
          memberId: member.id,
          storeId: order.storeId,
          ownerStaffId: member.ownerStaffId,
          amount: order.payable + order.balancePaid,
          paidAt: order.paidAt as Date,
          refundedAt: order.status === 'refunded' ? (order.updatedAt ?? now) : null,
        })),
      );
    }
    const store = stores.find((candidate) => candidate.id === member.homeStoreId) ?? null;
    const facts = {
      memberId: member.id,
      registeredAt: member.createdAt ?? now,
      channel: member.ownerStaffId ? ('staff_qr' as const) : ('referral' as const),
      homeStoreId: member.homeStoreId,
      region: store?.city ?? null,
      ownerStaffId: member.ownerStaffId,
      purchases: kept.length,
      spend: kept.reduce((sum, order) => sum + order.payable + order.balancePaid, 0),
      firstPurchaseAt: kept[0]?.paidAt ?? null,
      lastPurchaseAt: kept.at(-1)?.paidAt ?? null,
    };
    const profiles =
      member.openid === DEMO_CUSTOMER.openid
        ? demoProfiles(today).map((profile) => {
            const latest = profile.exams[profile.exams.length - 1];
            return {
              relation: profile.relation,
              lastExamDate: latest.examDate,
              expiresAt: prescriptionExpiry(latest.examDate, profile.birthDate),
              maxAdd: null,
              contactLens: false,
              minSe: Math.min(sphericalEquivalent(latest.od), sphericalEquivalent(latest.os)),
            };
          })
        : [];
    const derived = deriveTags(
      { ...facts, homeStoreName: store?.name ?? null, profiles },
      DEFAULT_TAG_RULES,
      now,
    );
    await manager.insert(MemberFactsEntity, {
      ...facts,
      purchaseClass: derived.purchaseClass,
      quadrant: derived.quadrant,
      lifeTags: lifeTagBits(derived.tags.map((tag) => tag.name)),
    });
    const ownProfiles = await manager.find(ProfileEntity, {
      where: { memberId: member.id },
      order: { id: 'ASC' },
    });
    if (profiles.length) {
      await manager.insert(
        ProfileFactEntity,
        profiles.map((profile, index) => ({
          ...profile,
          profileId: ownProfiles[index].id,
          memberId: member.id,
        })),
      );
    }
    await manager.insert(
      MemberTagEntity,
      derived.tags.map((tag) => ({
        memberId: member.id,
        name: tag.name,
        auto: true,
        reason: tag.reason,
        staffId: null,
      })),
    );
  }
}
