/**
 * The dashboard's clock presets. Expected instants come from the calendar (Easter 2025 is on
 * 20 April; Paris is UTC+1 in winter and UTC+2 from the last Sunday of March), not from the code.
 */
import { describe, expect, it } from 'vitest';
import { parseParisLocal, presetInstant } from '../src/dashboard/clock.js';

describe('clock presets', () => {
  it('finds the next Sunday 11:00 in Paris', () => {
    // Wednesday 12 March 2025 → Sunday 16 March, 11:00 CET.
    expect(presetInstant('sunday', new Date('2025-03-12T09:00:00Z')).toISOString()).toBe(
      '2025-03-16T10:00:00.000Z',
    );
  });

  it('skips the weekend for a weekday evening', () => {
    // Friday 14 March 2025 at 22:00 Paris is past 21:30 → Monday 17 March, 21:30 CET.
    expect(presetInstant('weekday-evening', new Date('2025-03-14T21:00:00Z')).toISOString()).toBe(
      '2025-03-17T20:30:00.000Z',
    );
  });

  it('skips public holidays for a weekday morning', () => {
    // Thursday 29 May 2025 is Ascension: from Wednesday noon, the next is Friday 30 May 10:00 CEST.
    expect(presetInstant('weekday-morning', new Date('2025-05-28T10:00:00Z')).toISOString()).toBe(
      '2025-05-30T08:00:00.000Z',
    );
  });

  it('finds the next public holiday on a weekday', () => {
    // From 1 April 2025: Easter Monday, 21 April, 11:00 CEST.
    expect(presetInstant('holiday', new Date('2025-04-01T10:00:00Z')).toISOString()).toBe(
      '2025-04-21T09:00:00.000Z',
    );
  });

  it('reads datetime-local values as Paris time and refuses anything else', () => {
    expect(parseParisLocal('2025-07-14T09:30')?.toISOString()).toBe('2025-07-14T07:30:00.000Z');
    expect(parseParisLocal('2025-01-14T09:30')?.toISOString()).toBe('2025-01-14T08:30:00.000Z');
    expect(parseParisLocal('14/07/2025 09:30')).toBeUndefined();
    expect(parseParisLocal('2025-13-01T09:30')).toBeUndefined();
  });
});
