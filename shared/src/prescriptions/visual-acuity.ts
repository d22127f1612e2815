/**
 * A decimal acuity on the 5-grade (logarithmic) scale used on Chinese charts, 5 + log10(V), one
 * decimal: 0.1 → 4.0, 0.5 → 4.7, 1.0 → 5.0, 2.0 → 5.3.
 */
export function fiveGradeAcuity(decimal: number): number {
  return Math.round((5 + Math.log10(decimal)) * 10) / 10;
}
