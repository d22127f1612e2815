export * from './errors';
export * from './wallet.types';
