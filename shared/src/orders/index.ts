export * from './order.types';
export * from './order-transitions';
export * from './lens-fit';
export * from './contact-lens-sku';
