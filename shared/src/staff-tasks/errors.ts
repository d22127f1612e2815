/** Codes of the staff's 1-to-1 service and arrival tasks. */
export const StaffTasksErrorCode = {
  /** No such task, or not the caller's nor their store's. */
  STAFF_TASK_NOT_FOUND: 'STAFF_TASK_NOT_FOUND',
  /** Snoozing a task that is already done. */
  STAFF_TASK_DONE: 'STAFF_TASK_DONE',
} as const;
export type StaffTasksErrorCode = (typeof StaffTasksErrorCode)[keyof typeof StaffTasksErrorCode];
