import { normalizePhoneNumber } from '@sms-partner/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../core/test/fc.js';
import { useEmulator } from './helpers.js';

// A transactional account: the emulator holds nothing, so `sendAt` is exactly the schedule.
const fixture = useEmulator({ accounts: [{ quietHours: 'off' }] });

/** Each run is one HTTP round trip, so fewer runs than the pure properties. */
const HTTP_RUNS = Math.min(numRuns, 200);

const mobile = fc
  .tuple(fc.constantFrom('6', '7'), fc.stringMatching(/^\d{8}$/))
  .map(([first, rest]) => `${first}${rest}`);

/** One recipient written the ways people write them. */
const recipient = fc.oneof(
  fc
    .tuple(mobile, fc.constantFrom('', ' ', '.', '-'))
    .map(([digits, sep]) => `0${digits}`.replace(/(\d{2})(?=\d)/g, `$1${sep}`)),
  mobile.map((digits) => `+33${digits}`),
  mobile.map((digits) => `0033 ${digits}`),
  fc.stringMatching(/^\d{9}$/).map((digits) => `+491${digits}`),
);

/** Text with what French SMS contain: accents, €, quotes, line breaks, sometimes an emoji. */
const text = fc
  .array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom(
          ...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.,!?'.split(''),
        ),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'é',
          'è',
          'à',
          'ç',
          'ê',
          'ô',
          'œ',
          '€',
          '"',
          "'",
          '’',
          '«',
          '»',
          '\n',
          '@',
          '£',
          '{',
          '}',
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom('😀', '🇫🇷', 'ñ', 'ß', 'Ω') },
    ),
    { minLength: 1, maxLength: 300 },
  )
  .map((chars) => chars.join(''))
  .filter((message) => message.trim() !== '');

const request = fc.record(
  {
    to: fc.array(recipient, { minLength: 1, maxLength: 4 }),
    message: text,
    sender: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{2,10}$/),
    tag: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    isStopSms: fc.boolean(),
    isUnicode: fc.boolean(),
    sandbox: fc.boolean(),
    format: fc.constantFrom('json' as const, 'xml' as const),
    /** Minutes after the emulator's "now", to schedule at. */
    scheduleIn: fc.integer({ min: 10, max: 60 * 24 * 30 }),
  },
  { requiredKeys: ['to', 'message', 'format'] },
);

describe('random valid sends round-trip through the emulator', () => {
  it('what the emulator received and recorded is what the client was asked to send', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ scheduleIn, ...params }) => {
        await fixture.emulator.reset();
        const client = fixture.client();
        const scheduledAt =
          scheduleIn === undefined
            ? undefined
            : new Date(fixture.emulator.clock.now().getTime() + scheduleIn * 60_000);
        const result = await client.sms.send({
          ...params,
          category: 'transactional',
          ...(scheduledAt ? { scheduledAt } : {}),
        });
        const expected = [...new Set(params.to.map((to) => normalizePhoneNumber(to)))];
        const [record, ...others] = fixture.emulator.messages();
        expect(others).toHaveLength(0);
        expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1);
        expect(result.messageId).toBe(String(record?.messageId));
        expect(result.recipients).toEqual(expected);
        expect(record?.recipients.map((r) => r.phoneNumber)).toEqual(expected);
        for (const r of record?.recipients ?? []) {
          expect(r.wireText).toBe(result.analysis.wireText);
          // The emulator decodes the wire syntax back: the recipient reads the original text.
          expect(r.text).toBe(params.message);
        }
        // A sandbox send is not charged (the emulator records 0) though the answer states its price.
        if (params.sandbox) expect(record?.cost).toBe(0);
        else expect(result.cost).toBeCloseTo(record?.cost ?? Number.NaN, 6);
        expect(result.billedSegments).toBe(record?.nbSms);
        expect(record?.sender).toBe(params.sender);
        expect(record?.tag).toBe(params.tag);
        expect(record?.sandbox).toBe(params.sandbox === true);
        expect(record?.unicode).toBe(params.isUnicode === true);
        expect(result.sandbox).toBe(params.sandbox === true);
        if (scheduledAt) {
          expect(record?.scheduled).toBe(true);
          expect(record?.sendAt.getTime()).toBe(result.scheduledAt?.getTime());
          // Rounded up to the 5-minute grid, never early, at most 5 minutes late.
          const delta = (result.scheduledAt?.getTime() ?? 0) - scheduledAt.getTime();
          expect(delta).toBeGreaterThanOrEqual(0);
          expect(delta).toBeLessThan(5 * 60_000);
        } else {
          expect(record?.scheduled).toBe(false);
          expect(result.scheduledAt).toBeUndefined();
        }
      }),
      { numRuns: HTTP_RUNS },
    );
  }, 120_000);

  it('statuses read back through any format agree with the emulator', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recipient, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('json' as const, 'xml' as const),
        async (to, format) => {
          await fixture.emulator.reset();
          const client = fixture.client({ format });
          const { messageId, recipients } = await client.sms.send({
            to,
            message: 'Bonjour',
            category: 'transactional',
          });
          await fixture.emulator.clock.advance(fixture.emulator.behaviour().dlrDelayMs + 1_000);
          const { items } = await client.status.byMessage(messageId);
          const record = fixture.emulator.message(Number(messageId));
          expect(items.map((item) => item.phoneNumber)).toEqual(recipients);
          expect(items.map((item) => item.status)).toEqual(
            record?.recipients.map((r) =>
              r.status === 'delivered' ? 'delivered' : r.status.replace(' ', '_'),
            ),
          );
          for (const [index, item] of items.entries()) {
            expect(item.date?.getTime()).toBe(
              Math.floor((record?.recipients[index]?.statusAt.getTime() ?? 0) / 1000) * 1000,
            );
          }
        },
      ),
      { numRuns: Math.min(numRuns, 50) },
    );
  }, 120_000);
});
