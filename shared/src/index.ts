export * from './errors';
export * from './money';
export * from './api-types';
export * from './api-client';
export * from './prescriptions';
export * from './orders';
export * from './platform/platform.types';
export * from './appointments';
