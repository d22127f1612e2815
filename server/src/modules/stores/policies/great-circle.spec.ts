import { greatCircleMeters } from './great-circle';

describe('greatCircleMeters', () => {
  it('should be zero for the same point', () => {
    expect(greatCircleMeters({ lat: 31.23, lng: 121.47 }, { lat: 31.23, lng: 121.47 })).toBe(0);
  });

  it.each([
    // People's Square, Shanghai → Tiananmen, Beijing: about 1,067 km.
    [{ lat: 31.2304, lng: 121.4737 }, { lat: 39.9087, lng: 116.3975 }, 1_067_000, 5_000],
    // One degree of longitude on the equator: about 111.2 km.
    [{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }, 111_195, 100],
    // Antipodes: half the circumference.
    [{ lat: 0, lng: 0 }, { lat: 0, lng: 180 }, 20_015_087, 100],
  ])('should measure %j → %j as about %d m', (from, to, expected, tolerance) => {
    expect(Math.abs(greatCircleMeters(from, to) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('should be symmetric', () => {
    const a = { lat: 22.54, lng: 114.06 };
    const b = { lat: 30.27, lng: 120.15 };
    expect(greatCircleMeters(a, b)).toBe(greatCircleMeters(b, a));
  });
});
