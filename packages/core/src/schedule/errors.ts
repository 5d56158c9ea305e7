import { SmsPartnerError } from '../errors.js';

/**
 * What went wrong in a schedule function, as {@link ScheduleError.reason}. Branch on this rather
 * than on the message.
 *
 * - `INVALID_YEAR`: a year outside 1583-4099 or not an integer (holidays, Easter).
 * - `INVALID_DATE`: an invalid `Date`, or a `'YYYY-MM-DD'` string that is not a calendar date.
 * - `INVALID_ZONE`: an unknown holiday zone.
 * - `INVALID_TIME_ZONE`: a time zone that `Intl.DateTimeFormat` does not know.
 * - `INVALID_PARTS`: local date-time parts out of range (month 13, minute 60, ...).
 * - `NONEXISTENT_TIME`: local parts that fall in a daylight-saving gap, with `disambiguation: 'reject'`.
 * - `AMBIGUOUS_TIME`: local parts that occur twice, with `disambiguation: 'reject'`.
 * - `INVALID_POLICY`: a quiet-hours policy with malformed windows or dates.
 * - `NO_SEND_WINDOW`: a policy that never allows sending (no window on any day).
 * - `PAST_INSTANT`: a scheduled delivery time earlier than now.
 * - `INVALID_FIELDS`: scheduled-delivery fields that do not follow the API's format.
 */
export type ScheduleErrorReason =
  | 'INVALID_YEAR'
  | 'INVALID_DATE'
  | 'INVALID_ZONE'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_PARTS'
  | 'NONEXISTENT_TIME'
  | 'AMBIGUOUS_TIME'
  | 'INVALID_POLICY'
  | 'NO_SEND_WINDOW'
  | 'PAST_INSTANT'
  | 'INVALID_FIELDS';

/**
 * The one error class of the schedule module: every bad input to a schedule function throws it,
 * with a message that says what was wrong and how to fix it.
 *
 * It is an {@link SmsPartnerError} with `code: 'schedule'`, so one `catch` covers the whole SDK;
 * the specific problem is in `reason`. It is not a `RangeError` (it was before the error
 * hierarchy was unified): test `instanceof ScheduleError` or `code === 'schedule'` instead.
 *
 * @example
 * ```ts
 * import { ScheduleError, frenchPublicHolidays } from '@sms-partner/core';
 * try {
 *   frenchPublicHolidays(1200);
 * } catch (error) {
 *   if (error instanceof ScheduleError && error.reason === 'INVALID_YEAR') {
 *     // 1200 is before the Gregorian calendar: ask for a year in 1583-4099
 *   }
 * }
 * ```
 */
export class ScheduleError extends SmsPartnerError {
  /** `'ScheduleError'`, in stack traces and `toJSON()`. */
  override name = 'ScheduleError';
  declare readonly code: 'schedule';
  /** Machine-readable reason; see {@link ScheduleErrorReason}. */
  readonly reason: ScheduleErrorReason;

  constructor(reason: ScheduleErrorReason, message: string) {
    super('schedule', message);
    this.reason = reason;
  }

  override toJSON(): ReturnType<SmsPartnerError['toJSON']> & { reason: ScheduleErrorReason } {
    return { ...super.toJSON(), reason: this.reason };
  }
}
