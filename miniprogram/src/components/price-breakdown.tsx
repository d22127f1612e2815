import type { ReactNode } from 'react';
import { Cell } from '@nutui/nutui-react-taro';
import type { Quote } from '@lensloop/shared';
import { t } from '../i18n';
import { PriceTag } from './price-tag';

type Amounts = Pick<
  Quote,
  'subtotal' | 'memberDiscount' | 'discount' | 'pointsDiscount' | 'balancePaid' | 'payable'
>;

/**
 * The price of an order, reduction by reduction in the order the server takes them (member
 * discount, coupon, points, stored value) down to what WeChat Pay collects: at checkout and on
 * the order. `testIdPrefix` names the figures for the tests (`checkout-payable`, `order-payable`).
 */
export function PriceBreakdown({
  amounts,
  testIdPrefix,
  children,
}: {
  amounts: Amounts;
  testIdPrefix: string;
  children?: ReactNode;
}) {
  const reduction = (key: 'memberDiscount' | 'pointsDiscount' | 'balancePaid', testId: string) =>
    amounts[key] > 0 ? (
      <Cell
        title={t(`checkout.${key}`)}
        extra={<PriceTag amount={amounts[key]} testId={`${testIdPrefix}-${testId}`} />}
      />
    ) : null;
  return (
    <Cell.Group>
      <Cell title={t('checkout.subtotal')} extra={<PriceTag amount={amounts.subtotal} />} />
      {reduction('memberDiscount', 'member-discount')}
      <Cell
        title={t('checkout.discount')}
        extra={<PriceTag amount={amounts.discount} testId={`${testIdPrefix}-discount`} />}
      />
      {reduction('pointsDiscount', 'points-discount')}
      {reduction('balancePaid', 'balance-paid')}
      <Cell
        title={t('checkout.payable')}
        extra={<PriceTag amount={amounts.payable} size="large" testId={`${testIdPrefix}-payable`} />}
      />
      {children}
    </Cell.Group>
  );
}
