import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Grid } from '@nutui/nutui-react-taro';
import { PRODUCT_CATEGORIES, type ProductCategory, type Store } from '@lensloop/shared';
import { ProductCard } from '../../components/product-card';
import { ErrorState, PageState } from '../../components/page-state';
import { usePageTitle } from '../../hooks/use-locale';
import { usePageData } from '../../hooks/use-page-data';
import { t } from '../../i18n';
import { listFeaturedProducts, listStoresNear } from '../../services/catalog';
import { locate } from '../../services/location';
import { session } from '../../stores/session';
import './index.scss';
import { PageRoot } from '../../components/page-root';

interface NearestStore {
  store: Store | null;
  fallback: boolean;
}

function distanceText(meters: number): string {
  if (meters < 1000) return t('home.distanceMeters', { meters: Math.round(meters) });
  return t('home.distanceKm', { km: (meters / 1000).toFixed(1) });
}

function StoreCard({
  nearest,
  error,
  onRetry,
}: {
  nearest: NearestStore | null;
  error: unknown;
  onRetry: () => void;
}) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!nearest) {
    return (
      <View className="store-card" data-testid="nearest-store">
        <Text className="store-card__label">{t('home.locating')}</Text>
      </View>
    );
  }
  const { store, fallback } = nearest;
  return (
    <View className="store-card" data-testid="nearest-store" aria-label={t('home.nearestStore')}>
      <Text className="store-card__label">{t('home.nearestStore')}</Text>
      {store ? (
        <>
          <View className="store-card__row">
            <Text className="store-card__name" data-testid="nearest-store-name">
              {store.name}
            </Text>
            {store.distanceMeters !== undefined ? (
              <Text className="store-card__distance" data-testid="nearest-store-distance">
                {distanceText(store.distanceMeters)}
              </Text>
            ) : null}
          </View>
          <Text className="store-card__meta">{store.address}</Text>
          <Text className="store-card__meta">{t('home.storeHours', { hours: store.hours })}</Text>
        </>
      ) : (
        <Text className="store-card__meta">{t('home.noStore')}</Text>
      )}
      {fallback ? <Text className="store-card__hint">{t('home.locationFallback')}</Text> : null}
    </View>
  );
}

function openCategory(category: ProductCategory): void {
  session.setPendingCategory(category);
  void Taro.switchTab({ url: '/pages/products/index' });
}

export default function HomePage() {
  usePageTitle('title.home');
  const nearest = usePageData(async (): Promise<NearestStore> => {
    const position = await locate();
    const stores = await listStoresNear(position.lat, position.lng);
    return { store: stores.items[0] ?? null, fallback: position.fallback };
  }, []);
  const featured = usePageData(async () => (await listFeaturedProducts()).items, []);

  usePullDownRefresh(() => {
    void Promise.all([nearest.reload(), featured.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageRoot className="home-page">
      <StoreCard nearest={nearest.data} error={nearest.error} onRetry={() => void nearest.reload()} />

      <View
        className="home-page__group-buys"
        role="link"
        data-testid="home-group-buys"
        onClick={() => void Taro.navigateTo({ url: '/subpackages/groupbuy/list/index' })}
      >
        <Text className="home-page__group-buys-title">{t('home.groupBuys')}</Text>
        <Text className="home-page__group-buys-hint">{t('home.groupBuysHint')} ›</Text>
      </View>

      <Text className="section-title">{t('home.categories')}</Text>
      <View className="home-page__categories">
        <Grid columns={5} gap={0} square={false}>
          {PRODUCT_CATEGORIES.map((category) => (
            <Grid.Item
              key={category}
              role="link"
              aria-label={t(`category.${category}`)}
              data-testid={`category-${category}`}
              onClick={() => openCategory(category)}
            >
              <View className={`category-badge category-badge--${category}`}>
                <Text>{t(`category.${category}`).slice(0, 1)}</Text>
              </View>
              <Text className="category-name">{t(`category.${category}`)}</Text>
            </Grid.Item>
          ))}
        </Grid>
      </View>

      <Text className="section-title">{t('home.featured')}</Text>
      <PageState page={featured} isEmpty={(products) => products.length === 0}>
        {(products) => (
          <View className="product-grid" data-testid="featured-products">
            {products.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </View>
        )}
      </PageState>
      <View className="home-page__bottom" />
    </PageRoot>
  );
}
