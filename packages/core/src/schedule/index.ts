/**
 * French commercial-SMS rules: public holidays (métropole, Alsace-Moselle, overseas), the Paris
 * wall clock from `Intl`, quiet-hour policies with the next send window, and the API's
 * scheduled-delivery fields.
 *
 * @example
 * ```ts
 * import { nextSendWindow, toScheduledDeliveryFields } from '@sms-partner/core';
 * const leaveAt = nextSendWindow(new Date()); // now, or 08:00 on the next working day
 * const fields = toScheduledDeliveryFields(leaveAt); // { scheduledDeliveryDate, time, minute }
 * ```
 * @packageDocumentation
 */
export { easterSunday, MAX_HOLIDAY_YEAR, MIN_HOLIDAY_YEAR } from './easter.js';
export { ScheduleError, type ScheduleErrorReason } from './errors.js';
export {
  type FrenchHolidayKey,
  type FrenchHolidayOptions,
  type FrenchPublicHoliday,
  frenchPublicHolidays,
  type IsFrenchPublicHolidayOptions,
  isFrenchPublicHoliday,
} from './holidays.js';
export {
  type CustomQuietHoursPolicyInput,
  customQuietHoursPolicy,
  type QuietHoursPolicy,
  type SendWindow,
  WEEKDAY_NAMES,
  type WeekdayName,
  type WeeklySendWindows,
} from './policies.js';
export { af2m2024Policy, af2m2026Policy, smsPartnerPolicy } from './presets.js';
export {
  explainQuietTime,
  isQuietTime,
  type MessageCategory,
  nextSendWindow,
  type QuietReason,
  type QuietTimeExplanation,
  type QuietTimeOptions,
} from './quiet-hours.js';
export {
  type FromScheduledDeliveryFieldsOptions,
  fromScheduledDeliveryFields,
  type MinuteRounding,
  type ScheduledDeliveryFields,
  type ToScheduledDeliveryFieldsOptions,
  toScheduledDeliveryFields,
} from './scheduled-delivery.js';
export {
  type Disambiguation,
  type FromZonedPartsOptions,
  fromZonedParts,
  type IsoWeekday,
  type LocalDateTime,
  PARIS_TIME_ZONE,
  toZonedParts,
  type ZonedParts,
} from './wall-clock.js';
export {
  HOLIDAY_ZONE_TIME_ZONES,
  HOLIDAY_ZONES,
  type HolidayZone,
} from './zones.js';
