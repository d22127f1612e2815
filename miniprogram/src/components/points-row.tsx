import { Text, View } from '@tarojs/components';
import type { QuoteMembership } from '@lensloop/shared';
import { t } from '../i18n';
import { ChoiceChip } from './choice-chip';
import { priceText } from './price-tag';
import './points-row.scss';

interface PointsRowProps {
  membership: QuoteMembership;
  /** Points chosen now (0: none). */
  value: number;
  /** What the points pay in this quote, fen. */
  pointsDiscount: number;
  onChange: (points: number) => void;
}

/** Checkout: pay with points, up to what the order takes (`maxPoints`), and what the order earns. */
export function PointsRow({ membership, value, pointsDiscount, onChange }: PointsRowProps) {
  const usable = membership.maxPoints > 0;
  const label = !usable
    ? t('checkout.pointsNone', { balance: membership.pointsBalance })
    : value > 0
      ? t('checkout.pointsUse', { points: value, amount: priceText(pointsDiscount) })
      : t('checkout.pointsAvailable', { points: membership.maxPoints });
  return (
    <View className="points-row" data-testid="points-row">
      <View className="points-row__main">
        <Text className="points-row__title">{t('checkout.points')}</Text>
        <Text className="points-row__text" data-testid="points-row-text">
          {label}
        </Text>
        {membership.pointsToEarn > 0 ? (
          <Text className="points-row__hint">
            {t('checkout.pointsToEarn', { points: membership.pointsToEarn })}
          </Text>
        ) : null}
      </View>
      {usable ? (
        <ChoiceChip
          role="checkbox"
          label={t('checkout.pointsToggle')}
          active={value > 0}
          testId="points-toggle"
          onClick={() => onChange(value > 0 ? 0 : membership.maxPoints)}
        />
      ) : null}
    </View>
  );
}
