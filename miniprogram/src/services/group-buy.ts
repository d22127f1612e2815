import type {
  GroupBuyCampaign,
  GroupBuyGroup,
  GroupJoinResult,
  MyGroup,
  RedeemedVoucher,
  ServiceVoucher,
} from '@lensloop/shared';
import { session } from '../stores/session';
import { listStores, payOrder } from './orders';
import { callApi } from './request';

export const listGroupBuys = (): Promise<GroupBuyCampaign[]> => callApi((api) => api.listGroupBuys());
export const getGroup = (id: number): Promise<GroupBuyGroup> => callApi((api) => api.getGroup(id));
export const listMyGroups = (): Promise<MyGroup[]> => callApi((api) => api.listMyGroups());
export const listMyVouchers = (): Promise<ServiceVoucher[]> => callApi((api) => api.listMyVouchers());
export const redeemVoucher = (code: string): Promise<RedeemedVoucher> =>
  callApi((api) => api.redeemVoucher({ code }));

/** Service vouchers start `GV`; the staff redeem page tells them from coupon codes by it. */
export function isVoucherCode(code: string): boolean {
  return /^GV[0-9A-Z]{10}$/i.test(code.trim());
}

/** The seat's store: the member's home store, else the first one listed. */
async function seatStoreId(): Promise<number> {
  const home = session.get().member?.homeStoreId;
  if (home) return home;
  const stores = await listStores();
  const first = stores.items[0];
  if (!first) throw new Error('no store');
  return first.id;
}

/** Opens or joins, then pays the seat's order when there is something to pay. */
async function takeSeat(call: (storeId: number) => Promise<GroupJoinResult>): Promise<GroupJoinResult> {
  const result = await call(await seatStoreId());
  if (result.order.status === 'pending_payment') await payOrder(result.order.id);
  return result;
}

export const openGroup = (campaignId: number): Promise<GroupJoinResult> =>
  takeSeat((storeId) => callApi((api) => api.openGroup(campaignId, { storeId, fulfilment: 'pickup' })));

export const joinGroup = (groupId: number): Promise<GroupJoinResult> =>
  takeSeat((storeId) => callApi((api) => api.joinGroup(groupId, { storeId, fulfilment: 'pickup' })));

/** The page a friend's share card and link open (`group` names the group). */
export function groupSharePath(groupId: number): string {
  return `/subpackages/groupbuy/detail/index?group=${groupId}`;
}

/** The H5 share link (hash router). */
export function groupShareLink(groupId: number): string {
  const origin = process.env.TARO_ENV === 'h5' ? window.location.origin : '';
  return `${origin}/#${groupSharePath(groupId)}`;
}

/** `HH:MM:SS` left until `deadline`, or null once it has passed. */
export function timeLeft(deadline: string, nowMs: number): string | null {
  const left = Math.floor((Date.parse(deadline) - nowMs) / 1000);
  if (left <= 0) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(left / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;
}
