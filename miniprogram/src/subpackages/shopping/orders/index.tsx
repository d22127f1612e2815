import { View } from '@tarojs/components';
import { OrderCard } from '../../../components/order-card';
import { PageState } from '../../../components/page-state';
import { usePageData } from '../../../hooks/use-page-data';
import { usePageTitle } from '../../../hooks/use-locale';
import { t } from '../../../i18n';
import { listOrders } from '../../../services/orders';

export default function OrdersPage() {
  usePageTitle('title.orders');
  const page = usePageData(async () => (await listOrders(1)).items, []);

  return (
    <PageState page={page} isEmpty={(orders) => orders.length === 0} emptyTitle={t('orders.empty')}>
      {(orders) => (
        <View className="orders-page" data-testid="orders">
          {orders.map((order) => (
            <OrderCard
              key={order.id}
              order={order}
              url={`/subpackages/shopping/order/index?id=${order.id}`}
            />
          ))}
        </View>
      )}
    </PageState>
  );
}
