import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrderSummary } from '@lensloop/shared';
import { t } from '../i18n';
import { OrderStatusTag } from './order-status-tag';
import { PriceTag } from './price-tag';
import { ProductImage } from './product-image';
import './order-card.scss';

/** An order in a list: picture, first item, count, status and amount; opens its page. */
export function OrderCard({ order, url }: { order: OrderSummary; url?: string }) {
  return (
    <View
      className="order-card"
      role={url ? 'link' : undefined}
      data-testid={`order-${order.id}`}
      onClick={() => url && void Taro.navigateTo({ url })}
    >
      <ProductImage className="order-card__image" src={order.imageUrl} alt="" />
      <View className="order-card__body">
        <View className="order-card__head">
          <Text className="order-card__no">{t('order.no', { no: order.no })}</Text>
          <OrderStatusTag status={order.status} />
        </View>
        <Text className="order-card__name">{order.firstItemName}</Text>
        <View className="order-card__head">
          <Text className="order-card__meta">{t('order.items', { count: order.itemCount })}</Text>
          <PriceTag amount={order.payable} />
        </View>
      </View>
    </View>
  );
}
