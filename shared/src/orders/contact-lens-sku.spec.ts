import type { Sku } from '../api-types';
import { contactLensFor } from '../prescriptions/contact-lens-power';
import { contactLensPowerAttribute, contactLensSkuFor } from './contact-lens-sku';

const sku = (id: number, attributes: Record<string, string>): Sku => ({
  id,
  code: `CL-${id}`,
  attributes,
  price: 12_900,
  stock: 5,
  powerRange: null,
});

const spherical = [
  sku(1, { power: '-4.75', box: '30' }),
  sku(2, { power: '-7.50', box: '30' }),
  sku(3, { power: '+1.25', box: '30' }),
];
const toric = [
  sku(11, { power: '-4.75', cylinder: '-1.75', axis: '180', box: '6' }),
  sku(12, { power: '-4.75', cylinder: '-1.75', axis: '90', box: '6' }),
  sku(13, { power: '-4.75', cylinder: '-1.25', axis: '180', box: '6' }),
];

describe('contactLensPowerAttribute', () => {
  it.each([
    [-475, '-4.75'],
    [50, '+0.50'],
    [0, '0.00'],
  ])('should write %p as %p', (hundredths, text) => {
    expect(contactLensPowerAttribute(hundredths)).toBe(text);
  });
});

describe('contactLensSkuFor', () => {
  it.each([
    ['−8.00 spectacles → the −7.50 lens', { sphere: -800, cylinder: 0, axis: null }, spherical, 2],
    [
      '−4.75 −0.50×90 → the −4.75 lens (SE −5.00 at the cornea)',
      { sphere: -475, cylinder: -50, axis: 90 },
      spherical,
      1,
    ],
    ['−5.00 −2.00×180 → the −4.75 −1.75×180 toric', { sphere: -500, cylinder: -200, axis: 180 }, toric, 11],
    ['−5.00 −2.00×92 → axis 90', { sphere: -500, cylinder: -200, axis: 92 }, toric, 12],
  ])('should propose for %s', (_, eye, skus, expectedId) => {
    expect(contactLensSkuFor(skus, contactLensFor(eye))?.id).toBe(expectedId);
  });

  it.each([
    ['a toric power on a spherical product', { sphere: -500, cylinder: -200, axis: 180 }, spherical],
    ['a power the product is not made in', { sphere: -300, cylinder: 0, axis: null }, spherical],
  ])('should propose nothing for %s', (_, eye, skus) => {
    expect(contactLensSkuFor(skus, contactLensFor(eye))).toBeNull();
  });
});
