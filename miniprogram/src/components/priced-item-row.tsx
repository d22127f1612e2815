import { Text, View } from '@tarojs/components';
import type { PricedItem } from '@lensloop/shared';
import { t } from '../i18n';
import { PriceTag } from './price-tag';
import { ProductImage } from './product-image';
import './priced-item-row.scss';

/** One priced line (cart or order): picture, name, attributes, lenses, line total. */
export function PricedItemRow({ item, children }: { item: PricedItem; children?: React.ReactNode }) {
  const attributes = Object.values(item.attributes).join(' / ');
  return (
    <View className="priced-item" data-testid="priced-item">
      <ProductImage className="priced-item__image" src={item.imageUrl} alt="" />
      <View className="priced-item__body">
        <Text className="priced-item__name">{item.name}</Text>
        {attributes ? <Text className="priced-item__meta">{attributes}</Text> : null}
        {item.lens ? (
          <Text className="priced-item__meta">
            {t('cart.withLens', {
              name: [item.lens.name, ...item.lens.options.map((option) => option.name)].join(' + '),
            })}
          </Text>
        ) : null}
        <View className="priced-item__footer">
          <PriceTag amount={item.lineTotal} />
          <Text className="priced-item__meta">{t('cart.quantity', { quantity: item.quantity })}</Text>
        </View>
        {children}
      </View>
    </View>
  );
}
