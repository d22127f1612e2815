/** An amount of money in integer fen (1/100 yuan). */
export type Fen = number;

/** Formats fen as `¥12.50`. */
export function formatFen(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  const yuan = Math.floor(absolute / 100);
  const fen = String(absolute % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${fen}`;
}
