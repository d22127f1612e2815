import type { TradeIn, TradeInQuote } from '@lensloop/shared';
import { t } from '../i18n';
import { priceText } from './price-tag';

/** "200.00 元 – 350.00 元". */
export function estimateText(quote: TradeInQuote): string {
  return t('tradeIn.range', { min: priceText(quote.estimateMin), max: priceText(quote.estimateMax) });
}

/** "钛 · 轻奢品牌 · 3 年 · 良好". */
export function tradeInSummary(tradeIn: TradeIn): string {
  return [
    t(`tradeIn.category.${tradeIn.category}`),
    t(`tradeIn.material.${tradeIn.material}`),
    t(`tradeIn.brandTier.${tradeIn.brandTier}`),
    t('tradeIn.years', { years: tradeIn.ageYears }),
    t(`tradeIn.condition.${tradeIn.condition}`),
  ].join(' · ');
}
