export * from './errors';
export * from './tags.types';
export * from './auto-tags';
