import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { shanghaiDateTime, type WalletLedgerEntry, type WalletPlan } from '@lensloop/shared';
import { ChoiceChip } from '../../../components/choice-chip';
import { PageState } from '../../../components/page-state';
import { priceText } from '../../../components/price-tag';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import {
  getMyWallet,
  listMyWalletLedger,
  listWalletPlans,
  payTopUp,
  startTopUp,
} from '../../../services/wallet';
import { useSession } from '../../../stores/session';
import './index.scss';

/** "充 ¥1,000 得 ¥1,100" as a chip label; the bonus said apart when there is one. */
function planLabel(plan: WalletPlan): string {
  const bonus = plan.credit - plan.pay;
  return bonus > 0
    ? t('wallet.planWithBonus', { pay: priceText(plan.pay), bonus: priceText(bonus) })
    : t('wallet.plan', { pay: priceText(plan.pay) });
}

function signed(entry: WalletLedgerEntry): string {
  return `${entry.amount > 0 ? '+' : '-'}${priceText(Math.abs(entry.amount))}`;
}

/** Top up the stored value (plans with a bonus) and read the ledger, newest first. */
export default function TopUpPage() {
  usePageTitle('title.topUp');
  const { member } = useSession();
  const asked = Number(useRouter().params.planId) || null;
  const page = usePageData(async () => {
    const [wallet, plans, ledger] = await Promise.all([
      getMyWallet(),
      listWalletPlans(),
      listMyWalletLedger(1),
    ]);
    return { wallet, plans, ledger: ledger.items };
  }, []);
  const [picked, setPicked] = useState<number | null>(null);
  const [paying, setPaying] = useState(false);
  const plans = page.data?.plans ?? [];
  const planId = picked ?? (plans.some((plan) => plan.id === asked) ? asked : (plans[0]?.id ?? null));

  async function topUp(): Promise<void> {
    if (!planId || paying) return;
    setPaying(true);
    try {
      const started = await startTopUp(planId, member?.homeStoreId ?? undefined);
      await payTopUp(started);
      void Taro.showToast({ title: t('wallet.paid'), icon: 'success' });
      await page.reload();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setPaying(false);
    }
  }

  return (
    <PageState page={page}>
      {({ wallet, ledger }) => (
        <View className="top-up-page" data-testid="top-up">
          <View className="top-up-page__balance">
            <Text className="top-up-page__label">{t('wallet.balance')}</Text>
            <Text className="top-up-page__amount" data-testid="wallet-page-balance">
              {priceText(wallet.balance)}
            </Text>
            <Text className="top-up-page__hint">
              {t('wallet.split', { principal: priceText(wallet.principal), bonus: priceText(wallet.bonus) })}
            </Text>
          </View>
          <View className="top-up-page__section" role="radiogroup" aria-label={t('wallet.plans')}>
            <Text className="top-up-page__title">{t('wallet.plans')}</Text>
            {plans.length === 0 ? <Text className="top-up-page__hint">{t('wallet.noPlans')}</Text> : null}
            <View className="top-up-page__choices">
              {plans.map((plan) => (
                <ChoiceChip
                  key={plan.id}
                  label={planLabel(plan)}
                  active={plan.id === planId}
                  testId={`plan-${plan.id}`}
                  onClick={() => setPicked(plan.id)}
                />
              ))}
            </View>
            <Text className="top-up-page__hint">{t('wallet.refundRule')}</Text>
          </View>
          <View className="top-up-page__section">
            <Text className="top-up-page__title">{t('wallet.ledger')}</Text>
            {ledger.length === 0 ? (
              <Text className="top-up-page__hint">{t('wallet.ledgerEmpty')}</Text>
            ) : null}
            <Cell.Group>
              {ledger.map((entry) => (
                <Cell
                  key={entry.id}
                  title={t(`walletEntry.${entry.kind}`)}
                  description={shanghaiDateTime(new Date(entry.createdAt))}
                  extra={
                    <View className="top-up-page__entry">
                      <Text className={entry.amount > 0 ? 'top-up-page__in' : 'top-up-page__out'}>
                        {signed(entry)}
                      </Text>
                      <Text className="top-up-page__hint">
                        {t('wallet.after', { amount: priceText(entry.balanceAfter) })}
                      </Text>
                    </View>
                  }
                />
              ))}
            </Cell.Group>
          </View>
          <View className="bottom-bar">
            <Button
              block
              type="primary"
              loading={paying}
              disabled={!planId}
              role="button"
              aria-label={t('wallet.topUp')}
              onClick={() => void topUp()}
            >
              {t('wallet.topUp')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
