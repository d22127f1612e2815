import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { nextStaffStatus, type OrderSummary } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { OrderCard } from '../../../components/order-card';
import { listStaffOrders, moveOrder } from '../../../services/orders';
import './index.scss';

/** Today's orders of the staff member's store, each with the one next step the store takes. */
export default function StaffOrdersPage() {
  usePageTitle('title.staffOrders');
  const page = usePageData(async () => (await listStaffOrders()).items, []);

  async function move(order: OrderSummary): Promise<void> {
    const next = nextStaffStatus(order.status, order.fulfilment);
    if (!next) return;
    try {
      await moveOrder(order.id, next);
      void Taro.showToast({ title: t('staff.moved', { status: t(`orderStatus.${next}`) }), icon: 'success' });
    } catch (moveError) {
      void Taro.showToast({ title: errorMessage(moveError), icon: 'none' });
    }
    await page.reload();
  }

  return (
    <PageState page={page} isEmpty={(orders) => orders.length === 0} emptyTitle={t('staff.ordersEmpty')}>
      {(orders) => (
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
      )}
    </PageState>
  );
}
