import { bonusToRemove, planProblems, returnSplit, spendSplit, topUpRefundable } from './wallet-split';

describe('wallet split policy', () => {
  it('should spend principal first, then bonus, and refuse more than the balance', () => {
    expect(spendSplit({ principal: 1_000, bonus: 100 }, 300)).toEqual({ principal: 300, bonus: 0 });
    expect(spendSplit({ principal: 1_000, bonus: 100 }, 1_050)).toEqual({ principal: 1_000, bonus: 50 });
    expect(spendSplit({ principal: 0, bonus: 100 }, 100)).toEqual({ principal: 0, bonus: 100 });
    expect(spendSplit({ principal: 1_000, bonus: 100 }, 1_101)).toBeNull();
    expect(spendSplit({ principal: 1_000, bonus: 100 }, 0)).toBeNull();
  });

  it('should return bonus first, the reverse of spending, and restore both in full', () => {
    const taken = spendSplit({ principal: 1_000, bonus: 100 }, 1_050)!;
    expect(returnSplit(taken, 30)).toEqual({ principal: 0, bonus: 30 });
    expect(returnSplit(taken, 80)).toEqual({ principal: 30, bonus: 50 });
    expect(returnSplit(taken, 1_050)).toEqual(taken);
  });

  it('should refund only the unspent principal of a top-up, with its share of the bonus', () => {
    const topUp = { pay: 100_000, credit: 110_000, principalRefunded: 0, bonusRemoved: 0 };
    expect(topUpRefundable(topUp, 100_000)).toBe(100_000);
    expect(topUpRefundable(topUp, 40_000)).toBe(40_000);
    expect(topUpRefundable({ ...topUp, principalRefunded: 100_000 }, 40_000)).toBe(0);
    expect(bonusToRemove(topUp, 100_000, 10_000)).toBe(10_000);
    expect(bonusToRemove(topUp, 40_000, 10_000)).toBe(4_000);
    expect(bonusToRemove({ ...topUp, principalRefunded: 40_000, bonusRemoved: 4_000 }, 60_000, 10_000)).toBe(
      6_000,
    );
    // Bonus already spent cannot be removed twice.
    expect(bonusToRemove(topUp, 100_000, 2_500)).toBe(2_500);
  });

  it('should accept credit ≥ pay > 0 in whole fen and name each problem', () => {
    expect(
      planProblems([
        { pay: 10_000, credit: 10_000 },
        { pay: 30_000, credit: 31_000 },
      ]),
    ).toEqual([]);
    expect(planProblems([{ pay: 0, credit: 100 }]).map((problem) => problem.field)).toEqual(['0.pay']);
    expect(planProblems([{ pay: 100, credit: 99 }]).map((problem) => problem.field)).toEqual(['0.credit']);
    expect(planProblems([{ pay: 100.5, credit: 200 }]).map((problem) => problem.field)).toEqual(['0.pay']);
    expect(
      planProblems([
        { pay: 100, credit: 100 },
        { pay: 100, credit: 120 },
      ]).map((p) => p.field),
    ).toEqual(['plans']);
  });
});
