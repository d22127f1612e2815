import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ProductSummary } from '@lensloop/shared';
import { PriceTag } from './price-tag';
import { ProductImage } from './product-image';
import './product-card.scss';

export function openProduct(id: number): void {
  void Taro.navigateTo({ url: `/pages/product/index?id=${id}` });
}

/** A product in a two-column grid: picture, name, brand and lowest price. */
export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <View
      className="product-card"
      role="link"
      data-testid={`product-${product.id}`}
      onClick={() => openProduct(product.id)}
    >
      <ProductImage className="product-card__image" src={product.imageUrl} alt="" />
      <View className="product-card__body">
        <Text className="product-card__name">{product.name}</Text>
        <Text className="product-card__brand">{product.brand}</Text>
        <PriceTag amount={product.priceFrom} category={product.category} from />
      </View>
    </View>
  );
}
