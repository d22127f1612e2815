import type { Page } from '../api-types';

/** Every kind of notice the reminder engine delivers (a rule per kind). */
export const REMINDER_KINDS = [
  'lens_cleaning',
  'child_recheck',
  'adult_renewal',
  'contact_lens_refill',
  'coupon_expiring',
  'order_ready',
  'order_refunded',
  'trade_in_credited',
  'group_buy_completed',
  'group_buy_failed',
  'welcome',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_CATEGORIES = ['marketing', 'care', 'transactional'] as const;
/**
 * `marketing` is capped per member and may be muted, `care` may be muted, both wait out quiet
 * hours; `transactional` notices are never capped, muted or deferred.
 */
export type ReminderCategory = (typeof REMINDER_CATEGORIES)[number];

/** The category of each kind (fixed: a transactional notice is never turned into marketing). */
export const REMINDER_CATEGORY_OF: Record<ReminderKind, ReminderCategory> = {
  lens_cleaning: 'care',
  child_recheck: 'care',
  adult_renewal: 'care',
  contact_lens_refill: 'care',
  coupon_expiring: 'marketing',
  order_ready: 'transactional',
  order_refunded: 'transactional',
  trade_in_credited: 'transactional',
  group_buy_completed: 'transactional',
  group_buy_failed: 'transactional',
  welcome: 'transactional',
};

/** The kinds a member may mute (`PUT /me/reminder-settings`): care and marketing ones. */
export const MUTABLE_REMINDER_KINDS = REMINDER_KINDS.filter(
  (kind) => REMINDER_CATEGORY_OF[kind] !== 'transactional',
);

/** `GET /me/inbox`: one in-app notice. */
export interface InboxItem {
  id: number;
  kind: ReminderKind;
  category: ReminderCategory;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** `GET /me/inbox?page=&pageSize=`: newest first, with the member's unread count. */
export type Inbox = Page<InboxItem> & { unread: number };

/** `GET /subscription-templates`: the WeChat subscribe-message templates the chain configured. */
export interface SubscriptionTemplate {
  /** What the mini-program sends back in `POST /me/subscriptions`. */
  key: string;
  /** The WeChat template id for `wx.requestSubscribeMessage({ tmplIds })`. */
  templateId: string;
  /** What it is for, shown in the subscribe prompt (Chinese). */
  title: string;
  /** The notices it carries. */
  kinds: ReminderKind[];
}

/** `POST /me/subscriptions`: the keys the member accepted in `wx.requestSubscribeMessage`. */
export interface SubscribeRequest {
  templateKeys: string[];
}

/** Unused one-time grants per template key (each subscribe message sent uses one). */
export interface SubscriptionBalance {
  templateKey: string;
  available: number;
}

/** `GET /me/reminder-settings`. */
export interface ReminderSettings {
  muted: ReminderKind[];
  /** The kinds that can be muted (transactional notices cannot). */
  mutable: ReminderKind[];
}

/** `PUT /me/reminder-settings`. */
export interface ReminderSettingsUpdate {
  muted: string[];
}

/** One rule of `GET/PUT /admin/reminder-rules`. */
export interface ReminderRule {
  kind: ReminderKind;
  enabled: boolean;
  /**
   * Months between occurrences: lens cleaning (3/6/12, after pickup and then again), child
   * re-check (after the last exam), adult renewal (after the exam); null for other kinds.
   */
  intervalMonths: number | null;
  /** Child re-check for a child flagged fast-progressing (default 3); null for other kinds. */
  fastIntervalMonths: number | null;
  /** Days before the event (contact lenses run out: 7; coupon expiry: 3); null when unused. */
  leadDays: number | null;
}

export interface QuietHours {
  /** `HH:mm` in `timeZone`, e.g. `21:00`. */
  start: string;
  /** `HH:mm`, e.g. `09:00` (the window may cross midnight). */
  end: string;
  timeZone: 'Asia/Shanghai';
}

/** The care-reminder configuration (admin). */
export interface ReminderRules {
  rules: ReminderRule[];
  /** Marketing notices per member in a rolling window (default 2 per 7 days). */
  marketingCap: { count: number; days: number };
  quietHours: QuietHours;
  /**
   * The segment whose members get a 1-to-1 task for their owner instead of a message; null is
   * the chain's default service segment (value×tenure "core" or purchase class D).
   */
  oneToOneSegmentId: number | null;
}

/** `PUT /admin/reminder-rules`: the whole configuration (every kind's rule). */
export type ReminderRulesUpdate = ReminderRules;

/** `GET /admin/reminder-report`: what became of the occurrences, by rule. */
export interface ReminderReportRow {
  kind: ReminderKind;
  /** Occurrences scheduled (every one, whatever became of it). */
  scheduled: number;
  /** Still waiting for their time. */
  pending: number;
  /** Delivered as a WeChat subscribe message. */
  sent: number;
  /** Delivered to the in-app inbox (no subscription, or a failed send's fallback). */
  inbox: number;
  /** Turned into a 1-to-1 task for the owner staff member. */
  tasks: number;
  /** Held at least once by quiet hours. */
  deferred: number;
  /** Held at least once by the marketing cap. */
  capped: number;
  /** Not delivered: the member muted the kind. */
  muted: number;
  /** WeChat refused or failed at least once (then retried or sent to the inbox). */
  failed: number;
}

export interface ReminderReport {
  rows: ReminderReportRow[];
  totals: Omit<ReminderReportRow, 'kind'>;
}

/**
 * `GET/POST /admin/reminders/backfill`: a run that schedules the care reminders of every completed
 * purchase up to `upToOrderId` (imports, a changed rule), `position` the last order id done.
 */
export interface ReminderBackfillStatus {
  /** When the current or last run started; null before the first. */
  startedAt: string | null;
  position: number;
  upToOrderId: number;
  done: boolean;
}

/** The `reminders` section of `GET /me/export`; erasure deletes all of it. */
export interface ReminderExport {
  muted: ReminderKind[];
  subscriptions: { templateKey: string; grantedAt: string; usedAt: string | null }[];
  inbox: InboxItem[];
  occurrences: {
    kind: ReminderKind;
    subject: string;
    dueDate: string;
    status: string;
    deliveredAt: string | null;
  }[];
}
