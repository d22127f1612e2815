import {
  shanghaiDateTime,
  type CouponOffer,
  type CouponValidity,
  type QuoteCouponOption,
} from '@lensloop/shared';
import { t } from '../i18n';
import { priceText } from './price-tag';

/** "减 20 元" / "8.5 折（最多减 100 元）" / "免费服务". */
export function couponValueText(offer: CouponOffer): string {
  if (offer.kind === 'amount_off') return t('coupon.amountOff', { amount: priceText(offer.amountOff ?? 0) });
  if (offer.kind === 'percent_off') {
    // 20 % off is 八折: pay (100 − 20) / 10 tenths.
    const tenths = String((100 - (offer.percentOff ?? 0)) / 10);
    return offer.maxDiscount
      ? t('coupon.percentOffCapped', { tenths, max: priceText(offer.maxDiscount) })
      : t('coupon.percentOff', { tenths });
  }
  return t('coupon.freeService');
}

/** "满 300 元可用" (满减) or "无门槛". */
export function couponThresholdText(offer: CouponOffer): string {
  return offer.threshold > 0
    ? t('coupon.threshold', { amount: priceText(offer.threshold) })
    : t('coupon.noThreshold');
}

/** "全场通用" / "限 镜架、镜片" / "限指定商品". */
export function couponScopeText(offer: CouponOffer): string {
  if (offer.scope.productIds?.length) return t('coupon.scopeProducts');
  if (offer.scope.categories?.length) {
    return t('coupon.scopeCategories', {
      categories: offer.scope.categories.map((category) => t(`category.${category}`)).join('、'),
    });
  }
  return t('coupon.scopeAll');
}

/** Minutes, Asia/Shanghai: "2026-12-01 10:00". */
export function instantText(instant: string): string {
  return shanghaiDateTime(new Date(instant));
}

export function couponValidityText(validity: CouponValidity | { from: string; to: string }): string {
  return 'days' in validity
    ? t('coupon.validDays', { days: validity.days })
    : t('coupon.validRange', { from: instantText(validity.from), to: instantText(validity.to) });
}

/** Why a coupon does not apply to this order, in words. */
export function couponReasonText(option: QuoteCouponOption): string {
  return option.reason ? t(`coupon.reason.${option.reason}`) : '';
}
