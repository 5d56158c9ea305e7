/**
 * Whether a commercial SMS may leave now under a quiet-hours policy, when it may leave if not, and
 * why. Evaluated on the policy's wall clock (Europe/Paris by default) whatever the process time
 * zone, correct across daylight-saving changes.
 *
 * @example
 * ```ts
 * import { explainQuietTime, nextSendWindow } from '@sms-partner/core';
 * const friday2130 = new Date('2025-06-13T19:30:00Z'); // 21:30 in Paris
 * nextSendWindow(friday2130).toISOString(); // '2025-06-14T06:00:00.000Z': Saturday 08:00
 * explainQuietTime(friday2130).reason; // 'night'
 * ```
 * @packageDocumentation
 */
import type { FrenchPublicHoliday } from './holidays.js';
import { nextAllowedMs, statusAtWall } from './internal/evaluate.js';
import { instantMs, offsetMsAt } from './internal/zone-offsets.js';
import { type CompiledPolicy, compilePolicy, type QuietHoursPolicy } from './policies.js';
import { smsPartnerPolicy } from './presets.js';
import { partsFromWallMs, type ZonedParts } from './wall-clock.js';
import { assertHolidayZone, HOLIDAY_ZONE_TIME_ZONES, type HolidayZone } from './zones.js';

/**
 * Quiet hours bind commercial (marketing) messages only. Transactional messages (one-time codes,
 * delivery notices, appointment reminders) may leave at any time under every policy, and SMS
 * Partner lets support lift the hold for non-commercial accounts.
 */
export type MessageCategory = 'commercial' | 'transactional';

/** Options of {@link isQuietTime}, {@link nextSendWindow} and {@link explainQuietTime}. */
export interface QuietTimeOptions {
  /**
   * The kind of message. `'transactional'` is never quiet.
   * @default 'commercial'
   */
  readonly category?: MessageCategory;
  /**
   * The recipient's zone, overriding the policy's: its public holidays apply and its own time zone
   * is read (for example `'RE'` for a Réunion number, 2 or 3 hours ahead of Paris).
   * @default the policy's `zone`
   */
  readonly zone?: HolidayZone;
  /**
   * The IANA time zone to read, overriding both the policy and `zone`.
   * @default the time zone of `zone`, else the policy's
   */
  readonly timeZone?: string;
}

/**
 * Why an instant is quiet:
 * - `'holiday'`: a public holiday of the zone, and the policy closes holidays;
 * - `'closed-date'`: one of the policy's `extraClosedDates`;
 * - `'sunday'`: a Sunday, closed by the policy;
 * - `'closed-weekday'`: another weekday with no window;
 * - `'night'`: before the day's first window or after its last;
 * - `'between-windows'`: in a gap between two windows of the same day.
 * A holiday that falls on a Sunday is reported as `'holiday'`.
 */
export type QuietReason =
  | 'holiday'
  | 'closed-date'
  | 'sunday'
  | 'closed-weekday'
  | 'night'
  | 'between-windows';

interface ExplanationBase {
  /** The policy's `name`. */
  readonly policy: string;
  /** The time zone whose wall clock was read. */
  readonly timeZone: string;
  /** The wall-clock reading of the instant in that time zone. */
  readonly localTime: ZonedParts;
  /** The first instant at or after the input when the message may leave ({@link nextSendWindow}). */
  readonly releaseAt: Date;
}

/** Result of {@link explainQuietTime}; narrow on `quiet`. */
export type QuietTimeExplanation =
  | (ExplanationBase & {
      /** A commercial message sent now would be held (or refused). */
      readonly quiet: true;
      /** Why the instant is quiet. */
      readonly reason: QuietReason;
      /** The public holiday, when `reason` is `'holiday'`. */
      readonly holiday?: FrenchPublicHoliday;
    })
  | (ExplanationBase & {
      /** The message may leave now. */
      readonly quiet: false;
      /** `'allowed'` inside a window; `'transactional'` when the category exempts the message. */
      readonly reason: 'allowed' | 'transactional';
    });

function resolve(policy: QuietHoursPolicy, options: QuietTimeOptions): CompiledPolicy {
  const compiled = compilePolicy(policy);
  if (options.zone === undefined && options.timeZone === undefined) return compiled;
  const zone = options.zone ?? compiled.zone;
  const timeZone =
    options.timeZone ??
    (options.zone !== undefined ? HOLIDAY_ZONE_TIME_ZONES[options.zone] : compiled.timeZone);
  assertHolidayZone(zone);
  offsetMsAt(0, timeZone); // throws INVALID_TIME_ZONE for an unknown zone
  return { ...compiled, zone, timeZone };
}

/**
 * Whether a commercial message sent at `instant` would be held (or refused) under `policy`.
 *
 * @param instant - When the message would be sent.
 * @param policy - @default smsPartnerPolicy
 * @param options - `category` (`'transactional'` is never quiet), recipient `zone`, `timeZone`.
 * @throws {@link ScheduleError} `INVALID_DATE`, `INVALID_POLICY`, `INVALID_YEAR` (a holiday check
 *   outside 1583-4099).
 * @example
 * ```ts
 * isQuietTime(new Date('2025-07-14T10:00:00Z')); // true: Bastille Day
 * isQuietTime(new Date('2025-07-15T10:00:00Z')); // false: Tuesday noon in Paris
 * isQuietTime(new Date('2025-07-14T10:00:00Z'), undefined, { category: 'transactional' }); // false
 * ```
 */
export function isQuietTime(
  instant: Date,
  policy: QuietHoursPolicy = smsPartnerPolicy,
  options: QuietTimeOptions = {},
): boolean {
  const ms = instantMs(instant);
  const compiled = resolve(policy, options);
  if (options.category === 'transactional') return false;
  return statusAtWall(compiled, ms + offsetMsAt(ms, compiled.timeZone)).quiet;
}

/**
 * The first instant at or after `instant` when a commercial message may leave under `policy`:
 * `instant` itself (as a new `Date`) when sending is allowed now, else the start of the next send
 * window (for SMS Partner, 08:00 on the next working day). Never earlier than `instant`, never
 * itself quiet, and no allowed instant lies between the two.
 *
 * @param instant - When the message would be sent.
 * @param policy - @default smsPartnerPolicy
 * @param options - `category` (`'transactional'` returns `instant`), recipient `zone`, `timeZone`.
 * @throws {@link ScheduleError} `INVALID_DATE`, `INVALID_POLICY`, `NO_SEND_WINDOW`, `INVALID_YEAR`.
 * @example
 * ```ts
 * // Saturday 21:00 in Paris: Sunday is closed, so Monday 08:00.
 * nextSendWindow(new Date('2025-06-14T19:00:00Z')).toISOString(); // '2025-06-16T06:00:00.000Z'
 * // Thursday 31 July 2025 at 22:00 on Réunion, with Réunion's clock and holidays:
 * nextSendWindow(new Date('2025-07-31T18:00:00Z'), undefined, { zone: 'RE' }).toISOString();
 * // '2025-08-01T04:00:00.000Z' (Friday 08:00 on Réunion)
 * ```
 */
export function nextSendWindow(
  instant: Date,
  policy: QuietHoursPolicy = smsPartnerPolicy,
  options: QuietTimeOptions = {},
): Date {
  const ms = instantMs(instant);
  const compiled = resolve(policy, options);
  if (options.category === 'transactional') return new Date(ms);
  return new Date(nextAllowedMs(compiled, ms));
}

/**
 * Whether `instant` is quiet under `policy`, why (night, Sunday, which holiday, ...), the local
 * time that was read, and when the message may leave.
 *
 * @param instant - When the message would be sent.
 * @param policy - @default smsPartnerPolicy
 * @param options - `category`, recipient `zone`, `timeZone`.
 * @throws {@link ScheduleError} `INVALID_DATE`, `INVALID_POLICY`, `NO_SEND_WINDOW`, `INVALID_YEAR`.
 * @example
 * ```ts
 * const why = explainQuietTime(new Date('2025-05-08T09:00:00Z'));
 * if (why.quiet && why.reason === 'holiday') {
 *   console.log(`${why.holiday?.name}: held until ${why.releaseAt.toISOString()}`);
 *   // "Victoire 1945: held until 2025-05-09T06:00:00.000Z"
 * }
 * ```
 */
export function explainQuietTime(
  instant: Date,
  policy: QuietHoursPolicy = smsPartnerPolicy,
  options: QuietTimeOptions = {},
): QuietTimeExplanation {
  const ms = instantMs(instant);
  const compiled = resolve(policy, options);
  const wall = ms + offsetMsAt(ms, compiled.timeZone);
  const base = {
    policy: compiled.name,
    timeZone: compiled.timeZone,
    localTime: partsFromWallMs(wall),
  };
  if (options.category === 'transactional') {
    return { ...base, quiet: false, reason: 'transactional', releaseAt: new Date(ms) };
  }
  const status = statusAtWall(compiled, wall);
  if (!status.quiet) return { ...base, quiet: false, reason: 'allowed', releaseAt: new Date(ms) };
  return {
    ...base,
    quiet: true,
    reason: status.reason,
    ...(status.holiday && { holiday: status.holiday }),
    releaseAt: new Date(nextAllowedMs(compiled, ms)),
  };
}
