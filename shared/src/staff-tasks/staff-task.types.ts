import type { PageQuery } from '../api-types';

export const STAFF_TASK_KINDS = ['service', 'arrival'] as const;
/** `service`: a due care reminder of a 1-to-1 customer; `arrival`: a known customer walked in. */
export type StaffTaskKind = (typeof STAFF_TASK_KINDS)[number];

export const STAFF_TASK_STATUSES = ['due', 'done'] as const;
export type StaffTaskStatus = (typeof STAFF_TASK_STATUSES)[number];

/** `GET /staff/tasks?status=due|done`: a task of the staff member (or of their store's pool). */
export interface StaffTask {
  id: number;
  memberId: number;
  /** The owner it is for; null: any staff member of the store. */
  staffId: number | null;
  storeId: number;
  kind: StaffTaskKind;
  /** e.g. `联系王芳：小明的复查到期了`. */
  title: string;
  dueAt: string;
  status: StaffTaskStatus;
  doneAt: string | null;
}

export interface StaffTaskQuery extends PageQuery {
  status?: StaffTaskStatus;
}

/** `POST /staff/tasks/:id/snooze`. */
export interface SnoozeStaffTaskRequest {
  /** 1–30. */
  days: number;
}

/** `GET /staff/tasks/summary` (manager): undone tasks per staff member of the store. */
export interface StaffTaskSummaryRow {
  /** null: the store's pool (tasks of customers without an owner). */
  staffId: number | null;
  staffName: string | null;
  /** Undone and due now. */
  due: number;
  /** Undone, snoozed or not yet due. */
  later: number;
}

export interface StaffTaskSummary {
  storeId: number;
  rows: StaffTaskSummaryRow[];
}

/** The `staffTasks` section of `GET /me/export`: tasks staff had about the member; erasure deletes them. */
export type StaffTaskExport = Pick<StaffTask, 'kind' | 'title' | 'dueAt' | 'status' | 'doneAt'>[];
