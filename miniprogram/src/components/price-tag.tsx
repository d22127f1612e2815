import { Text } from '@tarojs/components';
import { formatFen, type Fen, type ProductCategory } from '@lensloop/shared';
import { t } from '../i18n';
import './price-tag.scss';

/** What one price buys: a pair of frames or lenses, a box of contact lenses… */
const UNIT_BY_CATEGORY = {
  frames: 'unit.pair',
  lenses: 'unit.pair',
  contacts: 'unit.box',
  care: 'unit.piece',
  services: 'unit.time',
} as const satisfies Record<ProductCategory, string>;

/** "299.00 元", or "299.00 元/副" with the category's unit: readable without knowing the ¥ sign. */
export function priceText(amount: Fen, category?: ProductCategory): string {
  const yuan = formatFen(amount).replace('¥', '');
  return category
    ? t('price.yuanPer', { amount: yuan, unit: t(UNIT_BY_CATEGORY[category]) })
    : t('price.yuan', { amount: yuan });
}

interface PriceTagProps {
  amount: Fen;
  /** Says per what the price is (a unit price of a product of this category). */
  category?: ProductCategory;
  /** Shows "x 元起" for the lowest price of a product with several SKUs. */
  from?: boolean;
  size?: 'normal' | 'large';
  testId?: string;
}

export function PriceTag({ amount, category, from = false, size = 'normal', testId }: PriceTagProps) {
  const price = priceText(amount, category);
  return (
    <Text className={`price-tag price-tag--${size}`} data-testid={testId}>
      {from ? t('common.priceFrom', { price }) : price}
    </Text>
  );
}
