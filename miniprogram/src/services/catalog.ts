import type { Page, ProductDetail, ProductQuery, ProductSummary, Store } from '@lensloop/shared';
import { callApi } from './request';

export const PRODUCTS_PAGE_SIZE = 20;

export function listProducts(query: ProductQuery): Promise<Page<ProductSummary>> {
  return callApi((api) => api.listProducts(query));
}

export function getProduct(id: number, storeId?: number): Promise<ProductDetail> {
  return callApi((api) => api.getProduct(id, storeId));
}

export function listStoresNear(lat: number, lng: number): Promise<Page<Store>> {
  return callApi((api) => api.listStores({ lat, lng, pageSize: 1 }));
}
