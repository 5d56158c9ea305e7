import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import {
  fromScheduledDeliveryFields,
  ScheduleError,
  toScheduledDeliveryFields,
} from '../../schedule/index.js';
import type { ClientContext } from './context.js';
import { scheduleFields } from './prepare.js';
import { Issues } from './validate.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine; the limit only stops a hung
// run (nothing here is timed).
vi.setConfig({ testTimeout: 180_000 });

const NOW = new Date('2030-03-01T12:00:00Z');
const context = { now: () => NOW } as ClientContext;

/** What scheduleFields answered before it stopped calling fromScheduledDeliveryFields. */
function reference(scheduledAt: Date): { fields: unknown; at: Date } | string {
  try {
    const fields = toScheduledDeliveryFields(scheduledAt, { now: NOW });
    return { fields, at: fromScheduledDeliveryFields(fields) };
  } catch (error) {
    if (error instanceof ScheduleError) return error.message;
    throw error;
  }
}

function check(scheduledAt: Date): void {
  const issues = new Issues();
  const result = scheduleFields(context, issues, 'scheduledAt', scheduledAt);
  const expected = reference(scheduledAt);
  if (typeof expected === 'string') {
    expect(result).toBeUndefined();
    expect(issues.list.map((issue) => issue.problem)).toEqual([expected]);
  } else {
    expect(issues.list).toEqual([]);
    expect(result).toEqual(expected);
  }
}

describe('scheduleFields', () => {
  it('reports the instant the API reads from the fields, as fromScheduledDeliveryFields does', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2030-01-01T00:00:00Z'),
          max: new Date('2040-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => check(date),
      ),
      { numRuns },
    );
  });

  it('reads October nights (02:00-03:00 twice) and March nights (skipped hour) the same way', () => {
    for (const iso of [
      '2030-10-27T00:00:00Z',
      '2030-10-27T00:32:00Z',
      '2030-10-27T00:57:00Z',
      '2030-10-27T01:00:00Z',
      '2030-10-27T01:03:00Z',
      '2030-10-27T01:58:00Z',
      '2031-03-30T00:58:00Z',
      '2031-03-30T01:00:00Z',
    ]) {
      check(new Date(iso));
    }
    // In the repeated hour, the fields mean its first occurrence: 03:05 Paris summer time.
    const issues = new Issues();
    expect(
      scheduleFields(context, issues, 'scheduledAt', new Date('2030-10-27T01:03:00Z'))?.at,
    ).toEqual(new Date('2030-10-27T00:05:00Z'));
  });

  it('refuses a year the four-digit field cannot hold, with the same problem as before', () => {
    for (const iso of ['9999-12-31T22:54:00Z', '9999-12-31T22:56:00Z', '+010000-06-01T00:00:00Z']) {
      check(new Date(iso));
    }
    const issues = new Issues();
    scheduleFields(context, issues, 'scheduledAt', new Date('+010000-06-01T00:00:00Z'));
    expect(issues.list[0]?.problem).toContain('dd/MM/yyyy');
  });
});
