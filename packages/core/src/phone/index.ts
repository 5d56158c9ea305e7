/**
 * Phone number normalisation for SMS Partner: French national numbers to international form,
 * international numbers cleaned up, and the `336…` form of the long-number endpoints.
 *
 * @example
 * ```ts
 * import { normalizePhoneNumber } from '@sms-partner/core';
 * normalizePhoneNumber('06 12 34 56 78'); // '+33612345678'
 * ```
 * @packageDocumentation
 */
export type { NormalizePhoneNumberOptions, OverseasNumbering } from './normalize.js';
export {
  isFrenchMobile,
  normalizePhoneNumber,
  toFrenchNationalFormat,
  toLongNumberFormat,
} from './normalize.js';
export type { RecipientZone } from './zone.js';
export { overseasZoneOf } from './zone.js';
