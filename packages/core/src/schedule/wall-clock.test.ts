import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { fromZonedParts, toZonedParts, type ZonedParts } from './wall-clock.js';
import { HOLIDAY_ZONE_TIME_ZONES } from './zones.js';

// Oracle sweeps and property runs (10,000 in CI) take seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const HOUR = 3_600_000;

/** Last Sunday of a month at 01:00 UTC: the EU summer-time switch (Directive 2000/84/EC). */
function euSwitch(year: number, month: 3 | 10): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const lastSunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month - 1, lastSunday, 1);
}

/** Independent Paris offset: the EU rule, in force since 1996, projected onwards by tzdata. */
function parisOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= euSwitch(year, 3) && ms < euSwitch(year, 10) ? 2 * HOUR : HOUR;
}

/** Wall-clock parts computed with plain UTC arithmetic on a shifted instant (no Intl). */
function partsWithOffset(ms: number, offset: number): ZonedParts {
  const shifted = new Date(ms + offset);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: (((shifted.getUTCDay() + 6) % 7) + 1) as ZonedParts['weekday'],
  };
}

const instantIn = (fromYear: number, toYear: number) =>
  fc
    .integer({ min: Date.UTC(fromYear, 0, 1), max: Date.UTC(toYear, 11, 31, 23, 59, 59, 999) })
    .map((ms) => new Date(ms));

describe('toZonedParts', () => {
  it('matches the EU summer-time rule for Paris (1996-2099)', () => {
    fc.assert(
      fc.property(instantIn(1996, 2099), (instant) => {
        const ms = instant.getTime();
        expect(toZonedParts(instant)).toEqual(partsWithOffset(ms, parisOffset(ms)));
      }),
      { numRuns },
    );
  });

  it('reads each overseas zone on its own fixed offset (2000-2099)', () => {
    const offsets = { GP: -4, MQ: -4, MF: -4, BL: -4, GF: -3, RE: 4, YT: 3 } as const;
    fc.assert(
      fc.property(
        instantIn(2000, 2099),
        fc.constantFrom(...(Object.keys(offsets) as (keyof typeof offsets)[])),
        (instant, zone) => {
          expect(toZonedParts(instant, HOLIDAY_ZONE_TIME_ZONES[zone])).toEqual(
            partsWithOffset(instant.getTime(), offsets[zone] * HOUR),
          );
        },
      ),
      { numRuns },
    );
  });

  it('handles instants far from today and before 1970', () => {
    expect(toZonedParts(new Date('1583-06-01T12:00:00Z'), 'UTC')).toMatchObject({
      year: 1583,
      month: 6,
      day: 1,
      hour: 12,
      weekday: 3, // 1 June 1583 (Gregorian) was a Wednesday
    });
    expect(toZonedParts(new Date('4099-12-31T23:00:00Z'))).toMatchObject({
      year: 4100,
      month: 1,
      day: 1,
      hour: 0,
    });
    expect(toZonedParts(new Date('1969-12-31T23:59:59.999Z'), 'UTC')).toMatchObject({
      year: 1969,
      second: 59,
      millisecond: 999,
    });
  });

  it('refuses invalid dates and unknown time zones with typed errors', () => {
    expect(() => toZonedParts(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ name: 'ScheduleError', reason: 'INVALID_DATE' }),
    );
    expect(() => toZonedParts('2025-01-01' as unknown as Date)).toThrow(
      expect.objectContaining({ reason: 'INVALID_DATE' }),
    );
    expect(() => toZonedParts(new Date(), 'Europe/Nowhere')).toThrow(
      expect.objectContaining({ reason: 'INVALID_TIME_ZONE' }),
    );
  });
});

describe('daylight-saving edges in Paris, 2020-2030', () => {
  for (let year = 2020; year <= 2030; year++) {
    it(`${year}: clocks go forward on the last Sunday of March and back on the last Sunday of October`, () => {
      const spring = euSwitch(year, 3);
      const autumn = euSwitch(year, 10);
      const springDay = new Date(spring).getUTCDate();
      const autumnDay = new Date(autumn).getUTCDate();

      // The wall clock just before and at each switch.
      expect(toZonedParts(new Date(spring - 1))).toMatchObject({
        month: 3,
        day: springDay,
        hour: 1,
        minute: 59,
        second: 59,
        millisecond: 999,
        weekday: 7,
      });
      expect(toZonedParts(new Date(spring))).toMatchObject({ day: springDay, hour: 3, minute: 0 });
      expect(toZonedParts(new Date(autumn - 1))).toMatchObject({
        month: 10,
        day: autumnDay,
        hour: 2,
        minute: 59,
        weekday: 7,
      });
      expect(toZonedParts(new Date(autumn))).toMatchObject({ day: autumnDay, hour: 2, minute: 0 });

      // 02:30 does not exist in March.
      const gap = { year, month: 3, day: springDay, hour: 2, minute: 30 };
      expect(fromZonedParts(gap).getTime()).toBe(spring + HOUR / 2); // 03:30 CEST
      expect(fromZonedParts(gap, 'Europe/Paris', { disambiguation: 'later' }).getTime()).toBe(
        spring + HOUR / 2,
      );
      expect(fromZonedParts(gap, 'Europe/Paris', { disambiguation: 'earlier' }).getTime()).toBe(
        spring - HOUR / 2, // 01:30 CET
      );
      expect(() => fromZonedParts(gap, 'Europe/Paris', { disambiguation: 'reject' })).toThrow(
        expect.objectContaining({ reason: 'NONEXISTENT_TIME' }),
      );

      // 02:30 happens twice in October: 00:30 UTC (CEST) and 01:30 UTC (CET).
      const twice = { year, month: 10, day: autumnDay, hour: 2, minute: 30 };
      expect(fromZonedParts(twice).getTime()).toBe(autumn - HOUR / 2);
      expect(fromZonedParts(twice, 'Europe/Paris', { disambiguation: 'earlier' }).getTime()).toBe(
        autumn - HOUR / 2,
      );
      expect(fromZonedParts(twice, 'Europe/Paris', { disambiguation: 'later' }).getTime()).toBe(
        autumn + HOUR / 2,
      );
      expect(() => fromZonedParts(twice, 'Europe/Paris', { disambiguation: 'reject' })).toThrow(
        expect.objectContaining({ reason: 'AMBIGUOUS_TIME' }),
      );

      // The switch days last 23 and 25 hours; the days either side last 24.
      const midnight = (month: number, day: number) => {
        const date = new Date(Date.UTC(year, month - 1, day)); // normalises 32 March to 1 April
        const local = {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        };
        return fromZonedParts(local, 'Europe/Paris', { disambiguation: 'reject' }).getTime();
      };
      expect(midnight(3, springDay + 1) - midnight(3, springDay)).toBe(23 * HOUR);
      expect(midnight(3, springDay) - midnight(3, springDay - 1)).toBe(24 * HOUR);
      expect(midnight(10, autumnDay + 1) - midnight(10, autumnDay)).toBe(25 * HOUR);
      expect(midnight(10, autumnDay) - midnight(10, autumnDay - 1)).toBe(24 * HOUR);
    });
  }
});

describe('fromZonedParts', () => {
  it('inverts toZonedParts; in the repeated hour, "later" picks the second occurrence', () => {
    const nearOctoberChange = fc
      .tuple(fc.integer({ min: 1996, max: 2099 }), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))
      .map(([year, delta]) => new Date(euSwitch(year, 10) + delta));
    fc.assert(
      fc.property(fc.oneof(instantIn(1996, 2099), nearOctoberChange), (instant) => {
        const ms = instant.getTime();
        const parts = toZonedParts(instant);
        const year = instant.getUTCFullYear();
        const change = euSwitch(year, 10);
        const firstPass = ms >= change - HOUR && ms < change;
        const secondPass = ms >= change && ms < change + HOUR;
        expect(fromZonedParts(parts).getTime()).toBe(secondPass ? ms - HOUR : ms);
        expect(fromZonedParts(parts, 'Europe/Paris', { disambiguation: 'later' }).getTime()).toBe(
          firstPass ? ms + HOUR : ms,
        );
      }),
      { numRuns },
    );
  });

  it('round-trips local parts, except the skipped March hour which moves one hour forward', () => {
    const localParts = fc
      .record({
        year: fc.integer({ min: 1996, max: 2099 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.integer({ min: 0, max: 59 }),
      })
      // Make the DST Sundays frequent: half of the cases land on one.
      .chain((p) =>
        fc.boolean().map((onSwitch) => {
          if (!onSwitch) return p;
          const month = p.month % 2 === 0 ? 3 : 10;
          const day = new Date(euSwitch(p.year, month)).getUTCDate();
          return { ...p, month, day, hour: p.hour % 2 === 0 ? 2 : p.hour };
        }),
      );
    fc.assert(
      fc.property(localParts, (local) => {
        const back = toZonedParts(fromZonedParts(local));
        const spring = euSwitch(local.year, 3);
        const inGap =
          local.month === 3 && local.day === new Date(spring).getUTCDate() && local.hour === 2;
        expect({ ...back, weekday: 0, millisecond: 0 }).toEqual({
          ...local,
          hour: inGap ? 3 : local.hour,
          weekday: 0,
          millisecond: 0,
        });
      }),
      { numRuns },
    );
  });

  it('accepts time fields left out and milliseconds', () => {
    expect(fromZonedParts({ year: 2025, month: 1, day: 1 }).toISOString()).toBe(
      '2024-12-31T23:00:00.000Z',
    );
    expect(
      fromZonedParts(
        { year: 2025, month: 7, day: 1, hour: 12, minute: 0, second: 1, millisecond: 250 },
        'Indian/Reunion',
      ).toISOString(),
    ).toBe('2025-07-01T08:00:01.250Z');
  });

  it('refuses out-of-range parts with a message naming the field', () => {
    const bad = [
      { year: 2025, month: 13, day: 1 },
      { year: 2025, month: 2, day: 29 },
      { year: 2025, month: 1, day: 1, hour: 24 },
      { year: 2025, month: 1, day: 1, minute: 60 },
      { year: 2025, month: 1, day: 1, second: 1.5 },
      { year: 2025.5, month: 1, day: 1 },
    ];
    for (const local of bad) {
      expect(() => fromZonedParts(local)).toThrow(
        expect.objectContaining({ reason: 'INVALID_PARTS' }),
      );
    }
    expect(() => fromZonedParts({ year: 2025, month: 2, day: 29 })).toThrow(/day/);
    expect(() => fromZonedParts({ year: 2025, month: 1, day: 1 }, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ reason: 'INVALID_TIME_ZONE' }),
    );
  });
});
