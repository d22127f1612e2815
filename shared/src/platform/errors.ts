/** Codes of the platform's own routes: the admin outbox and the dev/test facilities. */
export const PlatformErrorCode = {
  OUTBOX_EVENT_NOT_FOUND: 'OUTBOX_EVENT_NOT_FOUND',
  OUTBOX_EVENT_NOT_DEAD: 'OUTBOX_EVENT_NOT_DEAD',
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
} as const;
export type PlatformErrorCode = (typeof PlatformErrorCode)[keyof typeof PlatformErrorCode];
