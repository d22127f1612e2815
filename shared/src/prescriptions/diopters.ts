/** U+2212, the minus sign opticians print; a hyphen looks wrong next to `+0.50`. */
const MINUS_SIGN = '\u2212';

// Sign (hyphen, real minus or plus), digits, up to two decimals, optional trailing `D`.
const DIOPTER_TEXT = /^([+\-\u2212]?)(\d+)(?:\.(\d{1,2}))?\s*[dD]?$/;

/**
 * Formats a power in hundredths of a diopter the way an optician writes it: `−1.25`, `+0.50`,
 * and `0.00` for plano. Fractional input (e.g. a spherical equivalent of −112.5) is rounded half
 * away from zero to the hundredth.
 */
export function formatDiopters(hundredths: number): string {
  if (!Number.isFinite(hundredths)) {
    throw new RangeError(`Cannot format ${hundredths} as diopters`);
  }
  const rounded = roundHalfAwayFromZero(hundredths);
  if (rounded === 0) return '0.00';
  const sign = rounded < 0 ? MINUS_SIGN : '+';
  const magnitude = Math.abs(rounded);
  const whole = Math.floor(magnitude / 100);
  const fraction = String(magnitude % 100).padStart(2, '0');
  return `${sign}${whole}.${fraction}`;
}

/**
 * Parses a typed power into hundredths of a diopter. Accepts `-1.25`, `−1.25`, `+2`, `1.5`,
 * `-0.75D` and surrounding spaces; returns null for anything else, including more than two
 * decimals. Range and 0.25 step are not checked here (see `validatePrescription`).
 */
export function parseDiopters(text: string): number | null {
  const match = DIOPTER_TEXT.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const magnitude = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(magnitude)) return null;
  // `magnitude === 0` keeps "-0.00" from becoming -0.
  return sign === '' || sign === '+' || magnitude === 0 ? magnitude : -magnitude;
}

function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}
