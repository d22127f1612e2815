import { Text, View } from '@tarojs/components';
import type { QuoteCoupons } from '@lensloop/shared';
import { t } from '../i18n';
import { ChoiceChip } from './choice-chip';
import { couponReasonText } from './coupon-offer';
import { priceText } from './price-tag';
import './coupon-picker.scss';

/**
 * The coupon an order uses, from the quote's options: `undefined` until the customer picks (the
 * quote's best coupon is used), a coupon id, or null for none.
 */
export function effectiveCouponId(
  picked: number | null | undefined,
  coupons: QuoteCoupons | null | undefined,
): number | null {
  if (picked !== undefined) return picked;
  return coupons?.bestCouponId ?? null;
}

interface CouponPickerProps {
  coupons: QuoteCoupons;
  /** The coupon in use (see `effectiveCouponId`). */
  selected: number | null;
  onChange: (couponId: number | null) => void;
}

/** Checkout's coupon choice: the applicable ones with what each takes off, none, and why others do not apply. */
export function CouponPicker({ coupons, selected, onChange }: CouponPickerProps) {
  if (coupons.options.length === 0) return null;
  const usable = coupons.options.filter((option) => option.reason === null);
  const unusable = coupons.options.filter((option) => option.reason !== null);
  return (
    <View
      className="coupon-picker"
      role="radiogroup"
      aria-label={t('checkout.coupon')}
      data-testid="coupon-picker"
    >
      <Text className="coupon-picker__title">{t('checkout.coupon')}</Text>
      <View className="coupon-picker__choices">
        {usable.map((option) => (
          <ChoiceChip
            key={option.couponId}
            label={t('checkout.couponChoice', {
              name: option.name,
              discount: priceText(option.discount),
              best: option.couponId === coupons.bestCouponId ? t('checkout.couponBest') : '',
            })}
            active={option.couponId === selected}
            testId="coupon-option"
            onClick={() => onChange(option.couponId)}
          />
        ))}
        <ChoiceChip
          label={t('checkout.couponNone')}
          active={selected === null}
          onClick={() => onChange(null)}
        />
      </View>
      {unusable.map((option) => (
        <Text key={option.couponId} className="coupon-picker__unusable" data-testid="coupon-unusable">
          {t('checkout.couponUnusable', { name: option.name, reason: couponReasonText(option) })}
        </Text>
      ))}
    </View>
  );
}
