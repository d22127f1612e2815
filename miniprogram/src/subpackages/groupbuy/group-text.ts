import type { Fen } from '@lensloop/shared';
import { priceText } from '../../components/price-tag';
import { t } from '../../i18n';

/** A seat's price: "免费" for a 0-yuan deal. */
export function groupPriceText(amount: Fen): string {
  return amount === 0 ? t('groupBuy.free') : priceText(amount);
}
