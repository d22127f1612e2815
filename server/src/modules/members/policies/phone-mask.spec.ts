import { maskPhone } from './phone-mask';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['8613812345678', '861******5678'],
    ['12345', '*****'],
    [null, null],
  ])('should mask %p as %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
