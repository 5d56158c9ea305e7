/**
 * Quiet-hour policies as plain, serialisable data: when commercial SMS may be sent, per weekday,
 * whether public holidays are closed, and on whose wall clock. The presets are in `presets.ts`;
 * {@link customQuietHoursPolicy} builds and validates any other.
 *
 * @example
 * ```ts
 * import { customQuietHoursPolicy } from '@sms-partner/core';
 * const weekdaysOnly = customQuietHoursPolicy({
 *   name: 'weekdays-9-to-6',
 *   windows: {
 *     monday: ['09:00-18:00'],
 *     tuesday: ['09:00-18:00'],
 *     wednesday: ['09:00-18:00'],
 *     thursday: ['09:00-18:00'],
 *     friday: ['09:00-18:00'],
 *   },
 * });
 * ```
 * @packageDocumentation
 */
import { ScheduleError } from './errors.js';
import { parseIsoDate } from './internal/civil-date.js';
import { offsetMsAt } from './internal/zone-offsets.js';
import { assertHolidayZone, HOLIDAY_ZONE_TIME_ZONES, type HolidayZone } from './zones.js';

/** Day names used as keys of {@link WeeklySendWindows}, Monday first. */
export type WeekdayName =
  | 'monday'
  | 'tuesday'
  | 'wednesday'
  | 'thursday'
  | 'friday'
  | 'saturday'
  | 'sunday';

/** The weekday names in ISO order (index + 1 is the ISO weekday, Monday = 1). */
export const WEEKDAY_NAMES: readonly WeekdayName[] = /* @__PURE__ */ Object.freeze([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/**
 * A window in which sending is allowed, in local time: `'HH:mm-HH:mm'`, start included, end
 * excluded; the end may be `'24:00'`. For example `'08:00-20:00'` allows 08:00:00 to 19:59:59.999.
 * A plain string, so that policies can come from JSON; the format is checked at use.
 */
export type SendWindow = string;

/** Allowed windows for each weekday; an empty list closes the day. */
export type WeeklySendWindows = { readonly [day in WeekdayName]: readonly SendWindow[] };

/**
 * When commercial messages may be sent. Plain data: it can live in a JSON configuration file and
 * be passed to {@link isQuietTime}, {@link nextSendWindow} and {@link explainQuietTime}.
 */
export interface QuietHoursPolicy {
  /** A label, reported by {@link explainQuietTime}. */
  readonly name: string;
  /** Allowed windows per weekday in local time; every time outside them is quiet. */
  readonly windows: WeeklySendWindows;
  /** Whether the public holidays of {@link QuietHoursPolicy.zone} are closed all day. */
  readonly closedOnPublicHolidays: boolean;
  /** Whose public holidays apply and, unless `timeZone` is set, whose wall clock is read. */
  readonly zone: HolidayZone;
  /**
   * The IANA time zone whose wall clock is read.
   * @default the zone's own time zone ({@link HOLIDAY_ZONE_TIME_ZONES})
   */
  readonly timeZone?: string;
  /**
   * More closed days: `'YYYY-MM-DD'` for one date, `'MM-DD'` for every year (for example `'07-21'`
   * for Victor Schœlcher day, customary in Guadeloupe and Martinique).
   * @default []
   */
  readonly extraClosedDates?: readonly string[];
}

/** Input of {@link customQuietHoursPolicy}: like {@link QuietHoursPolicy}, with defaults. */
export interface CustomQuietHoursPolicyInput {
  /** @default 'custom' */
  readonly name?: string;
  /** Allowed windows per weekday; a weekday left out is closed. */
  readonly windows: Partial<WeeklySendWindows>;
  /** @default true */
  readonly closedOnPublicHolidays?: boolean;
  /** @default 'metropole' */
  readonly zone?: HolidayZone;
  /** @default the zone's own time zone */
  readonly timeZone?: string;
  /** @default [] */
  readonly extraClosedDates?: readonly string[];
}

/** Deep-freezes a policy (windows lists included), so it can be shared and its compiled form kept. */
export function freezePolicy(policy: QuietHoursPolicy): QuietHoursPolicy {
  const windows = {} as Record<WeekdayName, readonly SendWindow[]>;
  for (const day of WEEKDAY_NAMES) windows[day] = Object.freeze([...policy.windows[day]]);
  return Object.freeze({
    ...policy,
    windows: Object.freeze(windows),
    ...(policy.extraClosedDates && {
      extraClosedDates: Object.freeze([...policy.extraClosedDates]),
    }),
  });
}

/** A validated policy: windows as [start, end) milliseconds of the local day, sorted and merged. */
export interface CompiledPolicy {
  readonly name: string;
  /** Index 1-7 (ISO weekday); index 0 unused. */
  readonly days: readonly (readonly (readonly [number, number])[])[];
  readonly closedOnPublicHolidays: boolean;
  readonly zone: HolidayZone;
  readonly timeZone: string;
  readonly closedDates: ReadonlySet<string>;
  readonly closedMonthDays: ReadonlySet<string>;
}

const WINDOW = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

function invalid(message: string): never {
  throw new ScheduleError('INVALID_POLICY', message);
}

function parseWindow(text: unknown, where: string): [number, number] {
  const match = typeof text === 'string' ? WINDOW.exec(text) : null;
  if (match) {
    const [sh, sm, eh, em] = match.slice(1).map(Number) as [number, number, number, number];
    const start = sh * 60 + sm;
    const end = eh * 60 + em;
    if (sh < 24 && sm < 60 && em < 60 && end <= 24 * 60 && start < end) {
      return [start * 60_000, end * 60_000];
    }
  }
  return invalid(
    `Invalid send window ${JSON.stringify(text)} for ${where}: write 'HH:mm-HH:mm' with the start before the end, for example '08:00-20:00' (the end may be '24:00').`,
  );
}

// Frozen policies (the presets and every customQuietHoursPolicy result) cannot change, so their
// compiled form is kept; other objects are compiled at each call, so that edits are seen.
const compiledFrozen = /* @__PURE__ */ new WeakMap<QuietHoursPolicy, CompiledPolicy>();

/** Validates a policy and turns it into the form the evaluator uses. */
export function compilePolicy(policy: QuietHoursPolicy): CompiledPolicy {
  const frozen = typeof policy === 'object' && policy !== null && Object.isFrozen(policy);
  const known = frozen ? compiledFrozen.get(policy) : undefined;
  if (known !== undefined) return known;
  const compiled = compileUncached(policy);
  if (frozen) compiledFrozen.set(policy, compiled);
  return compiled;
}

function compileUncached(policy: QuietHoursPolicy): CompiledPolicy {
  if (policy === null || typeof policy !== 'object' || typeof policy.windows !== 'object') {
    invalid('Expected a quiet-hours policy object with `windows`, such as smsPartnerPolicy.');
  }
  assertHolidayZone(policy.zone);
  const days: (readonly (readonly [number, number])[])[] = [[]];
  for (const day of WEEKDAY_NAMES) {
    const list = policy.windows[day] ?? [];
    if (!Array.isArray(list)) invalid(`Expected windows.${day} to be an array of 'HH:mm-HH:mm'.`);
    const parsed = list.map((text) => parseWindow(text, day)).sort((a, b) => a[0] - b[0]);
    // Overlapping or touching windows merge, so "allowed" has a single meaning.
    const merged: [number, number][] = [];
    for (const window of parsed) {
      const last = merged.at(-1);
      if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
      else merged.push(window);
    }
    days.push(merged);
  }
  const closedDates = new Set<string>();
  const closedMonthDays = new Set<string>();
  for (const entry of policy.extraClosedDates ?? []) {
    if (typeof entry === 'string' && /^\d{2}-\d{2}$/.test(entry)) {
      parseIsoDate(`2000-${entry}`); // 2000 is a leap year, so '02-29' is accepted
      closedMonthDays.add(entry);
    } else if (typeof entry === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry)) {
      parseIsoDate(entry);
      closedDates.add(entry);
    } else {
      invalid(
        `Invalid entry ${JSON.stringify(entry)} in extraClosedDates: use 'YYYY-MM-DD' for one date or 'MM-DD' for every year.`,
      );
    }
  }
  if (typeof policy.closedOnPublicHolidays !== 'boolean') {
    invalid('Expected closedOnPublicHolidays to be true or false.');
  }
  const timeZone = policy.timeZone ?? HOLIDAY_ZONE_TIME_ZONES[policy.zone];
  offsetMsAt(0, timeZone); // throws INVALID_TIME_ZONE now rather than at first use
  return {
    name: String(policy.name),
    days,
    closedOnPublicHolidays: policy.closedOnPublicHolidays,
    zone: policy.zone,
    timeZone,
    closedDates,
    closedMonthDays,
  };
}

/**
 * Builds and validates a quiet-hours policy. Weekdays left out of `windows` are closed.
 *
 * @throws {@link ScheduleError} `INVALID_POLICY` for a malformed window or date, or a policy that
 *   never allows sending; `INVALID_ZONE` for an unknown zone.
 * @example
 * ```ts
 * // Weekdays 09:00-12:00 and 14:00-19:00 on Réunion's clock and holidays, Saturdays morning only.
 * const policy = customQuietHoursPolicy({
 *   name: 'shop-hours',
 *   zone: 'RE',
 *   windows: {
 *     monday: ['09:00-12:00', '14:00-19:00'],
 *     tuesday: ['09:00-12:00', '14:00-19:00'],
 *     wednesday: ['09:00-12:00', '14:00-19:00'],
 *     thursday: ['09:00-12:00', '14:00-19:00'],
 *     friday: ['09:00-12:00', '14:00-19:00'],
 *     saturday: ['09:00-12:00'],
 *   },
 * });
 * // Saturday 20 December is Réunion's abolition day, then Sunday: Monday 09:00 on Réunion.
 * nextSendWindow(new Date('2025-12-20T06:00:00Z'), policy).toISOString(); // '2025-12-22T05:00:00.000Z'
 * ```
 */
export function customQuietHoursPolicy(input: CustomQuietHoursPolicyInput): QuietHoursPolicy {
  const windows = {} as Record<WeekdayName, readonly SendWindow[]>;
  for (const day of WEEKDAY_NAMES) windows[day] = input.windows?.[day] ?? [];
  const policy: QuietHoursPolicy = {
    name: input.name ?? 'custom',
    windows,
    closedOnPublicHolidays: input.closedOnPublicHolidays ?? true,
    zone: input.zone ?? 'metropole',
    ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
    ...(input.extraClosedDates !== undefined && { extraClosedDates: input.extraClosedDates }),
  };
  const compiled = compilePolicy(policy);
  if (compiled.days.every((list) => list.length === 0)) {
    invalid('This policy has no send window on any day, so nothing could ever be sent.');
  }
  return freezePolicy(policy);
}
