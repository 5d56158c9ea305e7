/**
 * What the page is told about a message: instants in Paris time (the page's clock) and numbers
 * the way the SDK sends them, whatever the SDK's messages or the typed input look like.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayNumber, formatParis, inParisTime, LiveStore } from '../src/live-store.js';

describe('inParisTime', () => {
  it('writes every UTC ISO instant of a text in Paris time and leaves the rest alone', () => {
    // 1 January 2026 08:00 UTC is 09:00 in Paris (CET, UTC+1); 1 July 07:00 UTC is 09:00 (CEST).
    expect(inParisTime('Next send window: 2026-01-01T08:00:00.000Z. Retry then.')).toBe(
      'Next send window: Thu 1 Jan, 09:00 (Paris). Retry then.',
    );
    expect(inParisTime('from 2026-07-01T07:00:00Z to 2026-07-01T07:30Z')).toBe(
      'from Wed 1 Jul, 09:00 (Paris) to Wed 1 Jul, 09:30 (Paris)',
    );
    expect(inParisTime('scheduled for 01/07/2026 09:00')).toBe('scheduled for 01/07/2026 09:00');
  });

  it('leaves no ISO instant behind, for any instant in any sentence', () => {
    const instant = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2200-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.string(), instant, fc.string(), (before, at, after) => {
        const iso = at.toISOString();
        const out = inParisTime(`${before} ${iso} ${after}`);
        expect(out).toContain(formatParis(iso));
        expect(out).not.toContain(iso);
      }),
    );
  });
});

describe('displayNumber and the store', () => {
  it('writes French national and international input as E.164, and keeps what it cannot read', () => {
    expect(displayNumber('06 12 34 56 78')).toBe('+33612345678');
    expect(displayNumber('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(displayNumber('0049 151 2345 6789')).toBe('+4915123456789');
    expect(displayNumber(' 12ab ')).toBe('12ab');
  });

  it('shows a refused message with the number and the Paris time an accepted one would have', () => {
    const store = new LiveStore(() => new Date('2026-01-05T20:30:00Z'));
    const refused = store.created('express', '06 12 34 56 78', 'Promo');
    store.failed(refused.id, {
      name: 'SmsPartnerQuietHoursError',
      code: 'quiet_hours',
      message: 'Next send window: 2026-01-06T07:00:00.000Z.',
    });
    const view = store.message(refused.id);
    expect(view?.to).toBe('+33612345678');
    expect(view?.error?.message).toBe('Next send window: Tue 6 Jan, 08:00 (Paris).');
    expect(view?.timeline.at(-1)?.text).toBe(
      'SmsPartnerQuietHoursError: Next send window: Tue 6 Jan, 08:00 (Paris).',
    );
  });
});
