/**
 * Wall-clock date strings to instants, with Europe/Paris as the zone when the string has none.
 * Kept local to the webhooks module (the schedule module has its own clock) so that parsing a
 * callback never depends on anything but `Intl`.
 */

const PARIS = 'Europe/Paris';
let parisFormatter: Intl.DateTimeFormat | undefined;

function formatter(): Intl.DateTimeFormat {
  parisFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: PARIS,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return parisFormatter;
}

/** Offset of Europe/Paris from UTC at `epochMs`, in milliseconds (3_600_000 for CET). */
function parisOffsetMs(epochMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter().formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = utcMs(
    fields.year ?? 1970,
    fields.month ?? 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
    0,
  );
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return asUtc - wholeSeconds;
}

function utcMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  // setUTCFullYear, not Date.UTC, so that years 0-99 are not read as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/**
 * The instant at which Europe/Paris clocks showed the given wall time. Ambiguous times (the
 * autumn hour that happens twice) resolve to the earlier instant; times skipped in spring resolve
 * with the offset in force before the change (02:30 becomes 03:30 CEST), like Temporal's
 * `'compatible'` disambiguation.
 */
export function parisWallTimeToEpochMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  const wall = utcMs(y, mo, d, h, mi, s, ms);
  const day = 86_400_000;
  const before = parisOffsetMs(wall - day);
  const after = parisOffsetMs(wall + day);
  const candidates = before === after ? [before] : [before, after];
  const valid = candidates
    .map((offset) => wall - offset)
    .filter((instant) => parisOffsetMs(instant) === wall - instant)
    .sort((a, b) => a - b);
  return valid[0] ?? wall - before;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function daysInMonth(y: number, mo: number): number {
  return new Date(utcMs(y, mo + 1, 0, 0, 0, 0, 0)).getUTCDate();
}

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
  if (zone === undefined) return parisWallTimeToEpochMs(y, mo, d, h, mi, s, ms);
  const wall = utcMs(y, mo, d, h, mi, s, ms);
  if (zone.toUpperCase() === 'Z') return wall;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2) || '0');
  if (offsetHours > 18 || offsetMinutes > 59) return undefined;
  return wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
