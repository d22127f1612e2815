export * from './trade-in.types';
export * from './errors';
