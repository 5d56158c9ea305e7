import { describe, expect, it } from 'vitest';
import {
  customQuietHoursPolicy,
  type QuietHoursPolicy,
  type SendWindow,
  WEEKDAY_NAMES,
} from './policies.js';
import { af2m2024Policy, af2m2026Policy, smsPartnerPolicy } from './presets.js';
import { isQuietTime, nextSendWindow } from './quiet-hours.js';

const at = (iso: string) => new Date(iso);
// Monday 16 June 2025 in Paris (CEST, UTC+2).
const mondayParis = (hhmm: string) => at(`2025-06-16T${hhmm}:00+02:00`);

describe('presets', () => {
  it('encode the documented windows as plain data', () => {
    expect(smsPartnerPolicy).toEqual({
      name: 'sms-partner',
      windows: {
        monday: ['08:00-20:00'],
        tuesday: ['08:00-20:00'],
        wednesday: ['08:00-20:00'],
        thursday: ['08:00-20:00'],
        friday: ['08:00-20:00'],
        saturday: ['08:00-20:00'],
        sunday: [],
      },
      closedOnPublicHolidays: true,
      zone: 'metropole',
    });
    expect(af2m2024Policy.windows.saturday).toEqual(['08:00-22:00']);
    expect(af2m2024Policy.windows.sunday).toEqual([]);
    expect(af2m2024Policy.closedOnPublicHolidays).toBe(true);
    expect(WEEKDAY_NAMES.map((day) => af2m2026Policy.windows[day])).toEqual(
      Array(7).fill(['08:00-21:30']),
    );
    expect(af2m2026Policy.closedOnPublicHolidays).toBe(false);
  });

  it('are deeply frozen and survive a JSON round trip unchanged in meaning', () => {
    for (const policy of [smsPartnerPolicy, af2m2024Policy, af2m2026Policy]) {
      expect(Object.isFrozen(policy)).toBe(true);
      expect(Object.isFrozen(policy.windows)).toBe(true);
      expect(Object.isFrozen(policy.windows.monday)).toBe(true);
      const copy = JSON.parse(JSON.stringify(policy)) as QuietHoursPolicy;
      for (let hour = 0; hour < 24 * 7; hour += 1) {
        const instant = new Date(Date.UTC(2025, 6, 10, hour, 30));
        expect(isQuietTime(instant, copy)).toBe(isQuietTime(instant, policy));
      }
    }
  });
});

describe('customQuietHoursPolicy', () => {
  it('closes the weekdays left out and fills the defaults', () => {
    const policy = customQuietHoursPolicy({ windows: { monday: ['10:00-11:00'] } });
    expect(policy).toMatchObject({
      name: 'custom',
      closedOnPublicHolidays: true,
      zone: 'metropole',
    });
    expect(policy.windows.tuesday).toEqual([]);
    expect(isQuietTime(mondayParis('10:30'), policy)).toBe(false);
    expect(isQuietTime(at('2025-06-17T10:30:00+02:00'), policy)).toBe(true);
    expect(nextSendWindow(at('2025-06-17T10:30:00+02:00'), policy).toISOString()).toBe(
      '2025-06-23T08:00:00.000Z',
    );
  });

  it('merges overlapping and touching windows; 24:00 ends the day', () => {
    const policy = customQuietHoursPolicy({
      windows: {
        monday: ['11:00-14:00', '08:00-12:00', '14:00-15:00', '23:00-24:00'] as SendWindow[],
      },
    });
    expect(isQuietTime(mondayParis('13:30'), policy)).toBe(false);
    expect(isQuietTime(mondayParis('14:00'), policy)).toBe(false);
    expect(isQuietTime(mondayParis('14:59'), policy)).toBe(false);
    expect(isQuietTime(mondayParis('15:00'), policy)).toBe(true);
    expect(isQuietTime(at('2025-06-16T23:59:59.999+02:00'), policy)).toBe(false);
    expect(isQuietTime(at('2025-06-17T00:00:00+02:00'), policy)).toBe(true);
  });

  it('adds closed dates, one-off or every year', () => {
    const policy = customQuietHoursPolicy({
      ...smsPartnerPolicy,
      extraClosedDates: ['07-21', '2025-06-16'],
    });
    expect(isQuietTime(mondayParis('12:00'), policy)).toBe(true);
    expect(isQuietTime(mondayParis('12:00'))).toBe(false);
    expect(isQuietTime(at('2026-07-21T12:00:00+02:00'), policy)).toBe(true);
    expect(isQuietTime(at('2026-07-22T12:00:00+02:00'), policy)).toBe(false);
  });

  it('sees edits to a policy object that is not frozen', () => {
    const policy = {
      name: 'editable',
      windows: { ...smsPartnerPolicy.windows },
      closedOnPublicHolidays: true,
      zone: 'metropole' as const,
    };
    expect(isQuietTime(mondayParis('21:00'), policy)).toBe(true);
    policy.windows = { ...policy.windows, monday: ['08:00-22:00'] };
    expect(isQuietTime(mondayParis('21:00'), policy)).toBe(false);
  });

  it('refuses malformed policies with a message showing the expected form', () => {
    const badWindows = ['8:00-20:00', '20:00-08:00', '08:00-08:00', '08:00-24:01', '25:00-26:00'];
    for (const window of badWindows) {
      expect(() => customQuietHoursPolicy({ windows: { monday: [window as SendWindow] } })).toThrow(
        expect.objectContaining({
          reason: 'INVALID_POLICY',
          message: expect.stringContaining("'HH:mm-HH:mm'"),
        }),
      );
    }
    expect(() => customQuietHoursPolicy({ windows: {} })).toThrow(
      expect.objectContaining({ reason: 'INVALID_POLICY' }),
    );
    for (const date of ['2025-02-30', '13-01', 'tomorrow']) {
      expect(() =>
        customQuietHoursPolicy({ ...smsPartnerPolicy, extraClosedDates: [date] }),
      ).toThrow(ScheduleErrorLike);
    }
    expect(() =>
      customQuietHoursPolicy({ ...smsPartnerPolicy, zone: 'XX' as QuietHoursPolicy['zone'] }),
    ).toThrow(expect.objectContaining({ reason: 'INVALID_ZONE' }));
    expect(() => customQuietHoursPolicy({ ...smsPartnerPolicy, timeZone: 'Nope/Nowhere' })).toThrow(
      expect.objectContaining({ reason: 'INVALID_TIME_ZONE' }),
    );
    expect(() =>
      isQuietTime(new Date(), { ...smsPartnerPolicy, windows: undefined } as never),
    ).toThrow(expect.objectContaining({ reason: 'INVALID_POLICY' }));
  });
});

const ScheduleErrorLike = expect.objectContaining({
  name: 'ScheduleError',
  reason: expect.stringMatching(/^INVALID_(POLICY|DATE)$/),
});
