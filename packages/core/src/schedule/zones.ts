import { ScheduleError } from './errors.js';

/**
 * Where a French public-holiday calendar applies.
 *
 * - `'metropole'`: mainland France and Corsica (the 11 national holidays).
 * - `'alsace-moselle'`: Bas-Rhin, Haut-Rhin and Moselle (adds Good Friday and 26 December).
 * - Overseas, by ISO 3166 code: `'GP'` Guadeloupe, `'MQ'` Martinique, `'GF'` French Guiana,
 *   `'RE'` La Réunion, `'YT'` Mayotte, `'MF'` Saint-Martin, `'BL'` Saint-Barthélemy.
 */
export type HolidayZone =
  | 'metropole'
  | 'alsace-moselle'
  | 'GP'
  | 'MQ'
  | 'GF'
  | 'RE'
  | 'YT'
  | 'MF'
  | 'BL';

/**
 * Every {@link HolidayZone}, in a stable order (métropole first, then the overseas zones).
 *
 * @example
 * ```ts
 * for (const zone of HOLIDAY_ZONES) console.log(zone, frenchPublicHolidays(2025, { zone }).length);
 * ```
 */
export const HOLIDAY_ZONES: readonly HolidayZone[] = /* @__PURE__ */ Object.freeze([
  'metropole',
  'alsace-moselle',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'MF',
  'BL',
]);

/**
 * The IANA time zone of each holiday zone: the wall clock that quiet hours are read on when a
 * policy (or a call) names that zone.
 *
 * @example
 * ```ts
 * HOLIDAY_ZONE_TIME_ZONES.RE; // 'Indian/Reunion'
 * toZonedParts(new Date(), HOLIDAY_ZONE_TIME_ZONES.GP).hour;
 * ```
 */
export const HOLIDAY_ZONE_TIME_ZONES: Readonly<Record<HolidayZone, string>> =
  /* @__PURE__ */ Object.freeze({
    metropole: 'Europe/Paris',
    'alsace-moselle': 'Europe/Paris',
    GP: 'America/Guadeloupe',
    MQ: 'America/Martinique',
    GF: 'America/Cayenne',
    RE: 'Indian/Reunion',
    YT: 'Indian/Mayotte',
    MF: 'America/Marigot',
    BL: 'America/St_Barthelemy',
  });

/** Throws `INVALID_ZONE` unless `zone` is one of {@link HOLIDAY_ZONES}. */
export function assertHolidayZone(zone: unknown): asserts zone is HolidayZone {
  if (typeof zone !== 'string' || !Object.hasOwn(HOLIDAY_ZONE_TIME_ZONES, zone)) {
    throw new ScheduleError(
      'INVALID_ZONE',
      `Unknown holiday zone ${JSON.stringify(zone)}: use one of ${HOLIDAY_ZONES.map((z) => `'${z}'`).join(', ')}.`,
    );
  }
}
