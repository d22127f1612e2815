import type { StaffTask, StaffTaskStatus, StaffTaskSummary } from '@lensloop/shared';
import { callApi } from './request';

/** The tasks of one tab (due: soonest first; done: latest first), up to 100. */
export const listStaffTasks = async (status: StaffTaskStatus): Promise<StaffTask[]> =>
  (await callApi((api) => api.listStaffTasks({ status, pageSize: 100 }))).items;
export const completeStaffTask = (id: number): Promise<StaffTask> =>
  callApi((api) => api.markStaffTaskDone(id));
export const snoozeStaffTask = (id: number, days: number): Promise<StaffTask> =>
  callApi((api) => api.snoozeStaffTask(id, { days }));
export const staffTaskSummary = (): Promise<StaffTaskSummary> => callApi((api) => api.getStaffTaskSummary());

/** The snooze choices offered on a task, in days. */
export const SNOOZE_DAYS = [1, 3, 7] as const;
