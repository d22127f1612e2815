export * from './coupon.types';
