import type {
  ClaimableCoupon,
  Coupon,
  CouponRedemptionCode,
  CouponStatus,
  RedeemedCoupon,
} from '@lensloop/shared';
import { callApi } from './request';

export const listMyCoupons = (status: CouponStatus): Promise<Coupon[]> =>
  callApi((api) => api.listMyCoupons({ status }));
export const couponRedemptionCode = (id: number): Promise<CouponRedemptionCode> =>
  callApi((api) => api.couponRedemptionCode(id));
export const listClaimableCoupons = (): Promise<ClaimableCoupon[]> =>
  callApi((api) => api.listClaimableCoupons());
export const claimCoupon = (templateId: number): Promise<Coupon> =>
  callApi((api) => api.claimCoupon(templateId));
export const redeemCoupon = (code: string): Promise<RedeemedCoupon> =>
  callApi((api) => api.redeemCoupon({ code }));
