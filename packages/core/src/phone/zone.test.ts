import { describe, expect, it } from 'vitest';
import { HOLIDAY_ZONE_TIME_ZONES } from '../schedule/zones.js';
import { normalizePhoneNumber } from './normalize.js';
import { overseasZoneOf } from './zone.js';

describe('overseasZoneOf', () => {
  it.each([
    ['0690 12 34 56', 'GP'],
    ['0694 12 34 56', 'GF'],
    ['0696 12 34 56', 'MQ'],
    ['0692 12 34 56', 'RE'],
    ['0262 12 34 56', 'RE'],
    ['0639 12 34 56', 'YT'],
    ['0269 61 23 45', 'YT'],
  ])('maps the national number %s to %s, on that zone’s clock', (national, zone) => {
    const found = overseasZoneOf(normalizePhoneNumber(national));
    expect(found?.zone).toBe(zone);
    expect(found?.timeZone).toBe(HOLIDAY_ZONE_TIME_ZONES[found!.zone]);
  });

  it('leaves metropolitan and foreign numbers to the policy', () => {
    expect(overseasZoneOf('+33612345678')).toBeUndefined();
    expect(overseasZoneOf('+4915123456789')).toBeUndefined();
    expect(overseasZoneOf('+32470123456')).toBeUndefined();
  });
});
