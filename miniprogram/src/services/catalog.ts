import type { Page, ProductDetail, ProductQuery, ProductSummary, Store } from '@lensloop/shared';
import { callApi } from './request';

export const PRODUCTS_PAGE_SIZE = 20;

export function listProducts(query: ProductQuery): Promise<Page<ProductSummary>> {
  return callApi((api) => api.listProducts(query));
}

const FEATURED_QUERY: ProductQuery = { featured: true, pageSize: 6 };
let featuredPrefetch: Promise<Page<ProductSummary>> | null = null;

/**
 * Starts loading the home page's featured products at app start-up (H5 opened on the home page),
 * so the request does not wait for the page's chunk and first render.
 */
export function prefetchFeaturedProducts(): void {
  featuredPrefetch ??= listProducts(FEATURED_QUERY);
  featuredPrefetch.catch(() => undefined);
}

/** The home page's featured products: the prefetched answer once, then a fresh request each time. */
export function listFeaturedProducts(): Promise<Page<ProductSummary>> {
  const prefetched = featuredPrefetch;
  featuredPrefetch = null;
  return prefetched ?? listProducts(FEATURED_QUERY);
}

export function getProduct(id: number, storeId?: number): Promise<ProductDetail> {
  return callApi((api) => api.getProduct(id, storeId));
}

export function listStoresNear(lat: number, lng: number): Promise<Page<Store>> {
  return callApi((api) => api.listStores({ lat, lng, pageSize: 1 }));
}
