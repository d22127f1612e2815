import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { SearchBar, Tabs } from '@nutui/nutui-react-taro';
import { PRODUCT_CATEGORIES, type ProductCategory, type ProductSummary } from '@lensloop/shared';
import { ProductCard } from '../../components/product-card';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-state';
import { usePageTitle } from '../../hooks/use-locale';
import { t } from '../../i18n';
import { listProducts, PRODUCTS_PAGE_SIZE } from '../../services/catalog';
import { session } from '../../stores/session';
import './index.scss';
import { PageRoot } from '../../components/page-root';

type CategoryTab = ProductCategory | 'all';
const TABS: CategoryTab[] = ['all', ...PRODUCT_CATEGORIES];

interface ListState {
  items: ProductSummary[];
  total: number;
  page: number;
  loading: boolean;
  error: unknown;
}

const INITIAL: ListState = { items: [], total: 0, page: 0, loading: true, error: null };

export default function ProductsPage() {
  usePageTitle('title.products');
  const [category, setCategory] = useState<CategoryTab>(() => session.get().pendingCategory ?? 'all');
  const [query, setQuery] = useState('');
  const [searchText, setSearchText] = useState('');
  const [list, setList] = useState<ListState>(INITIAL);
  // Drops answers to superseded requests (a tab change while a page is loading).
  const generation = useRef(0);

  const load = useCallback(
    async (page: number) => {
      const requestId = page === 1 ? ++generation.current : generation.current;
      setList((previous) => ({ ...(page === 1 ? INITIAL : previous), loading: true, error: null }));
      try {
        const result = await listProducts({
          category: category === 'all' ? undefined : category,
          q: query || undefined,
          page,
          pageSize: PRODUCTS_PAGE_SIZE,
        });
        if (requestId !== generation.current) return;
        setList((previous) => ({
          items: page === 1 ? result.items : [...previous.items, ...result.items],
          total: result.total,
          page,
          loading: false,
          error: null,
        }));
      } catch (error) {
        if (requestId !== generation.current) return;
        setList((previous) => ({ ...previous, loading: false, error }));
      }
    },
    [category, query],
  );

  useEffect(() => {
    void load(1);
  }, [load]);

  // The home page's category shortcuts land here through switchTab, which takes no query.
  useDidShow(() => {
    const pending = session.get().pendingCategory;
    if (pending) {
      session.setPendingCategory(null);
      setCategory(pending);
    }
  });

  const hasMore = list.items.length < list.total;
  useReachBottom(() => {
    if (!list.loading && !list.error && hasMore) void load(list.page + 1);
  });

  return (
    <PageRoot className="products-page">
      <View className="products-page__header">
        <SearchBar
          shape="round"
          placeholder={t('products.searchPlaceholder')}
          value={searchText}
          aria-label={t('products.searchPlaceholder')}
          data-testid="product-search"
          onChange={(value) => setSearchText(value)}
          onSearch={(value) => setQuery(value.trim())}
          onClear={() => {
            setSearchText('');
            setQuery('');
          }}
          inputProps={{ nativeProps: { 'aria-label': t('products.searchPlaceholder') } }}
        />
        <Tabs
          value={category}
          activeType="line"
          onChange={(value) => setCategory(value as CategoryTab)}
          title={() => [
            <View
              key="tablist"
              className="products-page__tablist"
              role="tablist"
              aria-label={t('home.categories')}
            >
              {TABS.map((tab) => (
                <View
                  key={tab}
                  role="tab"
                  aria-selected={tab === category}
                  aria-label={t(`category.${tab}`)}
                  data-testid={`tab-${tab}`}
                  className={`nut-tabs-titles-item ${tab === category ? 'nut-tabs-titles-item-active' : ''}`}
                  onClick={() => setCategory(tab)}
                >
                  <View className="nut-tabs-titles-item-line nut-tabs-titles-item-line-horizontal" />
                  <View className="nut-tabs-titles-item-text">{t(`category.${tab}`)}</View>
                </View>
              ))}
            </View>,
          ]}
        >
          {TABS.map((tab) => (
            <Tabs.TabPane key={tab} value={tab} title={t(`category.${tab}`)} />
          ))}
        </Tabs>
      </View>

      {list.items.length > 0 ? (
        <>
          <Text className="products-page__count">{t('products.count', { total: list.total })}</Text>
          <View className="product-grid" data-testid="product-list">
            {list.items.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </View>
        </>
      ) : null}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void load(list.items.length ? list.page + 1 : 1)} />
      ) : list.loading ? (
        <LoadingState />
      ) : list.items.length === 0 ? (
        <EmptyState title={t('products.empty')} />
      ) : hasMore ? null : (
        <Text className="products-page__end">{t('common.noMore')}</Text>
      )}
    </PageRoot>
  );
}
