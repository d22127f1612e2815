export * from './group-buy.types';
