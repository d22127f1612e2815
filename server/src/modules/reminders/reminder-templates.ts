import { formatFen, type ReminderKind, type SubscriptionTemplate } from '@lensloop/shared';
import { fitThing } from '../../infra/wechat/subscribe-message-fields';
import type { TemplateFields } from './entities/reminder-occurrence.entity';

/**
 * The subscribe-message templates the chain uses (chosen in the WeChat admin console from the
 * public template library; the ids below are the development ones the fake WeChat accepts). Each
 * carries some kinds; a kind without a template (the welcome) goes to the inbox only.
 */
export const SUBSCRIPTION_TEMPLATES: readonly SubscriptionTemplate[] = [
  {
    key: 'order_status',
    templateId: 'dev-tmpl-order-status',
    title: '订单状态通知',
    kinds: ['order_ready', 'order_refunded'],
  },
  {
    key: 'care_reminder',
    templateId: 'dev-tmpl-care-reminder',
    title: '护理与复查提醒',
    kinds: ['lens_cleaning', 'child_recheck', 'adult_renewal', 'contact_lens_refill'],
  },
  {
    key: 'coupon_notice',
    templateId: 'dev-tmpl-coupon-notice',
    title: '优惠券到账与到期提醒',
    kinds: ['coupon_expiring', 'trade_in_credited'],
  },
  {
    key: 'group_buy_result',
    templateId: 'dev-tmpl-group-buy-result',
    title: '拼团结果通知',
    kinds: ['group_buy_completed', 'group_buy_failed'],
  },
];

export function templateFor(kind: ReminderKind): SubscriptionTemplate | null {
  return SUBSCRIPTION_TEMPLATES.find((template) => template.kinds.includes(kind)) ?? null;
}

/** The page a subscribe message opens: a page of the mini-program (its app.config.ts). */
export const PAGE_OF: Partial<Record<ReminderKind, string>> = {
  order_ready: 'subpackages/shopping/orders/index',
  order_refunded: 'subpackages/shopping/orders/index',
  coupon_expiring: 'subpackages/member/coupons/index',
  trade_in_credited: 'subpackages/member/coupons/index',
};
export const DEFAULT_PAGE = 'subpackages/care/inbox/index';

/** What an occurrence says: inbox title and body, subscribe-message data, the short label of a task. */
export interface ReminderText {
  title: string;
  body: string;
  fields: TemplateFields | null;
  /** `复查` in "联系王芳：小明的复查到期了". */
  label: string;
}

/** `2026-12-01` → `2026年12月1日`. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

function careFields(label: string, person: string, dueDate: string, tip: string): TemplateFields {
  return {
    thing1: fitThing(label),
    thing2: fitThing(person),
    date3: chineseDate(dueDate),
    thing4: fitThing(tip),
  };
}

/** Care reminders (lens cleaning, child re-check, adult renewal, contact lenses running out). */
export function careText(
  kind: 'lens_cleaning' | 'child_recheck' | 'adult_renewal' | 'contact_lens_refill',
  person: string,
  dueDate: string,
  detail: { months?: number; lastExam?: string; runsOut?: string },
): ReminderText {
  switch (kind) {
    case 'lens_cleaning': {
      const tip = '欢迎到店免费清洗、调整镜架';
      return {
        title: '镜片清洁提醒',
        body: `您的眼镜该做清洁保养了（建议每 ${detail.months ?? 6} 个月一次），${tip}。`,
        fields: careFields('镜片清洁保养', person, dueDate, tip),
        label: '镜片清洁',
      };
    }
    case 'child_recheck': {
      const tip = '建议预约复查，关注近视变化';
      return {
        title: '视力复查提醒',
        body: `${person}的视力复查到期了（上次验光 ${detail.lastExam ?? ''}），${tip}。`,
        fields: careFields('儿童视力复查', person, dueDate, tip),
        label: '复查',
      };
    }
    case 'adult_renewal': {
      const tip = '验光单已满一年，建议重新验光';
      return {
        title: '验光到期提醒',
        body: `${person}的验光单（${detail.lastExam ?? ''}）已满 12 个月，建议重新验光。`,
        fields: careFields('验光复查', person, dueDate, tip),
        label: '验光',
      };
    }
    case 'contact_lens_refill': {
      const tip = `预计${chineseDate(detail.runsOut ?? dueDate)}用完`;
      return {
        title: '隐形眼镜续购提醒',
        body: `您的隐形眼镜预计 ${detail.runsOut ?? ''} 用完，记得及时补货。`,
        fields: careFields('隐形眼镜续购', person, dueDate, tip),
        label: '隐形眼镜续购',
      };
    }
  }
}

/** `2026-12-01T02:00:00Z` → `2026-12-01 10:00` (Asia/Shanghai). */
function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function couponExpiringText(couponName: string, validTo: Date): ReminderText {
  const until = shanghaiTime(validTo);
  return {
    title: '优惠券即将过期',
    body: `您的「${couponName}」将于 ${until} 过期，别忘了使用。`,
    fields: { thing1: fitThing(couponName), time2: until, thing3: fitThing('即将过期，别忘了使用') },
    label: '优惠券到期',
  };
}

export function tradeInCreditedText(amount: number, validTo: Date): ReminderText {
  const until = shanghaiTime(validTo);
  return {
    title: '以旧换新抵用券已到账',
    body: `以旧换新抵用券 ¥${formatFen(amount)} 已到账，有效期至 ${until}，可在购买新镜框、镜片时使用。`,
    fields: {
      thing1: fitThing(`以旧换新抵用券¥${formatFen(amount)}`),
      time2: until,
      thing3: fitThing('已到账，购买新镜时可用'),
    },
    label: '以旧换新',
  };
}

export function orderReadyText(orderNo: string, now: Date): ReminderText {
  return {
    title: '眼镜可以取了',
    body: `订单 ${orderNo} 已加工完成，欢迎到店取件。`,
    fields: {
      character_string1: orderNo.slice(0, 32),
      thing2: fitThing('您的眼镜已加工完成'),
      phrase3: '待取件',
      time4: shanghaiTime(now),
    },
    label: '取件',
  };
}

export function orderRefundedText(orderNo: string, amount: number, now: Date): ReminderText {
  return {
    title: '退款已完成',
    body: `订单 ${orderNo} 已退款 ¥${formatFen(amount)}，原路退回。`,
    fields: {
      character_string1: orderNo.slice(0, 32),
      thing2: fitThing(`退款¥${formatFen(amount)}已原路退回`),
      phrase3: '已退款',
      time4: shanghaiTime(now),
    },
    label: '退款',
  };
}

export function groupBuyText(productName: string, completed: boolean): ReminderText {
  return completed
    ? {
        title: '拼团成功',
        body: `您参加的「${productName}」拼团已成团，订单已确认。`,
        fields: {
          thing1: fitThing(productName),
          phrase2: '拼团成功',
          thing3: fitThing('订单已确认，请留意取件通知'),
        },
        label: '拼团',
      }
    : {
        title: '拼团未成功',
        body: `您参加的「${productName}」拼团未在时限内成团，款项将原路退回。`,
        fields: { thing1: fitThing(productName), phrase2: '拼团失败', thing3: fitThing('款项将原路退回') },
        label: '拼团',
      };
}

export function welcomeText(couponName: string | null): ReminderText {
  return {
    title: '欢迎来到镜环',
    body: couponName
      ? `欢迎加入！新人礼「${couponName}」已放入您的卡包，到店或线上下单都可使用。`
      : '欢迎加入！验光记录、取件和护理提醒都会在这里通知您。',
    fields: null,
    label: '欢迎',
  };
}

export const PAGE_FOR = (kind: ReminderKind): string => PAGE_OF[kind] ?? DEFAULT_PAGE;
