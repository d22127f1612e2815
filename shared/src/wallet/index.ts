export * from './wallet.types';
