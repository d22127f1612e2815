export * from './referral.types';
