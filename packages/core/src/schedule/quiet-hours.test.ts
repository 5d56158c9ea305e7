import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../test/fc.js';
import {
  customQuietHoursPolicy,
  type QuietHoursPolicy,
  type SendWindow,
  WEEKDAY_NAMES,
} from './policies.js';
import { af2m2024Policy, af2m2026Policy, smsPartnerPolicy } from './presets.js';
import { explainQuietTime, isQuietTime, nextSendWindow } from './quiet-hours.js';
import { HOLIDAY_ZONES } from './zones.js';

// Oracle sweeps and property runs (10,000 in CI) take seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

/** Last Sunday of a month at 01:00 UTC: the EU summer-time switch. */
function euSwitch(year: number, month: 3 | 10): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

// An independent model of SMS Partner's rule in Paris: the EU summer-time rule for the offset,
// date-holidays for the public holidays, plain UTC arithmetic for the rest.
const frHolidays = new Set<string>();
{
  const fr = new Holidays('FR');
  for (let year = 2000; year <= 2060; year++) {
    for (const holiday of fr.getHolidays(year)) {
      if (holiday.type === 'public') frHolidays.add(holiday.date.slice(0, 10));
    }
  }
}
function referenceSmsPartnerQuiet(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  const offset = ms >= euSwitch(year, 3) && ms < euSwitch(year, 10) ? 2 * HOUR : HOUR;
  const local = new Date(ms + offset);
  if (local.getUTCDay() === 0) return true;
  if (frHolidays.has(local.toISOString().slice(0, 10))) return true;
  const hour = local.getUTCHours();
  return hour < 8 || hour >= 20;
}

const instant2000to2059 = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2059, 11, 1) })
  .map((ms) => new Date(ms));

describe('smsPartnerPolicy (the default)', () => {
  it('holds weekday evenings until the next morning, Saturday included as a working day', () => {
    // Friday 13 June 2025, 21:30 in Paris (CEST).
    expect(isQuietTime(at('2025-06-13T19:30:00Z'))).toBe(true);
    expect(iso(nextSendWindow(at('2025-06-13T19:30:00Z')))).toBe('2025-06-14T06:00:00.000Z');
    // Saturday noon is allowed; Saturday 21:00 waits for Monday 08:00 (Sunday is closed).
    expect(isQuietTime(at('2025-06-14T10:00:00Z'))).toBe(false);
    expect(iso(nextSendWindow(at('2025-06-14T19:00:00Z')))).toBe('2025-06-16T06:00:00.000Z');
    expect(iso(nextSendWindow(at('2025-06-15T10:00:00Z')))).toBe('2025-06-16T06:00:00.000Z');
  });

  it('opens at 08:00:00.000 and closes at 20:00:00.000, Paris time, summer and winter', () => {
    expect(isQuietTime(at('2025-06-16T05:59:59.999Z'))).toBe(true);
    expect(isQuietTime(at('2025-06-16T06:00:00.000Z'))).toBe(false);
    expect(isQuietTime(at('2025-06-16T17:59:59.999Z'))).toBe(false);
    expect(isQuietTime(at('2025-06-16T18:00:00.000Z'))).toBe(true);
    expect(isQuietTime(at('2025-01-13T06:59:59.999Z'))).toBe(true);
    expect(isQuietTime(at('2025-01-13T07:00:00.000Z'))).toBe(false);
    expect(isQuietTime(at('2025-01-13T18:59:59.999Z'))).toBe(false);
    expect(isQuietTime(at('2025-01-13T19:00:00.000Z'))).toBe(true);
  });

  it('returns the same instant when sending is allowed now', () => {
    const now = at('2025-06-16T12:34:56.789Z');
    const result = nextSendWindow(now);
    expect(result.getTime()).toBe(now.getTime());
    expect(result).not.toBe(now);
  });

  it('skips public holidays, chains of closed days and daylight-saving Sundays', () => {
    // Easter 2025: Saturday 19 April 20:30 → Sunday 20 (Easter), Monday 21 (Easter Monday) →
    // Tuesday 22 April 08:00 CEST.
    expect(iso(nextSendWindow(at('2025-04-19T18:30:00Z')))).toBe('2025-04-22T06:00:00.000Z');
    // Christmas Eve 2025 (Wednesday) 20:30 CET → Friday 26 December 08:00 CET in métropole,
    // Saturday 27 December in Alsace-Moselle, where the 26th is a holiday too.
    const christmasEve = at('2025-12-24T19:30:00Z');
    expect(iso(nextSendWindow(christmasEve))).toBe('2025-12-26T07:00:00.000Z');
    expect(iso(nextSendWindow(christmasEve, undefined, { zone: 'alsace-moselle' }))).toBe(
      '2025-12-27T07:00:00.000Z',
    );
    // Saturday 29 March 2025, 21:00 CET: Sunday the 30th is closed (and loses an hour), so
    // Monday 31 March 08:00 CEST.
    expect(iso(nextSendWindow(at('2025-03-29T20:00:00Z')))).toBe('2025-03-31T06:00:00.000Z');
    // Saturday 25 October 2025, 21:00 CEST → Monday 27 October 08:00 CET.
    expect(iso(nextSendWindow(at('2025-10-25T19:00:00Z')))).toBe('2025-10-27T07:00:00.000Z');
  });

  it('reads an overseas recipient on their own clock and holidays', () => {
    // Thursday 31 July 2025, 22:00 on Réunion (UTC+4) → Friday 08:00 there.
    expect(iso(nextSendWindow(at('2025-07-31T18:00:00Z'), undefined, { zone: 'RE' }))).toBe(
      '2025-08-01T04:00:00.000Z',
    );
    // Friday 19 December 2025, 21:00 on Réunion; Saturday 20 December is Réunion's abolition day,
    // then Sunday → Monday 22 December 08:00 on Réunion. In Paris it is 18:00: open now.
    const friday = at('2025-12-19T17:00:00Z');
    expect(iso(nextSendWindow(friday, smsPartnerPolicy, { zone: 'RE' }))).toBe(
      '2025-12-22T04:00:00.000Z',
    );
    expect(iso(nextSendWindow(friday))).toBe('2025-12-19T17:00:00.000Z');
    // 14:00 UTC on a Tuesday is 10:00 in Guadeloupe (UTC-4) and 16:00 in Paris: both open.
    expect(isQuietTime(at('2025-06-17T14:00:00Z'), undefined, { zone: 'GP' })).toBe(false);
    // 11:00 UTC is 07:00 in Guadeloupe: quiet there, open in Paris.
    expect(isQuietTime(at('2025-06-17T11:00:00Z'), undefined, { zone: 'GP' })).toBe(true);
    expect(isQuietTime(at('2025-06-17T11:00:00Z'))).toBe(false);
    // An explicit time zone wins over the zone's.
    expect(
      isQuietTime(at('2025-06-17T11:00:00Z'), undefined, { zone: 'GP', timeZone: 'Europe/Paris' }),
    ).toBe(false);
  });

  it('never holds transactional messages', () => {
    const sunday = at('2025-06-15T03:00:00Z');
    expect(isQuietTime(sunday)).toBe(true);
    expect(isQuietTime(sunday, smsPartnerPolicy, { category: 'transactional' })).toBe(false);
    expect(nextSendWindow(sunday, smsPartnerPolicy, { category: 'transactional' }).getTime()).toBe(
      sunday.getTime(),
    );
    expect(explainQuietTime(sunday, smsPartnerPolicy, { category: 'transactional' })).toMatchObject(
      { quiet: false, reason: 'transactional', releaseAt: sunday },
    );
    expect(isQuietTime(sunday, smsPartnerPolicy, { category: 'commercial' })).toBe(true);
  });

  it('agrees with an independent model (EU clock rule + date-holidays) on random instants', () => {
    fc.assert(
      fc.property(instant2000to2059, (instant) => {
        const ms = instant.getTime();
        expect(isQuietTime(instant)).toBe(referenceSmsPartnerQuiet(ms));
        const release = nextSendWindow(instant).getTime();
        expect(release).toBeGreaterThanOrEqual(ms);
        expect(referenceSmsPartnerQuiet(release)).toBe(false);
        if (release > ms) {
          expect(referenceSmsPartnerQuiet(release - 1)).toBe(true);
          // A release is 08:00 Paris time: 06:00 or 07:00 UTC.
          expect([6, 7]).toContain(new Date(release).getUTCHours());
          expect(new Date(release).getUTCMinutes()).toBe(0);
        }
      }),
      { numRuns },
    );
  });
});

describe('explainQuietTime', () => {
  it('names the holiday and the release time', () => {
    const why = explainQuietTime(at('2025-05-08T09:00:00Z'));
    expect(why).toEqual({
      quiet: true,
      reason: 'holiday',
      holiday: { date: '2025-05-08', name: 'Victoire 1945', key: 'victory-1945' },
      releaseAt: at('2025-05-09T06:00:00Z'),
      policy: 'sms-partner',
      timeZone: 'Europe/Paris',
      localTime: {
        year: 2025,
        month: 5,
        day: 8,
        hour: 11,
        minute: 0,
        second: 0,
        millisecond: 0,
        weekday: 4,
      },
    });
  });

  it('tells night, Sunday, a holiday on a Sunday, and allowed apart', () => {
    expect(explainQuietTime(at('2025-06-16T04:00:00Z')).reason).toBe('night');
    expect(explainQuietTime(at('2025-06-16T19:00:00Z')).reason).toBe('night');
    expect(explainQuietTime(at('2025-06-15T10:00:00Z')).reason).toBe('sunday');
    // 1 November 2026 is a Sunday and All Saints' Day: reported as the holiday.
    const allSaints = explainQuietTime(at('2026-11-01T10:00:00Z'));
    expect(allSaints.quiet && allSaints.holiday?.key).toBe('all-saints');
    const allowed = explainQuietTime(at('2025-06-16T10:00:00Z'));
    expect(allowed).toMatchObject({ quiet: false, reason: 'allowed' });
    expect(allowed.releaseAt.getTime()).toBe(at('2025-06-16T10:00:00Z').getTime());
  });

  it('reports custom reasons: closed weekday, closed date, gap between windows', () => {
    const policy = customQuietHoursPolicy({
      name: 'shop',
      windows: {
        monday: ['09:00-12:00', '14:00-18:00'],
        tuesday: ['09:00-12:00', '14:00-18:00'],
      },
      extraClosedDates: ['2025-06-17', '06-23'],
    });
    // Monday 16 June 2025, 13:00 Paris → 14:00.
    expect(explainQuietTime(at('2025-06-16T11:00:00Z'), policy)).toMatchObject({
      quiet: true,
      reason: 'between-windows',
      releaseAt: at('2025-06-16T12:00:00Z'),
      policy: 'shop',
    });
    // Tuesday 17 June is a closed date; Wednesday-Sunday are closed weekdays → Monday 23 June is
    // closed every year → Tuesday 24 June 09:00.
    expect(explainQuietTime(at('2025-06-17T10:00:00Z'), policy)).toMatchObject({
      reason: 'closed-date',
      releaseAt: at('2025-06-24T07:00:00Z'),
    });
    expect(explainQuietTime(at('2025-06-18T10:00:00Z'), policy).reason).toBe('closed-weekday');
  });
});

describe('af2m presets', () => {
  it('af2m 2024: 08:00-22:00 on working days, Sunday and holidays closed', () => {
    expect(isQuietTime(at('2025-06-13T19:30:00Z'), af2m2024Policy)).toBe(false); // Fri 21:30
    expect(isQuietTime(at('2025-06-13T20:00:00Z'), af2m2024Policy)).toBe(true); // Fri 22:00
    expect(isQuietTime(at('2025-06-15T10:00:00Z'), af2m2024Policy)).toBe(true); // Sunday
    expect(isQuietTime(at('2025-07-14T10:00:00Z'), af2m2024Policy)).toBe(true); // holiday
    expect(iso(nextSendWindow(at('2025-06-13T20:00:00Z'), af2m2024Policy))).toBe(
      '2025-06-14T06:00:00.000Z',
    );
  });

  it('af2m 2026: 08:00-21:30 every day, Sundays and holidays tolerated', () => {
    expect(isQuietTime(at('2025-06-15T10:00:00Z'), af2m2026Policy)).toBe(false); // Sunday noon
    expect(isQuietTime(at('2025-07-14T10:00:00Z'), af2m2026Policy)).toBe(false); // holiday
    expect(isQuietTime(at('2025-06-13T19:29:59.999Z'), af2m2026Policy)).toBe(false); // 21:29:59
    expect(isQuietTime(at('2025-06-13T19:30:00Z'), af2m2026Policy)).toBe(true); // 21:30
    expect(iso(nextSendWindow(at('2025-06-14T19:45:00Z'), af2m2026Policy))).toBe(
      '2025-06-15T06:00:00.000Z',
    );
  });
});

// Policies to stress the search: random windows, some of them inside the 02:00-03:00 hour that
// daylight-saving changes skip or repeat.
const minuteOfDay = fc.oneof(
  fc.integer({ min: 0, max: 24 * 60 }),
  fc.integer({ min: 110, max: 190 }), // 01:50-03:10
);
const windowArb = fc
  .tuple(minuteOfDay, minuteOfDay)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => {
    const [start, end] = a < b ? [a, b] : [b, a];
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return `${hhmm(start)}-${hhmm(end)}` as SendWindow;
  });
const policyArb: fc.Arbitrary<QuietHoursPolicy> = fc.oneof(
  fc.constantFrom(smsPartnerPolicy, af2m2024Policy, af2m2026Policy),
  fc
    .record({
      windows: fc.tuple(...WEEKDAY_NAMES.map(() => fc.array(windowArb, { maxLength: 3 }))),
      closedOnPublicHolidays: fc.boolean(),
      zone: fc.constantFrom(...HOLIDAY_ZONES),
      extraClosedDates: fc.array(
        fc.integer({ min: 1, max: 28 }).map((d) => `06-${String(d).padStart(2, '0')}`),
        { maxLength: 3 },
      ),
    })
    .filter((p) => p.windows.some((list) => list.length > 0))
    .map((p) =>
      customQuietHoursPolicy({
        ...p,
        windows: Object.fromEntries(WEEKDAY_NAMES.map((day, i) => [day, p.windows[i] ?? []])),
      }),
    ),
);
// Instants anywhere in 2015-2035, or within a few hours of a Paris clock change.
const instantArb = fc.oneof(
  fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms)),
  fc
    .tuple(
      fc.integer({ min: 2015, max: 2034 }),
      fc.constantFrom(3 as const, 10 as const),
      fc.integer({ min: -6 * HOUR, max: 6 * HOUR }),
    )
    .map(([year, month, delta]) => new Date(euSwitch(year, month) + delta)),
);

describe('nextSendWindow properties', () => {
  it('is never earlier than its input, never quiet, and nothing allowed lies in between', () => {
    fc.assert(
      fc.property(
        policyArb,
        instantArb,
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
          minLength: 4,
          maxLength: 8,
        }),
        (policy, instant, fractions) => {
          const start = instant.getTime();
          const release = nextSendWindow(instant, policy).getTime();
          expect(release).toBeGreaterThanOrEqual(start);
          expect(isQuietTime(new Date(release), policy)).toBe(false);
          expect(release === start).toBe(!isQuietTime(instant, policy));
          if (release > start) {
            expect(isQuietTime(new Date(release - 1), policy)).toBe(true);
            for (const f of fractions) {
              const inside = start + Math.floor(f * (release - start));
              expect(isQuietTime(new Date(inside), policy), new Date(inside).toISOString()).toBe(
                true,
              );
            }
          }
          // Quiet instants share their release: asking again from inside gives the same answer.
          if (release > start) {
            const mid = start + Math.floor((release - start) / 2);
            expect(nextSendWindow(new Date(mid), policy).getTime()).toBe(release);
          }
        },
      ),
      { numRuns },
    );
  });

  it('equals a minute-by-minute scan around every Paris clock change of 2025 and 2026', () => {
    // Holidays open, so that the next Sunday is always within the scanned week.
    const policies = [
      ['02:15-02:45'],
      ['02:30-05:00'],
      ['00:00-02:30', '02:45-24:00'],
      ['01:00-02:00', '03:00-03:05'],
    ].map((sunday) =>
      customQuietHoursPolicy({
        windows: { sunday: sunday as SendWindow[] },
        closedOnPublicHolidays: false,
      }),
    );
    // The quiet state of every minute from 3 hours before each change to 27 hours after it, read
    // once; the expected release from any start minute is then the first open minute at or after
    // it (or beyond the scanned span).
    let checked = 0;
    for (const year of [2025, 2026]) {
      for (const month of [3, 10] as const) {
        const change = euSwitch(year, month);
        const first = change - 3 * HOUR;
        const minutes = 30 * 60;
        for (const policy of policies) {
          const quiet = Array.from({ length: minutes }, (_, i) =>
            isQuietTime(new Date(first + i * MINUTE), policy),
          );
          for (let i = 0; i <= 6 * 60; i += 5) {
            const from = first + i * MINUTE;
            const open = quiet.indexOf(false, i);
            const release = nextSendWindow(new Date(from), policy).getTime();
            if (open === -1) expect(release).toBeGreaterThanOrEqual(first + minutes * MINUTE);
            else expect(release, new Date(from).toISOString()).toBe(first + open * MINUTE);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(2 * 2 * 4 * 73);
  });

  it('opens a window skipped by the March change when the clock jumps into it', () => {
    // Sunday 30 March 2025: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    const jumpInto = customQuietHoursPolicy({ windows: { sunday: ['02:30-05:00'] } });
    expect(iso(nextSendWindow(at('2025-03-30T00:00:00Z'), jumpInto))).toBe(
      '2025-03-30T01:00:00.000Z',
    );
    // A window wholly inside the skipped hour does not exist that day: next Sunday instead.
    const skipped = customQuietHoursPolicy({
      windows: { sunday: ['02:15-02:45'] },
      closedOnPublicHolidays: false,
    });
    expect(iso(nextSendWindow(at('2025-03-30T00:00:00Z'), skipped))).toBe(
      '2025-04-06T00:15:00.000Z',
    );
    // In October the repeated hour opens twice: after the first pass, the second one.
    expect(iso(nextSendWindow(at('2025-10-26T00:50:00Z'), skipped))).toBe(
      '2025-10-26T01:15:00.000Z',
    );
  });

  it('throws a typed error for a policy that can never send', () => {
    const never: QuietHoursPolicy = {
      name: 'never',
      windows: Object.fromEntries(WEEKDAY_NAMES.map((day) => [day, []])) as never,
      closedOnPublicHolidays: true,
      zone: 'metropole',
    };
    expect(() => nextSendWindow(at('2025-06-16T10:00:00Z'), never)).toThrow(
      expect.objectContaining({ reason: 'NO_SEND_WINDOW' }),
    );
    expect(isQuietTime(at('2025-06-16T10:00:00Z'), never)).toBe(true);
  });
});
