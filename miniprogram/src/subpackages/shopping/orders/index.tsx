import { useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { OrderSummary } from '@lensloop/shared';
import { OrderCard } from '../../../components/order-card';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view';
import { usePageTitle } from '../../../hooks/use-locale';
import { t } from '../../../i18n';
import { listOrders } from '../../../services/orders';

export default function OrdersPage() {
  usePageTitle('title.orders');
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load(): Promise<void> {
    try {
      setOrders((await listOrders(1)).items);
      setError(null);
    } catch (loadError) {
      setError(loadError);
    }
  }

  useDidShow(() => {
    void load();
  });

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!orders) return <LoadingState />;
  if (orders.length === 0) return <EmptyState title={t('orders.empty')} />;
  return (
    <View className="orders-page" data-testid="orders">
      {orders.map((order) => (
        <OrderCard key={order.id} order={order} url={`/subpackages/shopping/order/index?id=${order.id}`} />
      ))}
    </View>
  );
}
