import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { parseDateTimeString } from './paris-time.js';

// numRuns is 10,000 in CI; the limit only stops a hung run (nothing here is timed).
const PROPERTY_LIMIT = { timeout: 300_000 };

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseDateTimeString', () => {
  it('reads wall-clock times as Paris time, winter (UTC+1) and summer (UTC+2)', () => {
    expect(iso(parseDateTimeString('2016-03-10 09:51:46'))).toBe('2016-03-10T08:51:46.000Z');
    expect(iso(parseDateTimeString('2018-08-18 20:00:06'))).toBe('2018-08-18T18:00:06.000Z');
    expect(iso(parseDateTimeString('2025-06-01'))).toBe('2025-05-31T22:00:00.000Z');
  });
  it('honours Z and offsets in every spelling', () => {
    expect(iso(parseDateTimeString('2018-03-05T10:34:52.355+0000'))).toBe(
      '2018-03-05T10:34:52.355Z',
    );
    expect(iso(parseDateTimeString('2018-03-05T10:34:52+01:00'))).toBe('2018-03-05T09:34:52.000Z');
    expect(iso(parseDateTimeString('2018-03-05T10:34:52-0230'))).toBe('2018-03-05T13:04:52.000Z');
    expect(iso(parseDateTimeString('2018-03-05T10:34:52+05'))).toBe('2018-03-05T05:34:52.000Z');
    expect(iso(parseDateTimeString('2018-03-05 10:34:52z'))).toBe('2018-03-05T10:34:52.000Z');
  });
  it('resolves the spring gap forward and the autumn overlap to the earlier instant', () => {
    // 2024-03-31: clocks jump from 02:00 CET to 03:00 CEST (01:00Z).
    expect(iso(parseDateTimeString('2024-03-31 02:30:00'))).toBe('2024-03-31T01:30:00.000Z');
    expect(iso(parseDateTimeString('2024-03-31 01:59:59'))).toBe('2024-03-31T00:59:59.000Z');
    expect(iso(parseDateTimeString('2024-03-31 03:00:00'))).toBe('2024-03-31T01:00:00.000Z');
    // 2024-10-27: clocks go back from 03:00 CEST to 02:00 CET (01:00Z); 02:30 happens twice.
    expect(iso(parseDateTimeString('2024-10-27 02:30:00'))).toBe('2024-10-27T00:30:00.000Z');
    expect(iso(parseDateTimeString('2024-10-27 03:00:00'))).toBe('2024-10-27T02:00:00.000Z');
  });
  it('refuses impossible dates and other formats', () => {
    for (const text of [
      '0000-00-00 00:00:00',
      '2023-02-29 00:00:00',
      '2024-04-31',
      '2024-01-01 24:00:00',
      '2024-01-01 10:60:00',
      '2024-01-01T10:00:00+19:00',
      '1969-12-31 23:00:00',
      '10/03/2016 09:51',
      '2016-3-10',
      '',
    ]) {
      expect(parseDateTimeString(text)).toBeUndefined();
    }
    expect(iso(parseDateTimeString('2024-02-29 12:00:00'))).toBe('2024-02-29T11:00:00.000Z');
  });
});

describe('parseDateTimeString on Paris wall times (property)', () => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  it(
    'inverts Paris formatting, except the repeated autumn hour which maps to its first occurrence',
    PROPERTY_LIMIT,
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 4102444800 }), (seconds) => {
          const instant = seconds * 1000;
          const field = (type: string) =>
            Number(
              parts.formatToParts(new Date(instant)).find((part) => part.type === type)?.value,
            );
          const pad = (type: string) => String(field(type)).padStart(2, '0');
          const back = parseDateTimeString(
            `${field('year')}-${pad('month')}-${pad('day')} ${pad('hour')}:${pad('minute')}:${pad('second')}`,
          );
          // Either exact, or one hour earlier when the same wall time existed an hour before.
          if (back !== instant) {
            expect(back).toBe(instant - 3_600_000);
            expect(parts.format(new Date(back ?? Number.NaN))).toBe(
              parts.format(new Date(instant)),
            );
          }
        }),
        { numRuns },
      );
    },
  );
});
