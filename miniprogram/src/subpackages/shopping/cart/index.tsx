import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { Cart } from '@lensloop/shared';
import { PriceTag } from '../../../components/price-tag';
import { PricedItemRow } from '../../../components/priced-item-row';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { getCart, removeFromCart, setCartQuantity } from '../../../services/orders';
import './index.scss';

export default function CartPage() {
  usePageTitle('title.cart');
  const page = usePageData(() => getCart(), []);

  async function run(change: () => Promise<Cart>): Promise<void> {
    try {
      page.setData(await change());
    } catch (changeError) {
      void Taro.showToast({ title: errorMessage(changeError), icon: 'none' });
    }
  }

  return (
    <PageState page={page} isEmpty={(cart) => cart.items.length === 0} emptyTitle={t('cart.empty')}>
      {(cart) => (
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
              disabled={cart.items.every((item) => item.problem)}
              onClick={() => void Taro.navigateTo({ url: '/subpackages/shopping/checkout/index' })}
            >
              {t('cart.checkout')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
