import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { Cart } from '@lensloop/shared';
import { PriceTag } from '../../../components/price-tag';
import { PricedItemRow } from '../../../components/priced-item-row';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view';
import { usePageTitle } from '../../../hooks/use-locale';
import { errorMessage, t } from '../../../i18n';
import { getCart, removeFromCart, setCartQuantity } from '../../../services/orders';
import './index.scss';

export default function CartPage() {
  usePageTitle('title.cart');
  const [cart, setCart] = useState<Cart | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run(change: () => Promise<Cart>): Promise<void> {
    try {
      setCart(await change());
      setError(null);
    } catch (changeError) {
      if (cart) void Taro.showToast({ title: errorMessage(changeError), icon: 'none' });
      else setError(changeError);
    }
  }

  useDidShow(() => {
    void run(() => getCart());
  });

  if (error) return <ErrorState error={error} onRetry={() => void run(() => getCart())} />;
  if (!cart) return <LoadingState />;
  if (cart.items.length === 0) return <EmptyState title={t('cart.empty')} />;
  const orderable = cart.items.filter((item) => !item.problem);

  return (
    <View className="cart-page" data-testid="cart">
      {cart.items.map((item) => (
        <PricedItemRow key={item.id} item={item}>
          <View className="cart-page__controls">
            {item.problem ? <Tag type="danger">{t(`cart.problem.${item.problem}`)}</Tag> : null}
            <Button
              size="small"
              role="button"
              aria-label={t('cart.decrease')}
              disabled={item.quantity <= 1}
              onClick={() => void run(() => setCartQuantity(item.id, item.quantity - 1))}
            >
              −
            </Button>
            <Button
              size="small"
              role="button"
              aria-label={t('cart.increase')}
              onClick={() => void run(() => setCartQuantity(item.id, item.quantity + 1))}
            >
              +
            </Button>
            <Button
              size="small"
              type="danger"
              fill="outline"
              role="button"
              aria-label={t('cart.remove')}
              onClick={() => void run(() => removeFromCart(item.id))}
            >
              {t('cart.remove')}
            </Button>
          </View>
        </PricedItemRow>
      ))}
      <View className="bottom-bar">
        <Text>{t('checkout.payable')}</Text>
        <PriceTag amount={cart.subtotal} testId="cart-subtotal" />
        <Button
          type="primary"
          role="button"
          aria-label={t('cart.checkout')}
          disabled={orderable.length === 0}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/shopping/checkout/index' })}
        >
          {t('cart.checkout')}
        </Button>
      </View>
    </View>
  );
}
