import { instantOfLocal } from '../../schedule/wall-clock.js';

/**
 * Reads the API's many date spellings into a `Date` (spec §6): Unix seconds as a number or a
 * string, `YYYY-MM-DD HH:mm:ss` in Paris local time (the platform's clock), ISO-8601 with an offset,
 * and `dd/MM/yyyy` (Paris midnight). `undefined` when unreadable rather than a wrong date.
 */
export function toDate(value: unknown): Date | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? new Date(value * 1000) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{9,11}$/.test(text)) return new Date(Number(text) * 1000);
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (local) {
    return paris(local[1], local[2], local[3], local[4], local[5], local[6]);
  }
  const french = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (french) {
    return paris(french[3], french[2], french[1], french[4], french[5], french[6]);
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    // "+0000" (no colon) is not read by every engine's Date.parse.
    const parsed = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(parsed) ? undefined : new Date(parsed);
  }
  return undefined;
}

function paris(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): Date | undefined {
  try {
    const date = instantOfLocal({
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
    });
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    return undefined;
  }
}
