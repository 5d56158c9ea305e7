/**
 * French public holidays ("jours fériés") for métropole, Alsace-Moselle and the overseas zones,
 * computed from current law and projected onto every Gregorian year 1583-4099.
 *
 * Sources of the rules:
 * - the 11 national holidays: Code du travail, article L3133-1;
 * - Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle): Good Friday and 26 December, local law kept by
 *   Code du travail L3134-13;
 * - overseas: the abolition-of-slavery day of each territory (loi 83-550, décret 83-1003 as amended
 *   by décret 2012-553 for Saint-Barthélemy and Saint-Martin, and by the 2023 decree that moved
 *   Saint-Martin from 27 to 28 May); Good Friday in Guadeloupe and Martinique, where it is a public
 *   holiday by local custom and in every reference calendar we checked.
 *
 * Not included, because they are not public holidays in those calendars: Guadeloupe's and
 * Martinique's Victor Schœlcher day (21 July, "optional"), Mi-Carême, the carnival days, Saint
 * Barthélemy's day (24 August) and its Good Friday (a bank holiday). Quiet-hour policies can add
 * such days with `extraClosedDates`.
 *
 * @example
 * ```ts
 * import { frenchPublicHolidays, isFrenchPublicHoliday } from '@sms-partner/core';
 * frenchPublicHolidays(2025).map((h) => h.date);
 * isFrenchPublicHoliday('2025-12-26', { zone: 'alsace-moselle' })?.name; // 'Saint-Étienne'
 * ```
 * @packageDocumentation
 */
import { assertHolidayYear, easterMonthDay } from './easter.js';
import {
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  parseIsoDate,
} from './internal/civil-date.js';
import { toZonedParts } from './wall-clock.js';
import { assertHolidayZone, HOLIDAY_ZONE_TIME_ZONES, type HolidayZone } from './zones.js';

/** A stable, language-neutral identifier of each holiday, for translations and tests. */
export type FrenchHolidayKey =
  | 'new-year'
  | 'good-friday'
  | 'easter-monday'
  | 'labour-day'
  | 'victory-1945'
  | 'ascension'
  | 'whit-monday'
  | 'bastille-day'
  | 'assumption'
  | 'all-saints'
  | 'armistice-1918'
  | 'christmas'
  | 'saint-stephen'
  | 'abolition-of-slavery';

/** One public holiday, as returned by {@link frenchPublicHolidays}. */
export interface FrenchPublicHoliday {
  /** The calendar date, `'YYYY-MM-DD'`. */
  readonly date: string;
  /** The French name, for example `'Lundi de Pâques'`. */
  readonly name: string;
  /** Language-neutral identifier, for example `'easter-monday'`. */
  readonly key: FrenchHolidayKey;
}

/** Options of {@link frenchPublicHolidays} and {@link isFrenchPublicHoliday}. */
export interface FrenchHolidayOptions {
  /**
   * Which calendar: métropole, Alsace-Moselle or an overseas zone.
   * @default 'metropole'
   */
  readonly zone?: HolidayZone;
}

/** Options of {@link isFrenchPublicHoliday}. */
export interface IsFrenchPublicHolidayOptions extends FrenchHolidayOptions {
  /**
   * For a `Date` argument: the time zone whose calendar date is checked. A `'YYYY-MM-DD'` string is
   * a calendar date already and ignores it.
   * @default the zone's own time zone ({@link HOLIDAY_ZONE_TIME_ZONES})
   */
  readonly timeZone?: string;
}

type Rule =
  | {
      readonly key: FrenchHolidayKey;
      readonly name: string;
      readonly month: number;
      readonly day: number;
    }
  | { readonly key: FrenchHolidayKey; readonly name: string; readonly easterOffset: number };

const NATIONAL: readonly Rule[] = [
  { key: 'new-year', name: "Jour de l'an", month: 1, day: 1 },
  { key: 'easter-monday', name: 'Lundi de Pâques', easterOffset: 1 },
  { key: 'labour-day', name: 'Fête du Travail', month: 5, day: 1 },
  { key: 'victory-1945', name: 'Victoire 1945', month: 5, day: 8 },
  { key: 'ascension', name: 'Ascension', easterOffset: 39 },
  { key: 'whit-monday', name: 'Lundi de Pentecôte', easterOffset: 50 },
  { key: 'bastille-day', name: 'Fête nationale', month: 7, day: 14 },
  { key: 'assumption', name: 'Assomption', month: 8, day: 15 },
  { key: 'all-saints', name: 'Toussaint', month: 11, day: 1 },
  { key: 'armistice-1918', name: 'Armistice 1918', month: 11, day: 11 },
  { key: 'christmas', name: 'Noël', month: 12, day: 25 },
];

const GOOD_FRIDAY: Rule = { key: 'good-friday', name: 'Vendredi saint', easterOffset: -2 };

function abolition(month: number, day: number): Rule {
  return { key: 'abolition-of-slavery', name: "Abolition de l'esclavage", month, day };
}

const LOCAL: Readonly<Record<HolidayZone, readonly Rule[]>> = {
  metropole: [],
  'alsace-moselle': [
    GOOD_FRIDAY,
    { key: 'saint-stephen', name: 'Saint-Étienne', month: 12, day: 26 },
  ],
  GP: [GOOD_FRIDAY, /* @__PURE__ */ abolition(5, 27)],
  MQ: [GOOD_FRIDAY, /* @__PURE__ */ abolition(5, 22)],
  GF: [/* @__PURE__ */ abolition(6, 10)],
  RE: [/* @__PURE__ */ abolition(12, 20)],
  YT: [/* @__PURE__ */ abolition(4, 27)],
  // 27 May until 2017; 28 May since 2018 (circulars), fixed by decree in 2023. Current law wins.
  MF: [/* @__PURE__ */ abolition(5, 28)],
  BL: [/* @__PURE__ */ abolition(10, 9)],
};

// Holidays of a zone and year never change: computed once, then shared (frozen).
const cache = /* @__PURE__ */ new Map<string, readonly FrenchPublicHoliday[]>();
const MAX_CACHED = 512;

function holidaysOf(year: number, zone: HolidayZone): readonly FrenchPublicHoliday[] {
  const cacheKey = `${zone}:${year}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const easter = easterMonthDay(year);
  const easterDays = daysFromCivil(year, easter.month, easter.day);
  const list = [...NATIONAL, ...LOCAL[zone]].map((rule): FrenchPublicHoliday => {
    const { month, day } =
      'easterOffset' in rule ? civilFromDays(easterDays + rule.easterOffset) : rule;
    return Object.freeze({ date: formatIsoDate(year, month, day), name: rule.name, key: rule.key });
  });
  // ISO dates sort as strings. Two holidays can share a day (Ascension fell on 1 May in 2008):
  // both stay listed, in rule order, since the sort is stable.
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(list);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(cacheKey, frozen);
  return frozen;
}

/**
 * The public holidays of `year` in `zone`, sorted by date, with French names.
 *
 * @param year - An integer from 1583 to 4099 (current law is projected onto every year).
 * @param options - `zone`, default `'metropole'`.
 * @returns A new array of `{ date: 'YYYY-MM-DD', name, key }`: 11 holidays in métropole, 13 in
 *   Alsace-Moselle, 13 in Guadeloupe and Martinique, 12 in the other overseas zones. When two fall
 *   on the same day (Ascension on 1 May in 2008), both are listed.
 * @throws {@link ScheduleError} `INVALID_YEAR` or `INVALID_ZONE`.
 * @example
 * ```ts
 * frenchPublicHolidays(2025, { zone: 'RE' }).at(-2);
 * // { date: '2025-12-20', name: "Abolition de l'esclavage", key: 'abolition-of-slavery' }
 * ```
 */
export function frenchPublicHolidays(
  year: number,
  options: FrenchHolidayOptions = {},
): FrenchPublicHoliday[] {
  const zone = options.zone ?? 'metropole';
  assertHolidayYear(year);
  assertHolidayZone(zone);
  return [...holidaysOf(year, zone)];
}

/**
 * The public holiday falling on a date in `zone`, or `undefined` on a working day. When two
 * holidays share the day, the first of {@link frenchPublicHolidays}' order is returned (the fixed
 * date before the Easter-based one).
 *
 * @param date - A `'YYYY-MM-DD'` calendar date, or a `Date` whose calendar date is read in the
 *   zone's time zone (Europe/Paris for métropole; override with `options.timeZone`).
 * @throws {@link ScheduleError} `INVALID_DATE`, `INVALID_YEAR` (outside 1583-4099) or `INVALID_ZONE`.
 * @example
 * ```ts
 * isFrenchPublicHoliday('2025-07-14')?.name; // 'Fête nationale'
 * isFrenchPublicHoliday('2025-07-15'); // undefined
 * // 23:30 UTC on 13 July is already the 14th in Paris:
 * isFrenchPublicHoliday(new Date('2025-07-13T23:30:00Z'))?.key; // 'bastille-day'
 * ```
 */
export function isFrenchPublicHoliday(
  date: Date | string,
  options: IsFrenchPublicHolidayOptions = {},
): FrenchPublicHoliday | undefined {
  const zone = options.zone ?? 'metropole';
  assertHolidayZone(zone);
  let year: number;
  let iso: string;
  if (typeof date === 'string') {
    const civil = parseIsoDate(date);
    year = civil.year;
    iso = date;
  } else {
    const parts = toZonedParts(date, options.timeZone ?? HOLIDAY_ZONE_TIME_ZONES[zone]);
    year = parts.year;
    iso = formatIsoDate(parts.year, parts.month, parts.day);
  }
  assertHolidayYear(year);
  return holidaysOf(year, zone).find((holiday) => holiday.date === iso);
}

/** Holiday lookup for already-validated inputs (used by the quiet-hours evaluator). */
export function holidayOn(
  year: number,
  month: number,
  day: number,
  zone: HolidayZone,
): FrenchPublicHoliday | undefined {
  assertHolidayYear(year);
  const iso = formatIsoDate(year, month, day);
  return holidaysOf(year, zone).find((holiday) => holiday.date === iso);
}
