import Taro from '@tarojs/taro';
import type {
  Cart,
  CartItemInput,
  LensOption,
  Order,
  OrderRequest,
  OrderStatus,
  OrderSummary,
  Page,
  Quote,
  Store,
} from '@lensloop/shared';
import { callApi } from './request';

export const getCart = (storeId?: number): Promise<Cart> => callApi((api) => api.getCart(storeId));
export const addToCart = (item: CartItemInput): Promise<Cart> => callApi((api) => api.addToCart(item));
export const setCartQuantity = (id: number, quantity: number, storeId?: number): Promise<Cart> =>
  callApi((api) => api.setCartQuantity(id, quantity, storeId));
export const removeFromCart = (id: number, storeId?: number): Promise<Cart> =>
  callApi((api) => api.removeFromCart(id, storeId));
export const listLensOptions = (): Promise<LensOption[]> => callApi((api) => api.listLensOptions());
export const listStores = (): Promise<Page<Store>> => callApi((api) => api.listStores({ pageSize: 50 }));
export const quoteOrder = (request: OrderRequest): Promise<Quote> =>
  callApi((api) => api.quoteOrder(request));
export const createOrder = (request: OrderRequest, key: string): Promise<Order> =>
  callApi((api) => api.createOrder(request, key));
export const listOrders = (page: number): Promise<Page<OrderSummary>> =>
  callApi((api) => api.listOrders({ page, pageSize: 20 }));
export const getOrder = (id: number): Promise<Order> => callApi((api) => api.getOrder(id));
export const cancelOrder = (id: number): Promise<Order> => callApi((api) => api.cancelOrder(id));
export const listStaffOrders = (): Promise<Page<OrderSummary>> =>
  callApi((api) => api.listStaffOrders({ date: 'today', pageSize: 100 }));
/** The five newest orders of a customer, for the staff desk. */
export const listCustomerOrders = (memberId: number): Promise<Page<OrderSummary>> =>
  callApi((api) => api.listCustomerOrders(memberId, { pageSize: 5 }));
export const moveOrder = (id: number, to: OrderStatus): Promise<Order> =>
  callApi((api) => api.transitionOrder(id, { to }));

/**
 * Pays an order: in WeChat through `wx.requestPayment` with the server's signed parameters; in
 * the H5 build (no WeChat) through the development endpoint, where the fake WeChat Pay sends
 * the same signed notification the real one would. Resolves once the server has it paid.
 */
export async function payOrder(id: number): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    await callApi((api) => api.devCompletePayment(id));
    return;
  }
  const result = await callApi((api) => api.payOrder(id));
  if (result.status === 'paid') return;
  await Taro.requestPayment({ ...result.payment });
}

/** A fresh key per checkout, so a retried submit never creates a second order. */
export function newIdempotencyKey(): string {
  return `checkout-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
