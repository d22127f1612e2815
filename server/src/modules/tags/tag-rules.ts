import { AUTO_TAGS, type PurchaseClass, type Quadrant, type TagRules } from '@lensloop/shared';
import type { CustomerChannel } from '../../infra/events/domain-events';

export const DEFAULT_TAG_RULES: TagRules = {
  longTenureDays: 365,
  coreSpend: 300_000,
  lockInSpend: 100_000,
  classCFrom: 2,
  classDFrom: 3,
};

export const CHANNEL_LABELS: Record<CustomerChannel, string> = {
  store_qr: '门店',
  staff_qr: '店员码',
  regional_qr: '区域码',
  wecom: '企业微信',
  store_purchase: '门店',
  referral: '转介绍',
  group_buy: '拼团',
  online: '线上',
};

/** The life-stage tags, one bit each in `tag_member_facts.life_tags`. */
export const LIFE_TAG_BITS: Record<string, number> = {
  [AUTO_TAGS.childWearer]: 1,
  [AUTO_TAGS.presbyopia]: 2,
  [AUTO_TAGS.contactLens]: 4,
  [AUTO_TAGS.highMyopia]: 8,
  [AUTO_TAGS.examOverdue]: 16,
};

export function lifeTagBits(names: readonly string[]): number {
  return names.reduce((bits, name) => bits | (LIFE_TAG_BITS[name] ?? 0), 0);
}

/** Every fixed automatic tag name; channel, store and region tags are recognised by prefix. */
export const FIXED_AUTO_TAG_NAMES: readonly string[] = [
  ...(['A', 'B', 'C', 'D'] as const).map(AUTO_TAGS.class),
  ...Object.values(AUTO_TAGS.quadrant),
  AUTO_TAGS.childWearer,
  AUTO_TAGS.presbyopia,
  AUTO_TAGS.contactLens,
  AUTO_TAGS.highMyopia,
  AUTO_TAGS.examOverdue,
];

export function isAutoTagName(name: string): boolean {
  return (
    FIXED_AUTO_TAG_NAMES.includes(name) ||
    [AUTO_TAGS.channelPrefix, AUTO_TAGS.storePrefix, AUTO_TAGS.regionPrefix].some(
      (prefix) => name.startsWith(prefix) && name.length > prefix.length,
    )
  );
}

/** What the rules read of a member. */
export interface MemberFacts {
  channel: CustomerChannel | null;
  homeStoreName: string | null;
  region: string | null;
  purchases: number;
  spend: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  profiles: ProfileFacts[];
}

export interface ProfileFacts {
  relation: string;
  lastExamDate: string;
  expiresAt: string;
  maxAdd: number | null;
  contactLens: boolean;
  minSe: number;
}

export interface DerivedTags {
  purchaseClass: PurchaseClass;
  quadrant: Quadrant | null;
  tags: { name: string; reason: string }[];
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

function diopters(hundredths: number): string {
  const text = (Math.abs(hundredths) / 100).toFixed(2);
  return hundredths < 0 ? `−${text}` : `+${text}`;
}

export function purchaseClassOf(purchases: number, rules: TagRules): PurchaseClass {
  if (purchases >= rules.classDFrom) return 'D';
  if (purchases >= rules.classCFrom) return 'C';
  if (purchases >= 1) return 'B';
  return 'A';
}

/** Value×tenure of a buyer: tenure from the first purchase, value the net spend. */
export function quadrantOf(facts: MemberFacts, rules: TagRules, now: Date): Quadrant | null {
  if (facts.purchases < 1 || !facts.firstPurchaseAt) return null;
  const tenureDays = Math.floor((now.getTime() - facts.firstPurchaseAt.getTime()) / DAY_MS);
  if (tenureDays >= rules.longTenureDays) return facts.spend >= rules.coreSpend ? 'core' : 'recall';
  return facts.spend >= rules.lockInSpend ? 'lock_in' : 'promote';
}

/** The automatic tags of one member, each with why it applies. */
export function deriveTags(facts: MemberFacts, rules: TagRules, now: Date): DerivedTags {
  const tags: { name: string; reason: string }[] = [];
  const purchaseClass = purchaseClassOf(facts.purchases, rules);
  const classTag = AUTO_TAGS.class(purchaseClass);
  tags.push({
    name: classTag,
    reason:
      purchaseClass === 'A' || !facts.lastPurchaseAt
        ? `${classTag}：已添加，未购买`
        : `${classTag}：${facts.purchases} 次购买，最近 ${shanghaiDay(facts.lastPurchaseAt)}`,
  });
  const quadrant = quadrantOf(facts, rules, now);
  if (quadrant && facts.firstPurchaseAt) {
    const days = Math.floor((now.getTime() - facts.firstPurchaseAt.getTime()) / DAY_MS);
    tags.push({
      name: AUTO_TAGS.quadrant[quadrant],
      reason: `${AUTO_TAGS.quadrant[quadrant]}：消费 ${yuan(facts.spend)}，首购 ${shanghaiDay(facts.firstPurchaseAt)}（${days} 天）`,
    });
  }
  const today = shanghaiDay(now);
  const children = facts.profiles.filter((profile) => profile.relation === 'child');
  if (children.length) {
    const last = children
      .map((child) => child.lastExamDate)
      .sort()
      .at(-1) as string;
    tags.push({
      name: AUTO_TAGS.childWearer,
      reason: `家庭中有儿童配镜：${children.length} 人，最近验光 ${last}`,
    });
  }
  const adds = facts.profiles.flatMap((profile) => (profile.maxAdd === null ? [] : [profile.maxAdd]));
  if (adds.length) {
    tags.push({ name: AUTO_TAGS.presbyopia, reason: `老花：ADD ${diopters(Math.max(...adds))} 在档` });
  }
  if (facts.profiles.some((profile) => profile.contactLens)) {
    tags.push({ name: AUTO_TAGS.contactLens, reason: '隐形眼镜用户：有隐形眼镜验配处方' });
  }
  const lowestSe = Math.min(...facts.profiles.map((profile) => profile.minSe));
  if (facts.profiles.length && lowestSe <= -600) {
    tags.push({ name: AUTO_TAGS.highMyopia, reason: `高度近视：等效球镜 ${diopters(lowestSe)} D` });
  }
  const overdue = facts.profiles.filter((profile) => profile.expiresAt <= today);
  if (overdue.length) {
    const since = overdue.map((profile) => profile.expiresAt).sort()[0];
    tags.push({ name: AUTO_TAGS.examOverdue, reason: `复查逾期：验光 ${since} 已到期` });
  }
  if (facts.channel) {
    const label = CHANNEL_LABELS[facts.channel];
    tags.push({ name: `${AUTO_TAGS.channelPrefix}${label}`, reason: `来源渠道：${label}` });
  }
  if (facts.homeStoreName) {
    tags.push({
      name: `${AUTO_TAGS.storePrefix}${facts.homeStoreName}`,
      reason: `所属门店：${facts.homeStoreName}`,
    });
  }
  if (facts.region) {
    tags.push({ name: `${AUTO_TAGS.regionPrefix}${facts.region}`, reason: `所在区域：${facts.region}` });
  }
  return { purchaseClass, quadrant, tags };
}

/** Spherical equivalent in hundredths (SPH + CYL/2), rounded. */
export function sphericalEquivalent(eye: { sphere: number; cylinder: number }): number {
  return Math.round(eye.sphere + eye.cylinder / 2);
}
