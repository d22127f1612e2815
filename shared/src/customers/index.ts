export * from './customer.types';
