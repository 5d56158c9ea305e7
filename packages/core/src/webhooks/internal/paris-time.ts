/**
 * Callback date strings to instants, with Europe/Paris as the zone when the string has none (the
 * Paris clock is the schedule module's).
 */
import { daysInMonth } from '../../schedule/internal/civil-date.js';
import { fromZonedParts, PARIS_TIME_ZONE, wallMsFromLocal } from '../../schedule/wall-clock.js';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses `YYYY-MM-DD HH:mm:ss` (Europe/Paris), the same with `T`, fractional seconds, `Z` or an
 * offset (`+0000`, `+02:00`), or a bare date. Returns `undefined` for anything else, including
 * impossible dates (`0000-00-00 00:00:00`, 31 February).
 */
export function parseDateTimeString(text: string): number | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, ys, mos, ds, hs, mis, ss, fraction, zone] = match;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs ?? 0);
  const mi = Number(mis ?? 0);
  const s = Number(ss ?? 0);
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const local = { year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: ms };
  // 'compatible': a time skipped in spring moves forward (02:30 → 03:30 CEST), a repeated autumn
  // time takes its first occurrence.
  if (zone === undefined) return fromZonedParts(local, PARIS_TIME_ZONE).getTime();
  const wall = wallMsFromLocal(local);
  if (zone.toUpperCase() === 'Z') return wall;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2) || '0');
  if (offsetHours > 18 || offsetMinutes > 59) return undefined;
  return wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
