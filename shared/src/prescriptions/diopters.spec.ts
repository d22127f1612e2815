import fc from 'fast-check';

import { formatDiopters, parseDiopters } from './diopters';

describe('formatDiopters', () => {
  it.each([
    [-125, '−1.25'],
    [50, '+0.50'],
    [0, '0.00'],
    [-0, '0.00'],
    [-3000, '−30.00'],
    [2500, '+25.00'],
    [5, '+0.05'],
    [-1000, '−10.00'],
  ])('should format %p hundredths as %p when given an integer', (hundredths, expected) => {
    expect(formatDiopters(hundredths)).toBe(expected);
  });

  it.each([
    [-112.5, '−1.13'],
    [112.5, '+1.13'],
    [-0.4, '0.00'],
  ])('should round %p half away from zero to %p when given a half-hundredth', (hundredths, expected) => {
    expect(formatDiopters(hundredths)).toBe(expected);
  });

  it('should use the real minus sign U+2212 when the power is negative', () => {
    expect(formatDiopters(-25).charCodeAt(0)).toBe(0x2212);
  });

  it.each([NaN, Infinity])('should throw when given %p', (value) => {
    expect(() => formatDiopters(value)).toThrow(RangeError);
  });
});

describe('parseDiopters', () => {
  it.each([
    ['-1.25', -125],
    ['−1.25', -125],
    ['+2', 200],
    ['1.5', 150],
    ['-0.75D', -75],
    ['-0.75 d', -75],
    [' -1.00 ', -100],
    ['0', 0],
    ['-0.00', 0],
    ['+0.05', 5],
    ['12.5', 1250],
  ])('should parse %p as %p when it is a power', (text, expected) => {
    expect(parseDiopters(text)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['abc'],
    ['-1.255'],
    ['1.'],
    ['.5'],
    ['--1'],
    ['+-1'],
    ['1,25'],
    ['1e2'],
    ['NaN'],
    ['Infinity'],
    ['- 1.25'],
    ['1.25DD'],
    ['125度'],
    ['99999999999999999999'],
  ])('should return null when the text is %p', (text) => {
    expect(parseDiopters(text)).toBeNull();
  });

  it('should never return negative zero when parsing a minus zero', () => {
    expect(Object.is(parseDiopters('-0'), 0)).toBe(true);
  });

  it('should round-trip parse(format(x)) when x is any integer number of hundredths', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (hundredths) => {
        expect(parseDiopters(formatDiopters(hundredths))).toBe(hundredths);
      }),
    );
  });

  it('should round-trip every power on the 0.25 D grid of the sphere range when formatted', () => {
    for (let hundredths = -3000; hundredths <= 2500; hundredths += 25) {
      expect(parseDiopters(formatDiopters(hundredths))).toBe(hundredths);
    }
  });
});
