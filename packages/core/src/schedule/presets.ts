/**
 * The quiet-hour rules that exist today, as presets. They differ, and they move:
 *
 * | preset | allowed | Sunday | public holidays |
 * |---|---|---|---|
 * | {@link smsPartnerPolicy} (default) | Mon-Sat 08:00-20:00 | closed | closed |
 * | {@link af2m2024Policy} | Mon-Sat 08:00-22:00 | closed | closed |
 * | {@link af2m2026Policy} | every day 08:00-21:30 | tolerated | tolerated |
 *
 * @example
 * ```ts
 * import { af2m2026Policy, customQuietHoursPolicy, isQuietTime } from '@sms-partner/core';
 * // The af2m 2026 charter's recommended days only: no Sundays, no public holidays.
 * const recommended2026 = customQuietHoursPolicy({
 *   ...af2m2026Policy,
 *   name: 'af2m-2026-recommended',
 *   windows: { ...af2m2026Policy.windows, sunday: [] },
 *   closedOnPublicHolidays: true,
 * });
 * isQuietTime(new Date('2025-06-15T10:00:00Z'), recommended2026); // true: a Sunday
 * ```
 * @packageDocumentation
 */
import {
  freezePolicy,
  type QuietHoursPolicy,
  type SendWindow,
  type WeeklySendWindows,
} from './policies.js';

function sameEveryDay(
  weekday: readonly SendWindow[],
  saturday: readonly SendWindow[],
  sunday: readonly SendWindow[],
): WeeklySendWindows {
  return {
    monday: weekday,
    tuesday: weekday,
    wednesday: weekday,
    thursday: weekday,
    friday: weekday,
    saturday,
    sunday,
  };
}

/**
 * SMS Partner's platform rule, the default policy: commercial SMS are held from 20:00 to 08:00,
 * all Sunday and on public holidays, and leave at 08:00 on the next working day. Saturday counts as
 * a working day (the platform's error 23 names only Sundays and holidays).
 *
 * The evening cutoff is uncertain: the current platform documentation says 20:00, while error 22's
 * text and older pages say 22:00. 20:00 is the safe reading (nothing sent at 21:00 can be held by
 * surprise); for 22:00 use {@link af2m2024Policy}, which has the same days, or a custom policy.
 *
 * @example
 * ```ts
 * isQuietTime(new Date('2025-06-13T19:30:00Z'), smsPartnerPolicy); // true: Friday 21:30 in Paris
 * ```
 */
export const smsPartnerPolicy: QuietHoursPolicy = /* @__PURE__ */ freezePolicy({
  name: 'sms-partner',
  windows: /* @__PURE__ */ sameEveryDay(['08:00-20:00'], ['08:00-20:00'], []),
  closedOnPublicHolidays: true,
  zone: 'metropole',
});

/**
 * The af2m Business Messaging charter of 2024 (in force from 1 September 2024): promotional
 * messages on "jours ouvrables" (Monday to Saturday, public holidays excluded) from 08:00 to 22:00.
 *
 * @example
 * ```ts
 * isQuietTime(new Date('2025-06-13T19:30:00Z'), af2m2024Policy); // false: Friday 21:30 in Paris
 * ```
 */
export const af2m2024Policy: QuietHoursPolicy = /* @__PURE__ */ freezePolicy({
  name: 'af2m-2024',
  windows: /* @__PURE__ */ sameEveryDay(['08:00-22:00'], ['08:00-22:00'], []),
  closedOnPublicHolidays: true,
  zone: 'metropole',
});

/**
 * The af2m charter announced in February 2026: promotional SMS/RCS from 08:00 to 21:30. Monday to
 * Saturday is recommended, Sundays and public holidays are tolerated; this preset encodes what is
 * allowed (every day, holidays open). For the recommended days only:
 * `customQuietHoursPolicy({ ...af2m2026Policy, windows: { ...af2m2026Policy.windows, sunday: [] },
 * closedOnPublicHolidays: true })`.
 *
 * @example
 * ```ts
 * isQuietTime(new Date('2025-06-15T10:00:00Z'), af2m2026Policy); // false: Sunday noon is tolerated
 * ```
 */
export const af2m2026Policy: QuietHoursPolicy = /* @__PURE__ */ freezePolicy({
  name: 'af2m-2026',
  windows: /* @__PURE__ */ sameEveryDay(['08:00-21:30'], ['08:00-21:30'], ['08:00-21:30']),
  closedOnPublicHolidays: false,
  zone: 'metropole',
});
