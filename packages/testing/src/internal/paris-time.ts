/**
 * Europe/Paris wall-clock formatting with `Intl` (the API shows Paris local times: spec §6).
 */

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

export interface ParisParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function parisParts(instant: Date): ParisParts {
  const map: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(instant)) map[part.type] = part.value;
  return {
    year: Number(map.year),
    month: Number(map.month),
    day: Number(map.day),
    hour: Number(map.hour),
    minute: Number(map.minute),
    second: Number(map.second),
    weekday: WEEKDAYS.indexOf(map.weekday ?? ''),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` in Paris time (status `date`, stop/sub-account `createdAt`). */
export function parisDateTime(instant: Date): string {
  const p = parisParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `YYYY-MM-DD` in Paris time. */
export function parisDate(instant: Date): string {
  const p = parisParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Offset of Paris from UTC at `instant`, in minutes (60 or 120). */
export function parisOffsetMinutes(instant: Date): number {
  const p = parisParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** ISO-8601 with the Paris offset, `2020-10-02T16:40:05+02:00` (contact/group `createdAt`). */
export function parisIso(instant: Date): string {
  const p = parisParts(instant);
  const offset = parisOffsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant of a Paris wall-clock time (for statistics month starts). */
export function parisWallToInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even across a DST change.
  let instant = guess - parisOffsetMinutes(new Date(guess)) * 60_000;
  instant = guess - parisOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** `2018-03-05T10:34:52.355+0000`, the HLR callback's date format (spec §4.3). */
export function utcMillisIso(instant: Date): string {
  return instant.toISOString().replace('Z', '+0000');
}

/** `DD/MM/YYYY à HH:mm`, as quoted in the past-date error message. */
export function frenchDateAndTime(p: {
  year: number;
  month: number;
  day: number;
  hour: number | undefined;
  minute: number | undefined;
}): string {
  // A missing hour or minute leaves its place empty, as the live answer shows ("21/11/2014 à :").
  const part = (n: number | undefined) => (n === undefined ? '' : pad(n));
  return `${pad(p.day)}/${pad(p.month)}/${p.year} à ${part(p.hour)}:${part(p.minute)}`;
}
