import { ScheduleError } from './errors.js';
import { formatIsoDate } from './internal/civil-date.js';

/** First year of the supported range: the Gregorian calendar starts in October 1582. */
export const MIN_HOLIDAY_YEAR = 1583;
/** Last year of the supported range, the customary limit of the Gregorian Easter tables. */
export const MAX_HOLIDAY_YEAR = 4099;

/** Throws `INVALID_YEAR` unless `year` is an integer in 1583-4099. */
export function assertHolidayYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_HOLIDAY_YEAR || year > MAX_HOLIDAY_YEAR) {
    throw new ScheduleError(
      'INVALID_YEAR',
      `Expected an integer year from ${MIN_HOLIDAY_YEAR} to ${MAX_HOLIDAY_YEAR} (the Gregorian calendar), got ${String(year)}.`,
    );
  }
}

/** Month (3 or 4) and day of Gregorian Easter Sunday; `year` must already be validated. */
export function easterMonthDay(year: number): { month: number; day: number } {
  // Anonymous Gregorian computus (Meeus/Jones/Butcher): exact for every Gregorian year.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/**
 * Gregorian (Western) Easter Sunday of `year`, as `'YYYY-MM-DD'`.
 *
 * @param year - An integer from 1583 to 4099.
 * @throws {@link ScheduleError} `INVALID_YEAR` outside that range.
 * @example
 * ```ts
 * easterSunday(2025); // '2025-04-20'
 * easterSunday(2038); // '2038-04-25' (the latest possible date)
 * ```
 */
export function easterSunday(year: number): string {
  assertHolidayYear(year);
  const { month, day } = easterMonthDay(year);
  return formatIsoDate(year, month, day);
}
