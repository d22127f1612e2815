/** Codes of care reminders, subscriptions and the inbox. */
export const RemindersErrorCode = {
  /** `POST /me/subscriptions` named a template key the chain has not configured. */
  SUBSCRIPTION_TEMPLATE_UNKNOWN: 'SUBSCRIPTION_TEMPLATE_UNKNOWN',
  /** A mute of a kind that does not exist or cannot be muted (transactional notices). */
  REMINDER_KIND_NOT_MUTABLE: 'REMINDER_KIND_NOT_MUTABLE',
  INBOX_ITEM_NOT_FOUND: 'INBOX_ITEM_NOT_FOUND',
  /** The admin rules do not hold together (unknown kind, bad interval, bad quiet hours). */
  REMINDER_RULES_INVALID: 'REMINDER_RULES_INVALID',
} as const;
export type RemindersErrorCode = (typeof RemindersErrorCode)[keyof typeof RemindersErrorCode];
