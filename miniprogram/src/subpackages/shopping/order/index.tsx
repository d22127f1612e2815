import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { shanghaiDateTime } from '@lensloop/shared';
import { OrderStatusTag } from '../../../components/order-status-tag';
import { PriceBreakdown } from '../../../components/price-breakdown';
import { PricedItemRow } from '../../../components/priced-item-row';
import { PageState } from '../../../components/page-state';
import { SubscribePrompt } from '../../../components/subscribe-prompt';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { cancelOrder, getOrder, payOrder } from '../../../services/orders';
import './index.scss';

export default function OrderPage() {
  usePageTitle('title.order');
  const id = Number(useRouter().params.id);
  const page = usePageData(() => getOrder(id), [id]);
  const [busy, setBusy] = useState(false);

  async function act(action: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    try {
      await action();
    } catch (actionError) {
      void Taro.showToast({ title: errorMessage(actionError), icon: 'none' });
    } finally {
      setBusy(false);
      await page.reload();
    }
  }

  async function cancel(): Promise<void> {
    const { confirm } = await Taro.showModal({ content: t('order.cancelConfirm') });
    if (confirm) await act(() => cancelOrder(id));
  }

  return (
    <PageState page={page}>
      {(order) => (
        <View className="order-page" data-testid="order">
          <View className="order-page__head">
            <OrderStatusTag status={order.status} />
            <Text className="order-page__no">{t('order.no', { no: order.no })}</Text>
            {order.status === 'pending_payment' ? (
              <Text className="order-page__no">
                {t('order.expires', { time: shanghaiDateTime(new Date(order.expiresAt)) })}
              </Text>
            ) : null}
          </View>
          {/* After payment, before the glasses are made: when the "ready for pickup" notice helps. */}
          {order.kind === 'goods' &&
          order.fulfilment === 'pickup' &&
          (order.status === 'paid' || order.status === 'processing') ? (
            <SubscribePrompt kinds={['order_ready']} question={t('subscribe.askOrderReady')} />
          ) : null}
          {order.items.map((item, index) => (
            <PricedItemRow key={index} item={item}>
              {item.lens ? (
                <Text className="priced-item__meta">
                  {item.prescriptionId ? t('order.prescriptionAttached') : t('checkout.prescriptionLater')}
                </Text>
              ) : null}
            </PricedItemRow>
          ))}
          <PriceBreakdown amounts={order} testIdPrefix="order">
            <Cell title={t('checkout.fulfilment')} extra={t(`fulfilment.${order.fulfilment}`)} />
          </PriceBreakdown>
          <View
            className="order-page__timeline"
            role="list"
            aria-label={t('order.timeline')}
            data-testid="timeline"
          >
            <Text className="order-page__title">{t('order.timeline')}</Text>
            {[...order.timeline].reverse().map((event, index) => (
              <View key={index} className="order-page__event" role="listitem">
                <Text className="order-page__event-status">{t(`orderStatus.${event.to}`)}</Text>
                <Text className="order-page__event-meta">
                  {shanghaiDateTime(new Date(event.at))} · {t(`actor.${event.actor}`)}
                </Text>
              </View>
            ))}
          </View>
          {order.status === 'pending_payment' ? (
            <View className="bottom-bar">
              <Button
                type="default"
                role="button"
                aria-label={t('order.cancel')}
                disabled={busy}
                onClick={() => void cancel()}
              >
                {t('order.cancel')}
              </Button>
              <Button
                type="primary"
                role="button"
                aria-label={t('order.pay')}
                loading={busy}
                onClick={() => void act(() => payOrder(id))}
              >
                {t('order.pay')}
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </PageState>
  );
}
