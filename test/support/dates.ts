import { addDays, shanghaiDate } from '@lensloop/shared';

/** The Asia/Shanghai date `days` days before today: exam dates that never age out of the tests. */
export function daysAgo(days: number): string {
  return addDays(shanghaiDate(new Date()), -days);
}
