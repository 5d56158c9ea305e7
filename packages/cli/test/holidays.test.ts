import { frenchPublicHolidays, HOLIDAY_ZONES } from '@sms-partner/core';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('sms-partner holidays', () => {
  it('lists the SDK calendar for a year and zone, as a table or JSON', async () => {
    for (const zone of ['metropole', 'alsace-moselle', 'RE'] as const) {
      const json = await cli(['holidays', '2026', '--zone', zone, '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(frenchPublicHolidays(2026, { zone }));
    }
    const table = await cli(['holidays', '2024']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    const expected = frenchPublicHolidays(2024);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((holiday, i) => {
      expect(lines[i]).toContain(holiday.date);
      expect(lines[i]).toContain(holiday.name);
    });
    // 2024-07-14 was a Sunday.
    expect(table.stdout).toMatch(/2024-07-14 Sun +Fête nationale/);
  });

  it('exits with 2 and says why on a bad year or zone, printing nothing on stdout', async () => {
    const early = await cli(['holidays', '1200']);
    expect(early).toMatchObject({ code: 2, stdout: '' });
    expect(early.stderr).toMatch(/^sms-partner: .*1583 to 4099.*1200/);

    const word = await cli(['holidays', 'next']);
    expect(word).toMatchObject({ code: 2, stdout: '' });
    expect(word.stderr).toContain('needs an integer');

    const zone = await cli(['holidays', '2026', '--zone', 'corse']);
    expect(zone).toMatchObject({ code: 2, stdout: '' });
    for (const known of HOLIDAY_ZONES) expect(zone.stderr).toContain(known);

    const missing = await cli(['holidays']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'year'");
  });
});
