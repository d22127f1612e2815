export * from './order.types';
export * from './order-transitions';
export * from './lens-fit';
