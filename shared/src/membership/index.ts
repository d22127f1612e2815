export * from './membership.types';
