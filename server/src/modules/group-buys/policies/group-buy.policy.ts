import { randomInt } from 'node:crypto';
import type { GroupBuyCampaignStatus } from '@lensloop/shared';

/** Minutes a member has to pay for a seat before it is released (the seat's order is cancelled). */
export const SEAT_PAYMENT_MINUTES = 10;

/** Days a service voucher stays valid after its group completed. */
export const VOUCHER_VALID_DAYS = 90;

/** Where a campaign stands at `nowMs`: an operator's early end counts as ended. */
export function campaignStatusAt(
  campaign: { startsAt: Date; endsAt: Date; endedAt: Date | null },
  nowMs: number,
): GroupBuyCampaignStatus {
  if (campaign.endedAt || campaign.endsAt.getTime() <= nowMs) return 'ended';
  if (campaign.startsAt.getTime() > nowMs) return 'scheduled';
  return 'active';
}

/** The refund number of a seat's order when its group fails: the same on every run and replica. */
export function groupRefundNumber(orderNo: string): string {
  return `${orderNo}GB`;
}

// No 0/O, 1/I/L: read aloud or typed at the counter without mistakes.
const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `GV` + 10 characters of an unambiguous alphabet. */
export function voucherCode(): string {
  let code = 'GV';
  for (let index = 0; index < 10; index++) code += VOUCHER_ALPHABET[randomInt(VOUCHER_ALPHABET.length)];
  return code;
}

export function normaliseVoucherCode(code: string): string {
  return code.trim().toUpperCase();
}

/** `张三丰` → `张*丰`, `李四` → `李*`, no nickname → `**`: a friend recognises it, a stranger learns little. */
export function maskNickname(nickname: string | null): string {
  const characters = [...(nickname ?? '').trim()];
  if (characters.length === 0) return '**';
  if (characters.length === 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(Math.min(characters.length - 2, 4))}${characters[characters.length - 1]}`;
}
