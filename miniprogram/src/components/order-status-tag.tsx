import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import type { OrderStatus } from '@lensloop/shared';
import { t } from '../i18n';

const TONE: Partial<Record<OrderStatus, 'primary' | 'success' | 'warning' | 'danger'>> = {
  pending_payment: 'warning',
  ready_for_pickup: 'success',
  completed: 'success',
  cancelled: 'danger',
  refunded: 'danger',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  return (
    <View className="order-status-tag" data-testid="order-status">
      <Tag type={TONE[status] ?? 'primary'}>{t(`orderStatus.${status}`)}</Tag>
    </View>
  );
}
