import {
  DEFAULT_POINTS_RULE,
  maxPointsFor,
  orderPointsCap,
  pointsEarned,
  pointsExpireAt,
  pointsValue,
} from './points.policy';

describe('points policy', () => {
  it.each([
    [120_000, 100, 1_200],
    [120_000, 120, 1_440],
    [9_550, 150, 143],
    [99, 200, 1],
    [0, 200, 0],
    [-500, 100, 0],
  ])('should earn on %i fen at multiplier %i: %i points', (paid, multiplier, points) => {
    expect(pointsEarned(paid, DEFAULT_POINTS_RULE, multiplier)).toBe(points);
  });

  it('should value 100 points at ¥1 and cap an order at half of what is left to pay', () => {
    expect(pointsValue(500, DEFAULT_POINTS_RULE)).toBe(500);
    expect(pointsValue(150, { ...DEFAULT_POINTS_RULE, pointsPerYuanSpent: 200 })).toBe(75);
    expect(orderPointsCap(2_000, DEFAULT_POINTS_RULE)).toBe(1_000);
    expect(maxPointsFor(440, 2_000, DEFAULT_POINTS_RULE)).toBe(440);
    expect(maxPointsFor(5_000, 2_001, DEFAULT_POINTS_RULE)).toBe(1_000);
    expect(maxPointsFor(5_000, 0, DEFAULT_POINTS_RULE)).toBe(0);
    expect(maxPointsFor(5_000, 2_000, { ...DEFAULT_POINTS_RULE, maxOrderPercent: 0 })).toBe(0);
  });

  it('should expire points at the end of the following year, Asia/Shanghai', () => {
    expect(pointsExpireAt(new Date('2026-03-05T02:00:00Z')).toISOString()).toBe('2027-12-31T15:59:59.000Z');
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Shanghai: earned in 2027, kept through 2028.
    expect(pointsExpireAt(new Date('2026-12-31T20:00:00Z')).toISOString()).toBe('2028-12-31T15:59:59.000Z');
  });
});
