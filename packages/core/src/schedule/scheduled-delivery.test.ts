import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { ScheduleError } from './errors.js';
import {
  fromScheduledDeliveryFields,
  type MinuteRounding,
  toScheduledDeliveryFields,
} from './scheduled-delivery.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GRID = 5 * MINUTE;
const LONG_AGO = new Date('2000-01-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

/** Last Sunday of a month at 01:00 UTC: the EU summer-time switch. */
function euSwitch(year: number, month: 3 | 10): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Independent fields: EU rule offset, UTC arithmetic (Paris offsets are whole hours). */
function referenceFields(ms: number) {
  const year = new Date(ms).getUTCFullYear();
  const offset = ms >= euSwitch(year, 3) && ms < euSwitch(year, 10) ? 2 * HOUR : HOUR;
  const local = new Date(ms + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    scheduledDeliveryDate: `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`,
    time: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const roundMs = (ms: number, rounding: MinuteRounding) =>
  rounding === 'up'
    ? Math.ceil(ms / GRID) * GRID
    : rounding === 'down'
      ? Math.floor(ms / GRID) * GRID
      : Math.floor(ms / GRID + 0.5) * GRID;

describe('toScheduledDeliveryFields', () => {
  it('writes Paris local time on the 5-minute grid, rounding up by default', () => {
    // 09:02:10 CET.
    const instant = at('2030-01-15T08:02:10Z');
    expect(toScheduledDeliveryFields(instant, { now: LONG_AGO })).toEqual({
      scheduledDeliveryDate: '15/01/2030',
      time: 9,
      minute: 5,
    });
    expect(toScheduledDeliveryFields(instant, { now: LONG_AGO, rounding: 'down' }).minute).toBe(0);
    expect(toScheduledDeliveryFields(instant, { now: LONG_AGO, rounding: 'nearest' }).minute).toBe(
      0,
    );
    // Half-way rounds up.
    expect(
      toScheduledDeliveryFields(at('2030-01-15T08:02:30Z'), { now: LONG_AGO, rounding: 'nearest' })
        .minute,
    ).toBe(5);
    // On the grid, every mode agrees.
    for (const rounding of ['up', 'down', 'nearest'] as const) {
      expect(
        toScheduledDeliveryFields(at('2030-01-15T08:10:00Z'), { now: LONG_AGO, rounding }),
      ).toEqual({ scheduledDeliveryDate: '15/01/2030', time: 9, minute: 10 });
    }
  });

  it('carries over midnight, the new year and the March clock change', () => {
    // 23:58 CEST → 00:00 the next day.
    expect(toScheduledDeliveryFields(at('2030-07-01T21:58:00Z'), { now: LONG_AGO })).toEqual({
      scheduledDeliveryDate: '02/07/2030',
      time: 0,
      minute: 0,
    });
    // 23:57 CET on 31 December → 00:00 on 1 January.
    expect(toScheduledDeliveryFields(at('2030-12-31T22:57:00Z'), { now: LONG_AGO })).toEqual({
      scheduledDeliveryDate: '01/01/2031',
      time: 0,
      minute: 0,
    });
    // 01:58 CET on 31 March 2030 → the next grid instant is 03:00 CEST (02:00 does not exist).
    expect(toScheduledDeliveryFields(at('2030-03-31T00:58:00Z'), { now: LONG_AGO })).toEqual({
      scheduledDeliveryDate: '31/03/2030',
      time: 3,
      minute: 0,
    });
  });

  it('accepts Paris local parts, with the daylight-saving choice configurable', () => {
    const now = at('2030-06-01T10:00:00Z');
    expect(
      toScheduledDeliveryFields({ year: 2030, month: 6, day: 2, hour: 9, minute: 7 }, { now }),
    ).toEqual({ scheduledDeliveryDate: '02/06/2030', time: 9, minute: 10 });
    const inGap = { year: 2030, month: 3, day: 31, hour: 2, minute: 30 };
    expect(toScheduledDeliveryFields(inGap, { now: LONG_AGO })).toEqual({
      scheduledDeliveryDate: '31/03/2030',
      time: 3,
      minute: 30,
    });
    expect(() =>
      toScheduledDeliveryFields(inGap, { now: LONG_AGO, disambiguation: 'reject' }),
    ).toThrow(expect.objectContaining({ reason: 'NONEXISTENT_TIME' }));
    // Another time zone, if the platform's ever changes: Réunion is UTC+4 all year.
    expect(
      toScheduledDeliveryFields(at('2030-06-01T10:00:00Z'), {
        now: LONG_AGO,
        timeZone: 'Indian/Reunion',
      }),
    ).toEqual({ scheduledDeliveryDate: '01/06/2030', time: 14, minute: 0 });
  });

  it('refuses past times with a typed error that says how to fix it', () => {
    const now = at('2030-06-01T10:00:30Z');
    let caught: unknown;
    try {
      toScheduledDeliveryFields(at('2030-06-01T09:59:00Z'), { now });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleError);
    expect(caught).toMatchObject({ reason: 'PAST_INSTANT' });
    expect((caught as Error).message).toContain('01/06/2030 12:00');
    // Rounding down can move a future time into the past: refused, and the message says why.
    expect(() =>
      toScheduledDeliveryFields(at('2030-06-01T10:01:00Z'), { now, rounding: 'down' }),
    ).toThrow(/rounding 'down' moved it into the past; 'up' would not/);
    // A time already past gets no rounding hint: no rounding would help.
    expect(() => toScheduledDeliveryFields(at('2030-06-01T09:00:00Z'), { now })).toThrow(
      /before now \(01\/06\/2030 12:00\)\. Send it without scheduling, or pick a later time\.$/,
    );
    // Rounding up from just after now is fine.
    expect(toScheduledDeliveryFields(at('2030-06-01T10:00:31Z'), { now }).minute).toBe(5);
    // The default `now` is the real clock: 2001 is in the past, 2999 is not.
    expect(() => toScheduledDeliveryFields(at('2001-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ reason: 'PAST_INSTANT' }),
    );
    expect(toScheduledDeliveryFields(at('2999-01-01T00:00:00Z')).scheduledDeliveryDate).toBe(
      '01/01/2999',
    );
  });

  it('refuses invalid input with typed errors', () => {
    expect(() => toScheduledDeliveryFields(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ reason: 'INVALID_DATE' }),
    );
    expect(() =>
      toScheduledDeliveryFields(at('2030-01-01T00:00:00Z'), {
        now: LONG_AGO,
        rounding: 'ceil' as MinuteRounding,
      }),
    ).toThrow(expect.objectContaining({ reason: 'INVALID_PARTS' }));
    expect(() =>
      toScheduledDeliveryFields({ year: 2030, month: 2, day: 30, hour: 9 }, { now: LONG_AGO }),
    ).toThrow(expect.objectContaining({ reason: 'INVALID_PARTS' }));
  });

  it('matches an independent computation for any instant and rounding (2001-2099)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 11, 31) }),
        fc.constantFrom<MinuteRounding>('up', 'down', 'nearest'),
        (ms, rounding) => {
          const fields = toScheduledDeliveryFields(new Date(ms), { now: LONG_AGO, rounding });
          expect(fields).toEqual(referenceFields(roundMs(ms, rounding)));
          expect(fields.scheduledDeliveryDate).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
          expect(fields.minute % 5).toBe(0);
        },
      ),
      { numRuns },
    );
  });
});

describe('fromScheduledDeliveryFields', () => {
  it('reads the fields as Paris local time (the evidence in the API notes)', () => {
    // A message scheduled for 18/08/2018 20:00 was delivered at epoch 1534615206 (20:00:06 CEST).
    const instant = fromScheduledDeliveryFields({
      scheduledDeliveryDate: '18/08/2018',
      time: 20,
      minute: 0,
    });
    expect(instant.getTime()).toBe(1_534_615_200_000);
    expect(
      fromScheduledDeliveryFields({
        scheduledDeliveryDate: '1/2/2030',
        time: '09',
        minute: '05',
      }).toISOString(),
    ).toBe('2030-02-01T08:05:00.000Z');
  });

  it('picks the first 02:30 of an October night unless told otherwise', () => {
    const fields = { scheduledDeliveryDate: '27/10/2030', time: 2, minute: 30 };
    expect(fromScheduledDeliveryFields(fields).toISOString()).toBe('2030-10-27T00:30:00.000Z');
    expect(fromScheduledDeliveryFields(fields, { disambiguation: 'later' }).toISOString()).toBe(
      '2030-10-27T01:30:00.000Z',
    );
  });

  it('refuses fields the API would refuse', () => {
    const bad = [
      { scheduledDeliveryDate: '2030-01-01', time: 9, minute: 0 },
      { scheduledDeliveryDate: '31/02/2030', time: 9, minute: 0 },
      { scheduledDeliveryDate: '01/13/2030', time: 9, minute: 0 },
      { scheduledDeliveryDate: '01/01/2030', time: 24, minute: 0 },
      { scheduledDeliveryDate: '01/01/2030', time: -1, minute: 0 },
      { scheduledDeliveryDate: '01/01/2030', time: 9, minute: 7 },
      { scheduledDeliveryDate: '01/01/2030', time: 9, minute: 60 },
      { scheduledDeliveryDate: '01/01/2030', time: '9h', minute: 0 },
      { scheduledDeliveryDate: '01/01/2030', time: 9.5, minute: 0 },
    ];
    for (const fields of bad) {
      expect(() => fromScheduledDeliveryFields(fields), JSON.stringify(fields)).toThrow(
        expect.objectContaining({ reason: 'INVALID_FIELDS' }),
      );
    }
  });
});

describe('round trips on the 5-minute grid', () => {
  const nearChange = fc
    .tuple(
      fc.integer({ min: 2001, max: 2099 }),
      fc.constantFrom(3 as const, 10 as const),
      fc.integer({ min: -36, max: 36 }),
    )
    .map(([year, month, steps]) => euSwitch(year, month) + steps * GRID);
  const gridInstant = fc.oneof(
    fc
      .integer({ min: Date.UTC(2001, 0, 1) / GRID, max: Date.UTC(2099, 11, 31) / GRID })
      .map((n) => n * GRID),
    nearChange,
  );

  it('instant → fields → instant is exact, except the repeated October hour (1 hour earlier)', () => {
    fc.assert(
      fc.property(gridInstant, (ms) => {
        const fields = toScheduledDeliveryFields(new Date(ms), { now: LONG_AGO });
        const back = fromScheduledDeliveryFields(fields).getTime();
        const change = euSwitch(new Date(ms).getUTCFullYear(), 10);
        const secondPass = ms >= change && ms < change + HOUR;
        expect(back).toBe(secondPass ? ms - HOUR : ms);
        expect(fromScheduledDeliveryFields(fields, { disambiguation: 'later' }).getTime()).toBe(
          ms >= change - HOUR && ms < change ? ms + HOUR : ms,
        );
      }),
      { numRuns },
    );
  });

  it('fields → instant → fields is exact, except the skipped March hour (1 hour later)', () => {
    const fieldsArb = fc
      .record({
        year: fc.integer({ min: 2001, max: 2099 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        time: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 11 }).map((n) => n * 5),
      })
      .chain((f) =>
        fc.boolean().map((onChange) => {
          if (!onChange) return f;
          const month = f.time % 2 === 0 ? 3 : 10;
          return { ...f, month, day: new Date(euSwitch(f.year, month)).getUTCDate(), time: 2 };
        }),
      );
    fc.assert(
      fc.property(fieldsArb, ({ year, month, day, time, minute }) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const fields = { scheduledDeliveryDate: `${pad(day)}/${pad(month)}/${year}`, time, minute };
        const again = toScheduledDeliveryFields(fromScheduledDeliveryFields(fields), {
          now: LONG_AGO,
        });
        const inGap = month === 3 && day === new Date(euSwitch(year, 3)).getUTCDate() && time === 2;
        expect(again).toEqual({ ...fields, time: inGap ? 3 : time });
      }),
      { numRuns },
    );
  });
});
