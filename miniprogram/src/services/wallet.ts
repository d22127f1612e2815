import Taro from '@tarojs/taro';
import type { Page, TopUpStarted, WalletBalance, WalletLedgerEntry, WalletPlan } from '@lensloop/shared';
import { callApi } from './request';

/** The top-up plans; with `orderAmount` the smallest plan covering it is `suggested`. */
export const listWalletPlans = (orderAmount?: number): Promise<WalletPlan[]> =>
  callApi((api) => api.listWalletPlans(orderAmount === undefined ? {} : { orderAmount }));
export const getMyWallet = (): Promise<WalletBalance> => callApi((api) => api.getMyWallet());
export const listMyWalletLedger = (page: number): Promise<Page<WalletLedgerEntry>> =>
  callApi((api) => api.listMyWalletLedger({ page, pageSize: 20 }));
/** Starts a top-up: a top-up order, paid like any order (see `payOrder`). */
export const startTopUp = (planId: number, storeId?: number): Promise<TopUpStarted> =>
  callApi((api) => api.startTopUp({ planId, ...(storeId ? { storeId } : {}) }));

/**
 * Pays a started top-up: in WeChat through `wx.requestPayment`; in the H5 build through the
 * development endpoint (the fake WeChat Pay's signed notification). The wallet is credited when
 * the server has the payment, a moment later.
 */
export async function payTopUp(started: TopUpStarted): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    await callApi((api) => api.devCompletePayment(started.orderId));
    return;
  }
  if (started.payment.status === 'paid') return;
  await Taro.requestPayment({ ...started.payment.payment });
}
