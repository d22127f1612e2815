import type { EntityManager } from 'typeorm';
import { MembershipPort, type MembershipPricer } from './membership-port';

const QUOTE_MEMBERSHIP = {
  tier: 'regular' as const,
  discountPercent: 0,
  pointsBalance: 0,
  maxPoints: 0,
  pointsUsed: 0,
  pointsToEarn: 0,
};

describe('MembershipPort', () => {
  it('should price and consume through the registered pricer', async () => {
    const consumed: number[] = [];
    const pricer: MembershipPricer = {
      price: async (_memberId, lines, couponDiscount, pointsToUse = 0) => ({
        memberDiscount: lines.length,
        pointsDiscount: pointsToUse - couponDiscount,
        membership: QUOTE_MEMBERSHIP,
      }),
      memberDiscount: async (_memberId, lines) => lines.length * 10,
      consume: async (_manager, _memberId, _orderId, points) => void consumed.push(points),
    };
    const port = new MembershipPort();
    port.register(pricer);
    await expect(port.price(7, [{ category: 'frames', lineTotal: 500 }], 10, 300)).resolves.toEqual({
      memberDiscount: 1,
      pointsDiscount: 290,
      membership: QUOTE_MEMBERSHIP,
    });
    await expect(port.memberDiscount(7, [{ category: 'frames', lineTotal: 500 }])).resolves.toBe(10);
    await port.consume({} as EntityManager, 7, 11, 300);
    expect(consumed).toEqual([300]);
  });

  it('should throw when no pricer is registered, rather than price without the tier', () => {
    expect(() => new MembershipPort().price(7, [], 0)).toThrow(/no membership pricer/);
  });

  it('should refuse a second pricer', () => {
    const port = new MembershipPort();
    port.register({} as MembershipPricer);
    expect(() => port.register({} as MembershipPricer)).toThrow(/registered twice/);
  });
});
