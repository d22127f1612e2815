import {
  REMINDER_CATEGORY_OF,
  REMINDER_KINDS,
  shanghaiDate,
  type ErrorDetail,
  type ReminderKind,
  type ReminderRule,
  type ReminderRules,
} from '@lensloop/shared';

/** The kinds whose rule takes an interval in months, and the intervals an admin may choose. */
export const INTERVAL_KINDS: readonly ReminderKind[] = ['lens_cleaning', 'child_recheck', 'adult_renewal'];
export const LEAD_DAY_KINDS: readonly ReminderKind[] = ['contact_lens_refill', 'coupon_expiring'];

const DEFAULT_RULE: Partial<Record<ReminderKind, Partial<ReminderRule>>> = {
  lens_cleaning: { intervalMonths: 6 },
  child_recheck: { intervalMonths: 6, fastIntervalMonths: 3 },
  adult_renewal: { intervalMonths: 12 },
  contact_lens_refill: { leadDays: 7 },
  coupon_expiring: { leadDays: 3 },
};

/** The chain's configuration before an admin changes it (product.md capability 10, issue 11). */
export function defaultReminderRules(): ReminderRules {
  return {
    rules: REMINDER_KINDS.map((kind) => ({
      kind,
      enabled: true,
      intervalMonths: null,
      fastIntervalMonths: null,
      leadDays: null,
      ...DEFAULT_RULE[kind],
    })),
    marketingCap: { count: 2, days: 7 },
    quietHours: { start: '21:00', end: '09:00', timeZone: 'Asia/Shanghai' },
    oneToOneSegmentId: null,
  };
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong with an admin's rules (empty when they hold together). */
export function reminderRulesProblems(rules: ReminderRules): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  rules.rules.forEach((rule, index) => {
    const field = `rules.${index}`;
    if (!(REMINDER_KINDS as readonly string[]).includes(rule.kind)) {
      problems.push({ field: `${field}.kind`, message: `unknown kind ${rule.kind}` });
      return;
    }
    if (seen.has(rule.kind)) problems.push({ field: `${field}.kind`, message: `${rule.kind} appears twice` });
    seen.add(rule.kind);
    if (REMINDER_CATEGORY_OF[rule.kind] === 'transactional' && !rule.enabled) {
      problems.push({ field: `${field}.enabled`, message: 'transactional notices cannot be turned off' });
    }
    const needsInterval = INTERVAL_KINDS.includes(rule.kind);
    if (needsInterval !== (rule.intervalMonths !== null)) {
      problems.push({
        field: `${field}.intervalMonths`,
        message: needsInterval ? 'required for this kind (1–24 months)' : 'must be null for this kind',
      });
    }
    if (
      rule.kind === 'lens_cleaning' &&
      rule.intervalMonths !== null &&
      ![3, 6, 12].includes(rule.intervalMonths)
    ) {
      problems.push({
        field: `${field}.intervalMonths`,
        message: 'lens cleaning is every 3, 6 or 12 months',
      });
    }
    if (rule.kind === 'child_recheck') {
      if (rule.fastIntervalMonths === null) {
        problems.push({ field: `${field}.fastIntervalMonths`, message: 'required for the child re-check' });
      } else if (rule.intervalMonths !== null && rule.fastIntervalMonths > rule.intervalMonths) {
        problems.push({
          field: `${field}.fastIntervalMonths`,
          message: 'a fast-progressing child is seen at least as often as others',
        });
      }
    } else if (rule.fastIntervalMonths !== null) {
      problems.push({ field: `${field}.fastIntervalMonths`, message: 'only the child re-check takes it' });
    }
    const needsLead = LEAD_DAY_KINDS.includes(rule.kind);
    if (needsLead !== (rule.leadDays !== null)) {
      problems.push({
        field: `${field}.leadDays`,
        message: needsLead ? 'required for this kind (0–30 days)' : 'must be null for this kind',
      });
    }
  });
  for (const kind of REMINDER_KINDS) {
    if (!seen.has(kind)) problems.push({ field: 'rules', message: `the rule of ${kind} is missing` });
  }
  const { start, end } = rules.quietHours;
  if (!HH_MM.test(start)) problems.push({ field: 'quietHours.start', message: 'HH:mm, 00:00–23:59' });
  if (!HH_MM.test(end)) problems.push({ field: 'quietHours.end', message: 'HH:mm, 00:00–23:59' });
  return problems;
}

export function ruleOf(rules: ReminderRules, kind: ReminderKind): ReminderRule {
  return (
    rules.rules.find((rule) => rule.kind === kind) ??
    defaultReminderRules().rules.find((r) => r.kind === kind)!
  );
}

const MINUTES_PER_DAY = 24 * 60;
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * When a non-transactional notice may go out: `now` itself outside quiet hours, else the end of
 * the quiet window (Asia/Shanghai, UTC+8 all year). A window of equal start and end is none.
 */
export function quietHoursRelease(now: Date, quietHours: ReminderRules['quietHours']): Date {
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return now;
  const localMinutes = Math.floor(now.getTime() / 60_000) + SHANGHAI_OFFSET_MINUTES;
  const minuteOfDay = ((localMinutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const inside =
    start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
  if (!inside) return now;
  const wait = (end - minuteOfDay + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const release = new Date((localMinutes + wait - SHANGHAI_OFFSET_MINUTES) * 60_000);
  return release;
}

/** `date` plus `months` calendar months, the day clamped to the month's end (08-31 + 6 → 02-28). */
export function addMonthsToDate(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** Care reminders go out at 10:00 Asia/Shanghai on their due date (02:00 UTC). */
export function careDueAt(dueDate: string): Date {
  return new Date(`${dueDate}T02:00:00.000Z`);
}

export { shanghaiDate };

/** The wear cycle of a contact-lens SKU in days, from the catalog's `cycle` attribute. */
const CYCLE_DAYS: Record<string, number> = {
  日抛: 1,
  daily: 1,
  双周抛: 14,
  '2-week': 14,
  月抛: 30,
  monthly: 30,
  季抛: 90,
  quarterly: 90,
  半年抛: 180,
  年抛: 365,
};

export function wearCycleDays(cycle: string | undefined): number | null {
  return cycle === undefined ? null : (CYCLE_DAYS[cycle.trim()] ?? null);
}

/**
 * How many days contact lenses bought together last: each box holds `box` lenses (catalog
 * attribute), worn one per eye for a wear cycle, so the supply is boxes × lenses ÷ 2 eyes ×
 * cycle days (2 boxes of a monthly 2-pack: 60 days; one box per eye of a monthly 3-pack: 90).
 */
export function contactLensSupplyDays(
  lines: readonly { boxes: number; lensesPerBox: number; cycleDays: number }[],
): number {
  const lensDays = lines.reduce((sum, line) => sum + line.boxes * line.lensesPerBox * line.cycleDays, 0);
  return Math.floor(lensDays / 2);
}
