export * from './trade-in.types';
