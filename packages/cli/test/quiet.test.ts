import {
  af2m2024Policy,
  explainQuietTime,
  fromZonedParts,
  smsPartnerPolicy,
} from '@sms-partner/core';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('sms-partner quiet', () => {
  it('explains a quiet instant (why, next window) and an allowed one, with the SDK answer', async () => {
    // 8 May is a public holiday; a wall-clock time without offset is read in Paris.
    const holiday = await cli(['quiet', '2025-05-08 10:00', '--json']);
    expect(holiday.code).toBe(0);
    const instant = fromZonedParts({ year: 2025, month: 5, day: 8, hour: 10 }, 'Europe/Paris');
    expect(json(holiday.stdout)).toEqual(
      json(JSON.stringify({ instant, ...explainQuietTime(instant, smsPartnerPolicy) })),
    );
    expect(json(holiday.stdout)).toMatchObject({ quiet: true, reason: 'holiday' });

    const table = await cli(['quiet', '2025-05-08 10:00']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Quiet +yes/);
    expect(table.stdout).toMatch(/Why +public holiday \(Victoire 1945\)/);
    expect(table.stdout).toContain('2025-05-09T06:00:00.000Z'); // Friday 08:00 in Paris

    // 21:30 in Paris on a Friday: night under SMS Partner's rule, allowed under af2m 2024 (22:00).
    const iso = '2025-06-13T19:30:00Z';
    const night = json((await cli(['quiet', iso, '--json'])).stdout);
    expect(night).toMatchObject({ quiet: true, reason: 'night' });
    const af2m = await cli(['quiet', iso, '--policy', 'af2m-2024', '--json']);
    expect(json(af2m.stdout)).toMatchObject({
      quiet: explainQuietTime(new Date(iso), af2m2024Policy).quiet,
      policy: 'af2m-2024',
    });
    const allowed = await cli(['quiet', iso, '--policy', 'af2m-2024']);
    expect(allowed.stdout).toMatch(/Quiet +no/);
    expect(allowed.stdout).not.toContain('Next window');

    const transactional = json((await cli(['quiet', iso, '--transactional', '--json'])).stdout);
    expect(transactional).toMatchObject({ quiet: false, reason: 'transactional' });

    // Réunion is 2 hours ahead of Paris in June: 21:30 in Paris is 23:30 there.
    const reunion = json((await cli(['quiet', iso, '--zone', 'RE', '--json'])).stdout);
    expect(reunion).toMatchObject({ timeZone: 'Indian/Reunion', localTime: { hour: 23 } });
  });

  it('exits with 2 on an instant it cannot read or a date that does not exist', async () => {
    const words = await cli(['quiet', 'tomorrow morning']);
    expect(words).toMatchObject({ code: 2, stdout: '' });
    expect(words.stderr).toContain('cannot read the instant "tomorrow morning"');

    const month = await cli(['quiet', '2025-13-01']);
    expect(month).toMatchObject({ code: 2, stdout: '' });
    expect(month.stderr).toMatch(/^sms-partner: .*month/);

    const policy = await cli(['quiet', '--policy', 'lenient']);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain('sms-partner, af2m-2024, af2m-2026');
  });
});
