import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Quote } from '@lensloop/shared';
import { t } from '../i18n';
import { ChoiceChip } from './choice-chip';
import { priceText } from './price-tag';
import './wallet-row.scss';

/** Where the top-up suggestion leads: the top-up page, the suggested plan picked. */
export const TOP_UP_URL = '/subpackages/wallet/top-up/index';

interface WalletRowProps {
  quote: Pick<Quote, 'wallet' | 'balancePaid'>;
  useBalance: boolean;
  onChange: (useBalance: boolean) => void;
}

/**
 * Checkout's stored-value row: the balance, a toggle to pay from it (the rest goes to WeChat Pay)
 * and, when the balance does not cover the order, the top-up that would ("充 ¥100 即可全额抵扣").
 */
export function WalletRow({ quote, useBalance, onChange }: WalletRowProps) {
  const { balance, suggestedPlan } = quote.wallet;
  const empty = balance === 0;
  return (
    <View className="wallet-row" data-testid="wallet-row">
      <View className="wallet-row__line">
        <View className="wallet-row__text">
          <Text className="wallet-row__title">{t('me.balance')}</Text>
          <Text className="wallet-row__hint" data-testid="wallet-balance">
            {t('wallet.available', { amount: priceText(balance) })}
          </Text>
        </View>
        {empty ? null : (
          <ChoiceChip
            role="checkbox"
            label={t('wallet.pay')}
            active={useBalance}
            testId="wallet-switch"
            onClick={() => onChange(!useBalance)}
          />
        )}
      </View>
      {useBalance && quote.balancePaid > 0 ? (
        <Text className="wallet-row__hint" data-testid="wallet-paid">
          {t('wallet.paying', { amount: priceText(quote.balancePaid) })}
        </Text>
      ) : null}
      {suggestedPlan ? (
        <View
          className="wallet-row__suggestion"
          role="link"
          aria-label={t('wallet.suggestion', {
            pay: priceText(suggestedPlan.pay),
            credit: priceText(suggestedPlan.credit),
          })}
          data-testid="wallet-suggestion"
          onClick={() => void Taro.navigateTo({ url: `${TOP_UP_URL}?planId=${suggestedPlan.id}` })}
        >
          <Text>
            {t('wallet.suggestion', {
              pay: priceText(suggestedPlan.pay),
              credit: priceText(suggestedPlan.credit),
            })}
          </Text>
          <Text aria-hidden>›</Text>
        </View>
      ) : null}
    </View>
  );
}
