import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { af2m2024Policy, explainQuietTime, type QuietHoursPolicy } from '../../schedule/index.js';
import { SmsPartnerQuietHoursError } from '../errors.js';
import type { QuietHoursMode } from '../options.js';
import type { ClientContext } from './context.js';
import { decideQuietHours } from './prepare.js';
import type { Transport } from './transport.js';

vi.setConfig({ testTimeout: 180_000 });

/** Sunday 20 January 2030, 11:00 in Paris: quiet all day; released Monday 08:00. */
const SUNDAY = Date.parse('2030-01-20T10:00:00Z');
const MONDAY_0800 = '2030-01-21T07:00:00.000Z';
/** Friday 18 January 2030, 21:00 in Paris: night; released Saturday 08:00. */
const FRIDAY_NIGHT = Date.parse('2030-01-18T20:00:00Z');
const SATURDAY_0800 = '2030-01-19T07:00:00.000Z';

function contextAt(
  clock: { ms: number },
  policy?: QuietHoursPolicy,
  quietHours: QuietHoursMode = 'allow',
): ClientContext {
  return {
    transport: undefined as unknown as Transport,
    sandbox: true,
    quietHours,
    category: 'commercial',
    policy,
    now: () => new Date(clock.ms),
    message: {},
    pricing: undefined,
    format: undefined,
  };
}

const send = (context: ClientContext, scheduledAt?: Date) =>
  decideQuietHours(context, {
    mode: undefined,
    category: undefined,
    scheduledAt,
    canSchedule: true,
    endpoint: 'POST /v1/send',
  });

describe("decideQuietHours under 'allow'", () => {
  it('gives every send of one quiet stretch its release, and recomputes outside it', () => {
    const clock = { ms: SUNDAY };
    const context = contextAt(clock);
    expect(send(context).heldUntil?.toISOString()).toBe(MONDAY_0800);
    clock.ms = SUNDAY + 3_600_000;
    const again = send(context);
    expect(again.heldUntil?.toISOString()).toBe(MONDAY_0800);
    // Each result owns its Date.
    expect(again.heldUntil).not.toBe(send(context).heldUntil);
    // The clock moved back, before the remembered stretch: a different release.
    clock.ms = FRIDAY_NIGHT;
    expect(send(context).heldUntil?.toISOString()).toBe(SATURDAY_0800);
    // The release instant itself is allowed.
    clock.ms = Date.parse(SATURDAY_0800);
    expect(send(context).heldUntil).toBeUndefined();
    expect(send(context, new Date(SUNDAY)).heldUntil?.toISOString()).toBe(MONDAY_0800);
  });

  it('reads a policy that is not frozen afresh on every send', () => {
    const windows = { monday: ['08:00-20:00'], sunday: [] as string[] };
    const policy = {
      name: 'mutable',
      windows,
      closedOnPublicHolidays: false,
      zone: 'metropole',
    } as unknown as QuietHoursPolicy;
    const clock = { ms: SUNDAY };
    const context = contextAt(clock, policy);
    expect(send(context).heldUntil?.toISOString()).toBe(MONDAY_0800);
    windows.sunday = ['00:00-24:00'];
    expect(send(context).heldUntil).toBeUndefined();
  });

  it("leaves 'reject' to the full explanation, with its reason", () => {
    const clock = { ms: SUNDAY };
    const context = contextAt(clock, undefined, 'reject');
    expect(() => send(context)).toThrow(SmsPartnerQuietHoursError);
    try {
      send(context);
    } catch (error) {
      expect((error as SmsPartnerQuietHoursError).reason).toBe('sunday');
    }
  });

  it('agrees with explainQuietTime on any sequence of instants', () => {
    const start = Date.parse('2029-12-20T00:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom(undefined, af2m2024Policy),
        fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 30 }),
        (policy, offsets) => {
          const clock = { ms: start };
          const context = contextAt(clock, policy);
          for (const offset of offsets) {
            clock.ms = start + offset;
            const expected = explainQuietTime(new Date(clock.ms), policy);
            const decision = send(context);
            expect(decision.heldUntil?.toISOString()).toBe(
              expected.quiet ? expected.releaseAt.toISOString() : undefined,
            );
            expect(decision.deferred).toBe(false);
          }
        },
      ),
      { numRuns: Math.ceil(numRuns / 10) },
    );
  });
});
