import type { HolidayZone } from '../schedule/zones.js';

/** The French zone of a recipient, for quiet hours read on the recipient's own clock. */
export interface RecipientZone {
  /** The holiday calendar that applies. */
  readonly zone: HolidayZone;
  /** The IANA time zone of the recipient's wall clock. */
  readonly timeZone: string;
}

// E.164 prefixes of the overseas departments (ARCEP's numbering plan, public facts). Mayotte
// shares +262 with Réunion and is told apart by its own blocks (0269 fixed, 0639 mobile).
// Saint-Martin and Saint-Barthélemy share +590 with Guadeloupe and sit on the same clock; their
// blocks are not told apart here, so they get Guadeloupe's holidays.
const OVERSEAS: ReadonlyArray<readonly [prefix: string, zone: RecipientZone]> = [
  ['+262269', { zone: 'YT', timeZone: 'Indian/Mayotte' }],
  ['+262639', { zone: 'YT', timeZone: 'Indian/Mayotte' }],
  ['+262', { zone: 'RE', timeZone: 'Indian/Reunion' }],
  ['+590', { zone: 'GP', timeZone: 'America/Guadeloupe' }],
  ['+594', { zone: 'GF', timeZone: 'America/Cayenne' }],
  ['+596', { zone: 'MQ', timeZone: 'America/Martinique' }],
];

/**
 * The overseas French zone of a number in E.164 form (as `normalizePhoneNumber` returns it), or
 * `undefined` for metropolitan France and every other country, where the policy's own zone and
 * clock apply. Pass the result as the `zone` and `timeZone` of `nextSendWindow` so that a
 * Réunion recipient's quiet hours are read on Réunion's clock with Réunion's holidays.
 *
 * @example
 * ```ts
 * overseasZoneOf('+262692123456'); // { zone: 'RE', timeZone: 'Indian/Reunion' }
 * overseasZoneOf('+33612345678'); // undefined
 * ```
 */
export function overseasZoneOf(e164: string): RecipientZone | undefined {
  for (const [prefix, zone] of OVERSEAS) if (e164.startsWith(prefix)) return zone;
  return undefined;
}
