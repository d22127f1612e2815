import type { EntityManager } from 'typeorm';
import { CouponPort, type CouponApplier } from './coupon-port';

const NO_COUPONS = { appliedCouponId: null, bestCouponId: null, options: [] };

describe('CouponPort', () => {
  it('should price and consume through the registered applier', async () => {
    const consumed: number[] = [];
    const applier: CouponApplier = {
      price: async (_memberId, lines) => ({ discount: lines.length * 100, coupons: NO_COUPONS }),
      consume: async (_manager, _memberId, couponId) => void consumed.push(couponId),
    };
    const port = new CouponPort();
    port.register(applier);
    const line = { productId: 1, category: 'frames' as const, unitPrice: 500, lineTotal: 500 };
    await expect(port.price(7, [line, line])).resolves.toEqual({ discount: 200, coupons: NO_COUPONS });
    await port.consume({} as EntityManager, 7, 3, 11);
    expect(consumed).toEqual([3]);
  });

  it('should throw when no applier is registered, rather than price without coupons', () => {
    expect(() => new CouponPort().price(7, [])).toThrow(/no coupon applier/);
  });

  it('should refuse a second applier', () => {
    const port = new CouponPort();
    const applier = {} as CouponApplier;
    port.register(applier);
    expect(() => port.register(applier)).toThrow(/registered twice/);
  });
});
