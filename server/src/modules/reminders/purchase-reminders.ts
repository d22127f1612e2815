import { addDays, type ReminderRules } from '@lensloop/shared';
import type { CatalogSku } from '../catalog/catalog.service';
import type { CompletedPurchase } from '../orders/orders.service';
import {
  addMonthsToDate,
  contactLensSupplyDays,
  ruleOf,
  wearCycleDays,
} from './policies/reminder-rules.policy';
import { careText, type ReminderText } from './reminder-templates';
import { careOccurrence, type NewOccurrence } from './reminders.service';

const GLASSES_CATEGORIES = new Set(['frames', 'lenses']);

/** The care reminders one completed purchase schedules; null where a rule does not apply. */
export interface PurchaseReminders {
  /** Lens cleaning, subject `order:<id>`: one series per pair of glasses picked up. */
  cleaning: NewOccurrence | null;
  /** Contact-lens refill, subject `contacts`: the member's latest purchase replaces the waiting one. */
  refill: NewOccurrence | null;
}

/**
 * The reminders a purchase completed on `purchaseDate` schedules, seen on `today`. Glasses picked
 * up: lens cleaning N months later, and every N months after that (ReminderFollowUps), so for an
 * older purchase the first cleaning still ahead. Contact lenses: the rule's lead days before the
 * boxes bought run out, unless they already have. The outbox handler (purchase completed today)
 * and the backfill (every past purchase) both schedule through this, so their dedupe keys agree.
 */
export function purchaseReminders(
  purchase: CompletedPurchase,
  skuById: ReadonlyMap<number, CatalogSku>,
  rules: ReminderRules,
  purchaseDate: string,
  today: string,
  person: string,
): PurchaseReminders {
  const occurrence = (
    kind: NewOccurrence['kind'],
    subject: string,
    dueDate: string,
    text: ReminderText,
  ): NewOccurrence => careOccurrence(purchase.memberId, kind, subject, dueDate, person, text);

  let cleaning: NewOccurrence | null = null;
  const cleaningRule = ruleOf(rules, 'lens_cleaning');
  const months = cleaningRule.intervalMonths;
  const glasses = purchase.items.some((item) =>
    GLASSES_CATEGORIES.has(skuById.get(item.skuId)?.product.category ?? ''),
  );
  if (glasses && purchase.fulfilment === 'pickup' && cleaningRule.enabled && months !== null) {
    // Stepped month by month from the last due date, as the follow-ups are (the day clamps).
    let dueDate = addMonthsToDate(purchaseDate, months);
    while (dueDate < today) dueDate = addMonthsToDate(dueDate, months);
    cleaning = occurrence(
      'lens_cleaning',
      `order:${purchase.orderId}`,
      dueDate,
      careText('lens_cleaning', person, dueDate, { months }),
    );
  }

  let refill: NewOccurrence | null = null;
  const refillRule = ruleOf(rules, 'contact_lens_refill');
  const contactLines = purchase.items.flatMap((item) => {
    const sku = skuById.get(item.skuId);
    if (sku?.product.category !== 'contacts') return [];
    const cycleDays = wearCycleDays(sku.attributes.cycle);
    const lensesPerBox = Number(sku.attributes.box ?? 1);
    if (cycleDays === null || !Number.isInteger(lensesPerBox) || lensesPerBox < 1) return [];
    return [{ boxes: item.quantity, lensesPerBox, cycleDays }];
  });
  if (contactLines.length && refillRule.enabled && refillRule.leadDays !== null) {
    const runsOut = addDays(purchaseDate, contactLensSupplyDays(contactLines));
    if (runsOut > today) {
      const dueDate = addDays(runsOut, -refillRule.leadDays);
      refill = occurrence(
        'contact_lens_refill',
        'contacts',
        dueDate,
        careText('contact_lens_refill', person, dueDate, { runsOut }),
      );
    }
  }
  return { cleaning, refill };
}
