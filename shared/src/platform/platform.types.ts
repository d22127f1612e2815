import type { PageQuery } from '../api-types';

export const OUTBOX_EVENT_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxEventStatus = (typeof OUTBOX_EVENT_STATUSES)[number];

/** `GET /admin/outbox`: a domain event and how its delivery went. */
export interface OutboxEvent {
  id: number;
  type: string;
  aggregateId: string;
  payload: unknown;
  status: OutboxEventStatus;
  attempts: number;
  lastError: string | null;
  availableAt: string;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
}

export interface OutboxQuery extends PageQuery {
  status?: OutboxEventStatus;
}

/** `POST /dev/clock` (never in production): move the business clock forward, or back to real time. */
export interface DevClockRequest {
  advanceSeconds?: number;
  reset?: boolean;
}

export interface DevClockResponse {
  now: string;
}

/** `POST /dev/jobs/:name/run`: the job ran to the end. */
export interface DevJobRun {
  name: string;
  handled: number;
}
