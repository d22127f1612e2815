import { Text } from '@tarojs/components';
import { formatFen, type Fen } from '@lensloop/shared';
import { t } from '../i18n';
import './price-tag.scss';

interface PriceTagProps {
  amount: Fen;
  /** Shows "¥x 起" for the lowest price of a product with several SKUs. */
  from?: boolean;
  size?: 'normal' | 'large';
  testId?: string;
}

export function PriceTag({ amount, from = false, size = 'normal', testId }: PriceTagProps) {
  const price = formatFen(amount);
  return (
    <Text className={`price-tag price-tag--${size}`} data-testid={testId}>
      {from ? t('common.priceFrom', { price }) : price}
    </Text>
  );
}
