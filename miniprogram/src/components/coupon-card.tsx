import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CouponOffer, CouponValidity } from '@lensloop/shared';
import { couponScopeText, couponThresholdText, couponValidityText, couponValueText } from './coupon-offer';
import './coupon-card.scss';

interface CouponCardProps {
  offer: CouponOffer;
  validity: CouponValidity;
  /** Greyed out (used, expired). */
  muted?: boolean;
  testId?: string;
  /** Actions or a status on the right. */
  children?: ReactNode;
}

/** One coupon's offer: value, 满减 threshold, scope and validity. */
export function CouponCard({ offer, validity, muted = false, testId, children }: CouponCardProps) {
  return (
    <View className={`coupon-card${muted ? ' coupon-card--muted' : ''}`} data-testid={testId}>
      <View className="coupon-card__body">
        <Text className="coupon-card__value" data-testid="coupon-value">
          {couponValueText(offer)}
        </Text>
        <Text className="coupon-card__name" role="heading" aria-level={3}>
          {offer.name}
        </Text>
        <Text className="coupon-card__meta">{couponThresholdText(offer)}</Text>
        <Text className="coupon-card__meta">{couponScopeText(offer)}</Text>
        <Text className="coupon-card__meta">{couponValidityText(validity)}</Text>
      </View>
      {children ? <View className="coupon-card__side">{children}</View> : null}
    </View>
  );
}
