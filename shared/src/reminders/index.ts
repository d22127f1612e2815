export * from './reminder.types';
