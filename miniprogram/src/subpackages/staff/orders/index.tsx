import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { nextStaffStatus, type OrderSummary } from '@lensloop/shared';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t } from '../../../i18n';
import { OrderCard } from '../../../components/order-card';
import { listStaffOrders, moveOrder } from '../../../services/orders';
import './index.scss';

/** Today's orders of the staff member's store, each with the one next step the store takes. */
export default function StaffOrdersPage() {
  usePageTitle('title.staffOrders');
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load(): Promise<void> {
    try {
      setOrders((await listStaffOrders()).items);
      setError(null);
    } catch (loadError) {
      setError(loadError);
    }
  }

  useDidShow(() => {
    void load();
  });

  async function move(order: OrderSummary): Promise<void> {
    const next = nextStaffStatus(order.status, order.fulfilment);
    if (!next) return;
    try {
      await moveOrder(order.id, next);
      void Taro.showToast({ title: t('staff.moved', { status: t(`orderStatus.${next}`) }), icon: 'success' });
    } catch (moveError) {
      void Taro.showToast({ title: errorMessage(moveError), icon: 'none' });
    }
    await load();
  }

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!orders) return <LoadingState />;
  if (orders.length === 0) return <EmptyState title={t('staff.ordersEmpty')} />;
  return (
    <View className="staff-orders" data-testid="staff-orders">
      {orders.map((order) => {
        const next = nextStaffStatus(order.status, order.fulfilment);
        return (
          <View key={order.id} className="staff-orders__item">
            <OrderCard order={order} />
            {next ? (
              <View className="staff-orders__action">
                <Text className="staff-orders__hint">{t(`orderStatus.${order.status}`)}</Text>
                <Button
                  size="small"
                  type="primary"
                  role="button"
                  aria-label={`${t('order.no', { no: order.no })} ${t('staff.moveTo', { status: t(`orderStatus.${next}`) })}`}
                  onClick={() => void move(order)}
                >
                  {t('staff.moveTo', { status: t(`orderStatus.${next}`) })}
                </Button>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
