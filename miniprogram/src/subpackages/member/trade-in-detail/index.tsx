import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { TradeInPhotos } from '../../../components/authorized-image';
import { PageState } from '../../../components/page-state';
import { priceText } from '../../../components/price-tag';
import { estimateText, tradeInSummary } from '../../../components/trade-in-text';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { cancelTradeIn, getMyTradeIn } from '../../../services/trade-ins';
import '../member.scss';

/** One trade-in: status, estimate, the final amount and credit coupon, or why it was rejected. */
export default function TradeInDetailPage() {
  usePageTitle('title.tradeInDetail');
  const id = Number(useRouter().params.id);
  const page = usePageData(() => getMyTradeIn(id), [id]);
  const [cancelling, setCancelling] = useState(false);

  async function cancel(): Promise<void> {
    const { confirm } = await Taro.showModal({
      title: t('tradeIn.cancel'),
      content: t('tradeIn.cancelConfirm'),
    });
    if (!confirm) return;
    setCancelling(true);
    try {
      page.setData(await cancelTradeIn(id));
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setCancelling(false);
    }
  }

  return (
    <PageState page={page}>
      {(tradeIn) => (
        <View className="member-page" data-testid="trade-in-detail">
          <View className="member-page__section">
            <Text className="member-page__status" data-testid="trade-in-status">
              {t(`tradeIn.status.${tradeIn.status}`)}
            </Text>
            <Text className="member-page__text">{tradeInSummary(tradeIn)}</Text>
            <Text className="member-page__hint">
              {t('tradeIn.estimateIs', { range: estimateText(tradeIn) })}
            </Text>
            {tradeIn.finalAmount !== null ? (
              <Text className="member-page__estimate" data-testid="trade-in-final">
                {t('tradeIn.finalAmount', { amount: priceText(tradeIn.finalAmount) })}
              </Text>
            ) : null}
            {tradeIn.inspectionNote ? (
              <Text className="member-page__text">{t('tradeIn.note', { note: tradeIn.inspectionNote })}</Text>
            ) : null}
            {tradeIn.rejectReason ? (
              <Text className="member-page__error" data-testid="trade-in-reject-reason">
                {t('tradeIn.rejectReason', { reason: tradeIn.rejectReason })}
              </Text>
            ) : null}
            {tradeIn.status === 'submitted' ? (
              <Text className="member-page__hint">{t('tradeIn.bringToStore')}</Text>
            ) : null}
          </View>
          {tradeIn.couponId !== null ? (
            <View className="member-page__section">
              <Text className="member-page__text" data-testid="trade-in-credit">
                {t('tradeIn.creditIssued')}
              </Text>
              <Button
                size="small"
                type="primary"
                role="link"
                aria-label={t('title.myCoupons')}
                onClick={() => void Taro.navigateTo({ url: '/subpackages/member/coupons/index' })}
              >
                {t('title.myCoupons')}
              </Button>
            </View>
          ) : null}
          <View className="member-page__section">
            <Text className="member-page__title">{t('tradeIn.photosTitle')}</Text>
            <TradeInPhotos
              photos={tradeIn.photos}
              rowClassName="member-page__photos"
              photoClassName="member-page__photo"
            />
          </View>
          {tradeIn.status === 'submitted' ? (
            <View className="member-page__actions">
              <Button
                block
                type="default"
                loading={cancelling}
                role="button"
                aria-label={t('tradeIn.cancel')}
                onClick={() => void cancel()}
              >
                {t('tradeIn.cancel')}
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </PageState>
  );
}
