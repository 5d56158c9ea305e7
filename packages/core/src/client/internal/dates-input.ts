import { toZonedParts } from '../../schedule/index.js';
import type { Issues } from './validate.js';

/**
 * A day as `{ year, month, day }`, from a `Date` read on the Paris wall clock (the platform's) or
 * a `'YYYY-MM-DD'` string; records an issue when unreadable.
 */
export function readDay(
  issues: Issues,
  field: string,
  value: unknown,
): { year: number; month: number; day: number } | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const parts = toZonedParts(value);
    return { year: parts.year, month: parts.month, day: parts.day };
  }
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const check = new Date(Date.UTC(year, month - 1, day));
      if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day)
        return { year, month, day };
    }
  }
  issues.add(
    field,
    `must be a Date or a 'YYYY-MM-DD' string; received ${JSON.stringify(value) ?? String(value)}.`,
    `pass ${field}: '2030-01-31'.`,
  );
  return undefined;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `DD-MM-YYYY`, the statistics endpoint's format. */
export function dayMonthYear(day: { year: number; month: number; day: number }): string {
  return `${pad(day.day)}-${pad(day.month)}-${pad(day.year, 4)}`;
}

/** `YYYY-MM-DD`, the contacts' date format. */
export function isoDay(day: { year: number; month: number; day: number }): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}
