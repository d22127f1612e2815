export * from './appointments.types';
