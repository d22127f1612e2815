export * from './staff-task.types';
