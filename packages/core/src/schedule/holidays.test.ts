import Holidays from 'date-holidays';
import { describe, expect, it, vi } from 'vitest';
import pythonHolidays from '../../test/fixtures/schedule/python-holidays-2015-2029.json' with {
  type: 'json',
};
import { ScheduleError } from './errors.js';
import { frenchPublicHolidays, isFrenchPublicHoliday } from './holidays.js';
import { HOLIDAY_ZONES, type HolidayZone } from './zones.js';

// Oracle sweeps and property runs (10,000 in CI) take seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const dates = (zone: HolidayZone, year: number) =>
  frenchPublicHolidays(year, { zone }).map((holiday) => holiday.date);

describe('frenchPublicHolidays against python-holidays 0.105 (2015-2029)', () => {
  // python-holidays encodes the law with citations (see test/fixtures/schedule/README.md). It lists
  // a few days that are not public holidays in our reference set (the spec, following the
  // date-holidays typing): Victor Schœlcher day (21 July; "optional" in date-holidays) in
  // Guadeloupe, Martinique and Saint-Martin, and Mi-Carême in Guadeloupe. Those, and only those,
  // are set aside; every other date must match exactly, in both directions.
  const customary = (zone: string, name: string) =>
    (name === 'Fête de Victor Schoelcher' && ['GP', 'MQ', 'MF'].includes(zone)) ||
    (name === 'Mi-Carême' && zone === 'GP');
  const zones = pythonHolidays.zones as Record<string, Record<string, string[][]>>;

  for (const zone of HOLIDAY_ZONES) {
    it(`matches every holiday of ${zone}`, () => {
      const reference = zones[zone];
      expect(reference, `fixture has zone ${zone}`).toBeDefined();
      let setAside = 0;
      for (let year = 2015; year <= 2029; year++) {
        const entries = reference?.[String(year)] ?? [];
        const expected = entries.filter(([, name]) => !customary(zone, name ?? '')).map(([d]) => d);
        setAside += entries.length - expected.length;
        expect(new Set(dates(zone, year)), `${zone} ${year}`).toEqual(new Set(expected));
      }
      const expectedSetAside = { GP: 30, MQ: 15, MF: 15 }[zone as string] ?? 0;
      expect(setAside).toBe(expectedSetAside);
    });
  }
});

describe('frenchPublicHolidays against date-holidays 3.37 (every year 1900-2200)', () => {
  // date-holidays projects its current French rules onto every year (it has no historical
  // variants for France), so it is comparable over the whole span. Its public days only: its
  // observances (Pentecost Sunday, Mother's Day), optional and bank days are not public holidays.
  // One known difference: Saint-Martin's abolition day, 27 May in date-holidays, 28 May in law
  // since 2018 (décret of April 2023); it is checked explicitly below instead.
  const states: Record<HolidayZone, string | undefined> = {
    metropole: undefined,
    'alsace-moselle': '57',
    GP: 'GP',
    MQ: 'MQ',
    GF: 'GF',
    RE: 'RE',
    YT: 'YT',
    MF: 'MF',
    BL: 'BL',
  };

  for (const zone of HOLIDAY_ZONES) {
    it(`matches ${zone}`, () => {
      const state = states[zone];
      const oracle = state === undefined ? new Holidays('FR') : new Holidays('FR', state);
      let compared = 0;
      let remapped = 0;
      for (let year = 1900; year <= 2200; year++) {
        const expected = oracle
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => {
            const date = holiday.date.slice(0, 10);
            if (zone !== 'MF' || holiday.rule !== '05-27') return date;
            expect(date).toBe(`${year}-05-27`);
            remapped++;
            return `${year}-05-28`;
          });
        expect(dates(zone, year), `${zone} ${year}`).toEqual(expected.sort());
        compared += expected.length;
      }
      expect(compared).toBeGreaterThan(301 * 10);
      expect(remapped).toBe(zone === 'MF' ? 301 : 0);
    });
  }

  it('agrees with the Alsace-Moselle rules of all three départements (57, 67, 68)', () => {
    for (const state of ['67', '68']) {
      const oracle = new Holidays('FR', state);
      for (let year = 1900; year <= 2200; year += 7) {
        const expected = oracle
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10));
        expect(dates('alsace-moselle', year)).toEqual(expected.sort());
      }
    }
  });
});

describe('frenchPublicHolidays shape', () => {
  it('has 11 national holidays and the local additions, with French names', () => {
    const counts = Object.fromEntries(
      HOLIDAY_ZONES.map((zone) => [zone, frenchPublicHolidays(2026, { zone }).length]),
    );
    expect(counts).toEqual({
      metropole: 11,
      'alsace-moselle': 13,
      GP: 13,
      MQ: 13,
      GF: 12,
      RE: 12,
      YT: 12,
      MF: 12,
      BL: 12,
    });
    // 2026: Easter is 5 April (published calendars), so Good Friday 3 April and Ascension 14 May.
    expect(frenchPublicHolidays(2026, { zone: 'alsace-moselle' })).toEqual([
      { date: '2026-01-01', name: "Jour de l'an", key: 'new-year' },
      { date: '2026-04-03', name: 'Vendredi saint', key: 'good-friday' },
      { date: '2026-04-06', name: 'Lundi de Pâques', key: 'easter-monday' },
      { date: '2026-05-01', name: 'Fête du Travail', key: 'labour-day' },
      { date: '2026-05-08', name: 'Victoire 1945', key: 'victory-1945' },
      { date: '2026-05-14', name: 'Ascension', key: 'ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte', key: 'whit-monday' },
      { date: '2026-07-14', name: 'Fête nationale', key: 'bastille-day' },
      { date: '2026-08-15', name: 'Assomption', key: 'assumption' },
      { date: '2026-11-01', name: 'Toussaint', key: 'all-saints' },
      { date: '2026-11-11', name: 'Armistice 1918', key: 'armistice-1918' },
      { date: '2026-12-25', name: 'Noël', key: 'christmas' },
      { date: '2026-12-26', name: 'Saint-Étienne', key: 'saint-stephen' },
    ]);
  });

  it('defaults to métropole and sorts by date in every zone and year', () => {
    expect(frenchPublicHolidays(2024)).toEqual(frenchPublicHolidays(2024, { zone: 'metropole' }));
    for (const zone of HOLIDAY_ZONES) {
      for (const year of [1583, 1700, 1999, 2008, 2038, 2285, 4099]) {
        const list = dates(zone, year);
        expect(list).toEqual([...list].sort());
        expect(list.every((d) => d.startsWith(`${year}-`))).toBe(true);
      }
    }
  });

  it('keeps both holidays when two fall on one day (Ascension on 1 May 2008)', () => {
    const may = frenchPublicHolidays(2008).filter((h) => h.date === '2008-05-01');
    expect(may.map((h) => h.key)).toEqual(['labour-day', 'ascension']);
    expect(isFrenchPublicHoliday('2008-05-01')?.key).toBe('labour-day');
  });

  it('returns a fresh array each time', () => {
    const first = frenchPublicHolidays(2025);
    first.pop();
    expect(frenchPublicHolidays(2025)).toHaveLength(11);
  });

  it('refuses years outside 1583-4099 and unknown zones with a typed error', () => {
    for (const year of [1582, 4100, 2025.5, Number.NaN]) {
      expect(() => frenchPublicHolidays(year)).toThrow(ScheduleError);
      try {
        frenchPublicHolidays(year);
      } catch (error) {
        expect((error as ScheduleError).reason).toBe('INVALID_YEAR');
        expect((error as Error).message).toContain('1583');
      }
    }
    expect(() => frenchPublicHolidays(1583)).not.toThrow();
    expect(() => frenchPublicHolidays(4099)).not.toThrow();
    expect(() => frenchPublicHolidays(2025, { zone: 'corse' as HolidayZone })).toThrow(
      expect.objectContaining({ reason: 'INVALID_ZONE' }),
    );
  });
});

describe('isFrenchPublicHoliday', () => {
  it('looks up calendar dates', () => {
    expect(isFrenchPublicHoliday('2025-07-14')).toEqual({
      date: '2025-07-14',
      name: 'Fête nationale',
      key: 'bastille-day',
    });
    expect(isFrenchPublicHoliday('2025-07-15')).toBeUndefined();
    expect(isFrenchPublicHoliday('2025-12-26')).toBeUndefined();
    expect(isFrenchPublicHoliday('2025-12-26', { zone: 'alsace-moselle' })?.key).toBe(
      'saint-stephen',
    );
    expect(isFrenchPublicHoliday('2025-04-18', { zone: 'MQ' })?.key).toBe('good-friday');
    expect(isFrenchPublicHoliday('2025-04-18', { zone: 'GF' })).toBeUndefined();
  });

  it('reads a Date on the zone clock, whatever the process time zone', () => {
    // 22:30 UTC on 13 July is 00:30 on the 14th in Paris (UTC+2) but still the 13th in Guadeloupe.
    const instant = new Date('2025-07-13T22:30:00Z');
    expect(isFrenchPublicHoliday(instant)?.key).toBe('bastille-day');
    expect(isFrenchPublicHoliday(instant, { zone: 'GP' })).toBeUndefined();
    expect(isFrenchPublicHoliday(instant, { timeZone: 'UTC' })).toBeUndefined();
    // 20:30 UTC on 19 December is 00:30 on the 20th on Réunion (UTC+4): abolition day there.
    expect(isFrenchPublicHoliday(new Date('2025-12-19T20:30:00Z'), { zone: 'RE' })?.key).toBe(
      'abolition-of-slavery',
    );
  });

  it('refuses malformed dates', () => {
    for (const bad of ['2025-02-29', '2025-7-14', '14/07/2025', '', '2025-13-01']) {
      expect(() => isFrenchPublicHoliday(bad)).toThrow(
        expect.objectContaining({ reason: 'INVALID_DATE' }),
      );
    }
    expect(() => isFrenchPublicHoliday(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ reason: 'INVALID_DATE' }),
    );
    expect(isFrenchPublicHoliday('2024-02-29')).toBeUndefined();
  });
});
