import Holidays from 'date-holidays';
import { describe, expect, it, vi } from 'vitest';
import dateutilEaster from '../../test/fixtures/schedule/easter-dateutil-1583-4099.json' with {
  type: 'json',
};
import { easterSunday, MAX_HOLIDAY_YEAR, MIN_HOLIDAY_YEAR } from './easter.js';
import { ScheduleError } from './errors.js';

// Oracle sweeps and property runs (10,000 in CI) take seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

/**
 * Gauss's Easter formula for the Gregorian calendar, with its two exceptions (Lichtenberg's
 * supplement): a different method from the implementation's Meeus/Jones/Butcher computus.
 */
function gaussEaster(year: number): string {
  const a = year % 19;
  const b = year % 4;
  const c = year % 7;
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30;
  const n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30;
  const e = (2 * b + 4 * c + 6 * d + n) % 7;
  let month = 3;
  let day = 22 + d + e;
  if (day > 31) {
    month = 4;
    day = d + e - 9;
    if (d === 29 && e === 6) day = 19;
    else if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) day = 18;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('easterSunday', () => {
  it('agrees with Gauss and with python-dateutil for every year 1583-4099', () => {
    expect(dateutilEaster.firstYear).toBe(MIN_HOLIDAY_YEAR);
    expect(dateutilEaster.mmdd).toHaveLength(MAX_HOLIDAY_YEAR - MIN_HOLIDAY_YEAR + 1);
    for (let year = MIN_HOLIDAY_YEAR; year <= MAX_HOLIDAY_YEAR; year++) {
      const ours = easterSunday(year);
      expect(ours, `Gauss ${year}`).toBe(gaussEaster(year));
      const mmdd = dateutilEaster.mmdd[year - MIN_HOLIDAY_YEAR] ?? '';
      expect(ours, `dateutil ${year}`).toBe(`${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`);
    }
  });

  it('agrees with date-holidays (date-easter) on sampled years', () => {
    const fr = new Holidays('FR');
    for (let year = MIN_HOLIDAY_YEAR; year <= MAX_HOLIDAY_YEAR; year += 37) {
      const monday = fr.getHolidays(year).find((h) => h.rule === 'easter 1');
      const sunday = new Date(`${easterSunday(year)}T00:00:00Z`);
      sunday.setUTCDate(sunday.getUTCDate() + 1);
      expect(monday?.date.slice(0, 10), String(year)).toBe(sunday.toISOString().slice(0, 10));
    }
  });

  it('gives the published dates and stays within 22 March - 25 April on a Sunday', () => {
    // Widely published: the extreme dates (22 March 1818 and 2285, 25 April 1943 and 2038) and
    // recent years.
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    for (let year = MIN_HOLIDAY_YEAR; year <= MAX_HOLIDAY_YEAR; year++) {
      const iso = easterSunday(year);
      const date = new Date(`${iso}T00:00:00Z`);
      expect(date.getUTCDay()).toBe(0);
      expect(iso.slice(5) >= '03-22' && iso.slice(5) <= '04-25').toBe(true);
    }
  });

  it('refuses years it cannot compute with a typed error', () => {
    for (const year of [1582, 4100, 0, -5, 2000.5, Number.POSITIVE_INFINITY]) {
      expect(() => easterSunday(year)).toThrow(ScheduleError);
    }
  });
});
