/**
 * Wall-clock time in a named time zone (Europe/Paris by default), from `Intl.DateTimeFormat`
 * alone: no dependency, and no reliance on the process time zone (`TZ`), so the same instant gives
 * the same parts on a laptop in Paris, a UTC server and an edge worker.
 *
 * @example
 * ```ts
 * import { fromZonedParts, toZonedParts } from '@sms-partner/core';
 * toZonedParts(new Date('2025-07-14T10:00:00Z')).hour; // 12 (CEST, UTC+2)
 * fromZonedParts({ year: 2025, month: 12, day: 24, hour: 18, minute: 0 }).toISOString();
 * // '2025-12-24T17:00:00.000Z' (CET, UTC+1)
 * ```
 * @packageDocumentation
 */
import { ScheduleError } from './errors.js';
import {
  civilFromDays,
  daysInMonth,
  isoWeekdayFromDays,
  wallMsFromCivil,
} from './internal/civil-date.js';
import { instantMs, instantsForWallMs, MS_PER_DAY, offsetMsAt } from './internal/zone-offsets.js';

/** The time zone of the SMS Partner platform and of its scheduling fields. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/** ISO weekday: Monday = 1, ..., Saturday = 6, Sunday = 7 (as in Temporal's `dayOfWeek`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A local date and time to turn into an instant; omitted time fields are 0. */
export interface LocalDateTime {
  /** Full year, for example 2025. */
  readonly year: number;
  /** Month, 1-12. */
  readonly month: number;
  /** Day of the month, 1-31. */
  readonly day: number;
  /** Hour, 0-23. @default 0 */
  readonly hour?: number;
  /** Minute, 0-59. @default 0 */
  readonly minute?: number;
  /** Second, 0-59. @default 0 */
  readonly second?: number;
  /** Millisecond, 0-999. @default 0 */
  readonly millisecond?: number;
}

/** The wall-clock reading of an instant in a time zone, as returned by {@link toZonedParts}. */
export interface ZonedParts {
  /** Full year (proleptic Gregorian). */
  readonly year: number;
  /** Month, 1-12. */
  readonly month: number;
  /** Day of the month, 1-31. */
  readonly day: number;
  /** Hour, 0-23. */
  readonly hour: number;
  /** Minute, 0-59. */
  readonly minute: number;
  /** Second, 0-59. */
  readonly second: number;
  /** Millisecond, 0-999. */
  readonly millisecond: number;
  /** ISO weekday: Monday = 1 ... Sunday = 7. */
  readonly weekday: IsoWeekday;
}

/**
 * How {@link fromZonedParts} resolves a local time that does not exist (the hour skipped when
 * clocks go forward, 02:00-02:59 on the last Sunday of March in Paris) or that exists twice (the
 * hour repeated when clocks go back, 02:00-02:59 on the last Sunday of October in Paris). The
 * names and meanings are Temporal's.
 *
 * - `'compatible'` (default): a skipped time is moved forward by the length of the gap (02:30 →
 *   03:30 CEST); a repeated time takes its earlier occurrence (02:30 CEST, not 02:30 CET).
 * - `'earlier'`: a skipped time is moved back by the gap (02:30 → 01:30 CET); a repeated time takes
 *   its earlier occurrence.
 * - `'later'`: a skipped time is moved forward (03:30 CEST); a repeated time takes its later
 *   occurrence (02:30 CET).
 * - `'reject'`: throw {@link ScheduleError} `NONEXISTENT_TIME` or `AMBIGUOUS_TIME`.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/** Options of {@link fromZonedParts}. */
export interface FromZonedPartsOptions {
  /**
   * What to do with a local time skipped or repeated by a daylight-saving change.
   * @default 'compatible'
   */
  readonly disambiguation?: Disambiguation;
}

/** Splits "wall milliseconds as if UTC" into parts. */
export function partsFromWallMs(wall: number): ZonedParts {
  const days = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    weekday: isoWeekdayFromDays(days) as IsoWeekday,
  };
}

/**
 * The wall-clock date and time of `instant` in `timeZone`.
 *
 * @param instant - Any valid `Date`.
 * @param timeZone - An IANA time zone. @default 'Europe/Paris'
 * @throws {@link ScheduleError} `INVALID_DATE` for an invalid `Date`, `INVALID_TIME_ZONE` for an
 *   unknown zone.
 * @example
 * ```ts
 * toZonedParts(new Date('2025-03-30T01:00:00Z'));
 * // { year: 2025, month: 3, day: 30, hour: 3, minute: 0, second: 0, millisecond: 0, weekday: 7 }
 * toZonedParts(new Date('2025-03-30T01:00:00Z'), 'Indian/Reunion').hour; // 5
 * ```
 */
export function toZonedParts(instant: Date, timeZone: string = PARIS_TIME_ZONE): ZonedParts {
  const ms = instantMs(instant);
  return partsFromWallMs(ms + offsetMsAt(ms, timeZone));
}

function checkPart(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ScheduleError(
      'INVALID_PARTS',
      `Expected ${name} to be an integer from ${min} to ${max}, got ${String(value)}.`,
    );
  }
}

/** Validates local parts and returns them as "wall milliseconds as if UTC". */
export function wallMsFromLocal(local: LocalDateTime): number {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = local;
  checkPart('year', year, -271_820, 275_759);
  checkPart('month', month, 1, 12);
  checkPart('day', day, 1, daysInMonth(year, month));
  checkPart('hour', hour, 0, 23);
  checkPart('minute', minute, 0, 59);
  checkPart('second', second, 0, 59);
  checkPart('millisecond', millisecond, 0, 999);
  return wallMsFromCivil(year, month, day, hour, minute, second, millisecond);
}

function describe(local: LocalDateTime, timeZone: string): string {
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)} in ${timeZone}`;
}

/**
 * The instant at which the wall clock of `timeZone` reads `local`. Around daylight-saving changes,
 * `options.disambiguation` decides (see {@link Disambiguation}); by default a nonexistent March
 * time such as 02:30 in Paris moves forward to 03:30 CEST, and a repeated October time such as
 * 02:30 takes its first occurrence (CEST, UTC+2).
 *
 * @param local - Year, month (1-12), day and optional hour, minute, second, millisecond.
 * @param timeZone - An IANA time zone. @default 'Europe/Paris'
 * @throws {@link ScheduleError} `INVALID_PARTS` for out-of-range parts, `INVALID_TIME_ZONE`,
 *   and `NONEXISTENT_TIME` / `AMBIGUOUS_TIME` with `disambiguation: 'reject'`.
 * @example
 * ```ts
 * fromZonedParts({ year: 2025, month: 3, day: 30, hour: 2, minute: 30 }).toISOString();
 * // '2025-03-30T01:30:00.000Z' (03:30 CEST)
 * fromZonedParts(
 *   { year: 2025, month: 10, day: 26, hour: 2, minute: 30 },
 *   'Europe/Paris',
 *   { disambiguation: 'later' },
 * ).toISOString(); // '2025-10-26T01:30:00.000Z' (02:30 CET)
 * ```
 */
export function fromZonedParts(
  local: LocalDateTime,
  timeZone: string = PARIS_TIME_ZONE,
  options: FromZonedPartsOptions = {},
): Date {
  return instantOfLocal(local, timeZone, options.disambiguation ?? 'compatible', (repeated) => {
    throw repeated
      ? new ScheduleError(
          'AMBIGUOUS_TIME',
          `${describe(local, timeZone)} happens twice (clocks go back then); pass disambiguation 'earlier' or 'later' to choose.`,
        )
      : new ScheduleError(
          'NONEXISTENT_TIME',
          `${describe(local, timeZone)} does not exist (clocks go forward then); pass disambiguation 'compatible', 'earlier' or 'later' to pick a nearby time.`,
        );
  });
}

/**
 * @internal {@link fromZonedParts} with `'reject'` left to `reject` (called with whether the time
 * is repeated rather than skipped), so that callers which never reject, such as the client, do
 * not carry its messages.
 */
export function instantOfLocal(
  local: LocalDateTime,
  timeZone: string = PARIS_TIME_ZONE,
  disambiguation: Disambiguation = 'compatible',
  reject?: (repeated: boolean) => never,
): Date {
  const wall = wallMsFromLocal(local);
  const { instants, shiftedForward, shiftedBack } = instantsForWallMs(wall, timeZone);
  const [first, second] = instants;
  if (first === undefined) {
    if (disambiguation === 'reject') reject?.(false);
    return new Date(disambiguation === 'earlier' ? shiftedBack : shiftedForward);
  }
  if (second !== undefined) {
    if (disambiguation === 'reject') reject?.(true);
    return new Date(disambiguation === 'later' ? second : first);
  }
  return new Date(first);
}
