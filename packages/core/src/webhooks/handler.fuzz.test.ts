/**
 * Hostile and malformed callbacks, fuzzed: the handler never crashes, never answers 5xx to bad
 * input, and never calls a user handler with anything but a well-typed event. `numRuns` is 10,000
 * per property in CI (1,000 locally).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { allSinglePayloadCases } from '../../test/fixtures/webhooks/index.js';
import { createCallbackUrls } from './callback-urls.js';
import { createWebhookHandler } from './handler.js';
import type { SmsPartnerWebhookEvent } from './types.js';

const secret = 'fuzz-secret-0123456789abcdefgh';
const urls = createCallbackUrls({ baseUrl: 'https://hooks.example.com/sms', secret });
const bare = `https://hooks.example.com/sms?token=${secret}`;
const TARGETS = [urls.urlDlr, urls.urlResponse, urls.notifyUrl, bare];
// 10,000 cases per property in CI take seconds; the limit only stops a hung run (nothing is timed).
const LIMIT = { timeout: 300_000 };

// Every refusal warning the properties cause: none may carry the secret (checked after all).
const warnings: string[] = [];
afterAll(() => {
  expect(warnings.length).toBeGreaterThan(0);
  for (const line of warnings) expect(line).not.toContain(secret);
});

function harness() {
  const events: SmsPartnerWebhookEvent[] = [];
  const errors: unknown[] = [];
  const handle = createWebhookHandler({
    secret,
    maxBodyBytes: 2048,
    logger: { warn: (line) => void warnings.push(line) },
    onEvent: (event) => void events.push(event),
    onError: (error) => void errors.push(error),
  });
  return { handle, events, errors };
}

/** A 200 delivered only well-typed events; anything else is a 4xx that reached no handler. */
function expectTypedOrRefused(
  status: number,
  events: readonly SmsPartnerWebhookEvent[],
  before: number,
): void {
  if (status === 200) {
    for (const event of events.slice(before)) expectWellTyped(event);
  } else {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(events.length).toBe(before);
  }
}

/** What every event handed to user code must satisfy, whatever the input. */
function expectWellTyped(event: SmsPartnerWebhookEvent) {
  const text = (value: unknown) => typeof value === 'string';
  const optional = (value: unknown, check: (v: unknown) => boolean) =>
    value === undefined || check(value);
  const date = (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime());
  expect(typeof event.raw).toBe('object');
  switch (event.type) {
    case 'delivery_report':
      expect(text(event.messageId) && event.messageId.length > 0).toBe(true);
      expect(['delivered', 'not_delivered', 'waiting', 'ko', 'unknown']).toContain(event.status);
      expect(
        text(event.rawStatus) && optional(event.phoneNumber, text) && optional(event.date, date),
      ).toBe(true);
      expect(optional(event.cost, (v) => /^-?\d+(\.\d+)?$/.test(String(v)))).toBe(true);
      break;
    case 'reply':
    case 'stop':
      expect(text(event.phoneNumber) && text(event.text) && optional(event.messageId, text)).toBe(
        true,
      );
      break;
    case 'inbound_message':
      expect(text(event.from) && text(event.text) && text(event.messageId)).toBe(true);
      expect(optional(event.timestamp, date)).toBe(true);
      break;
    case 'hlr_result':
      expect(text(event.phoneNumber) && optional(event.ported, (v) => typeof v === 'boolean')).toBe(
        true,
      );
      expect(optional(event.errorGroupId, Number.isSafeInteger)).toBe(true);
      break;
    default:
      throw new Error('unknown event type');
  }
}

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'text/html; charset=klingon',
  'application/json; charset=iso-8859-1',
);

describe('hostile callbacks (property)', () => {
  it('arbitrary bytes with any content type: 4xx, no handler call, no onError', LIMIT, async () => {
    const { handle, events, errors } = harness();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        contentTypes,
        fc.constantFrom(...TARGETS),
        async (body, type, url) => {
          const before = events.length;
          const response = await handle(
            new Request(url, {
              method: 'POST',
              body,
              headers: type ? { 'content-type': type } : {},
            }),
          );
          // Random bytes could, in principle, spell a valid callback; then the event must be well-typed.
          expectTypedOrRefused(response.status, events, before);
        },
      ),
      { numRuns },
    );
    expect(errors).toEqual([]);
  });

  it('malformed JSON and JSON that is not an object: 400, no handler call', LIMIT, async () => {
    const { handle, events, errors } = harness();
    const notAnObject = fc
      .oneof(
        fc
          .jsonValue()
          .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
          .map((v) => JSON.stringify(v)),
        fc.json().map((text) => `${text}}`),
        fc
          .json()
          .filter((text) => text.length > 1)
          .map((text) => text.slice(0, -1)),
        fc.string().map((text) => `{${text}`),
      )
      .filter((text) => {
        try {
          const value = JSON.parse(text);
          return typeof value !== 'object' || value === null || Array.isArray(value);
        } catch {
          return true;
        }
      })
      .filter(
        (text) =>
          text.trim().startsWith('{') ||
          text.trim().startsWith('[') ||
          text.trim() === '' ||
          !text.includes('='),
      );
    await fc.assert(
      fc.asyncProperty(notAnObject, fc.constantFrom(...TARGETS), async (body, url) => {
        const response = await handle(
          new Request(url, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          }),
        );
        expect([400, 413]).toContain(response.status);
      }),
      { numRuns },
    );
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
  });

  it(
    'payloads with the right field names and hostile values: 200 with a well-typed event, or 4xx and no call',
    LIMIT,
    async () => {
      const { handle, events, errors } = harness();
      const names = fc.constantFrom(
        'msgId',
        'messageId',
        'message_id',
        'status',
        'statut',
        'phone',
        'phoneNumber',
        'phone_number',
        'number',
        'msisdn',
        'to',
        'text',
        'type',
        'keyword',
        'date',
        'cost',
        'currency',
        'tag',
        'message-timestamp',
        'concat',
        'concat-ref',
        'concat-total',
        'concat-part',
        'mccMnc',
        'ported',
        'errorGrpId',
        'errorName',
        '__proto__',
        'constructor',
        'toString',
      );
      const values = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          '',
          ' ',
          'delivered',
          'STOP',
          'stop',
          'response',
          'true',
          '0',
          '-1',
          '1e400',
          'NaN',
          '+33600000000',
          '2024-10-27 02:30:00',
          '0000-00-00 00:00:00',
        ),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 2 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), {
          maxKeys: 2,
          noNullPrototype: true,
        }),
      );
      // Random field sets, and valid fixtures with some fields overwritten by hostile values.
      const payloads = fc.oneof(
        fc.dictionary(names, values, { maxKeys: 8, noNullPrototype: true }),
        fc
          .tuple(
            fc.constantFrom(...allSinglePayloadCases),
            fc.dictionary(names, values, { maxKeys: 3, noNullPrototype: true }),
          )
          .map(([fixture, overrides]) => ({ ...fixture.payload, ...overrides })),
      );
      const encodings = fc.constantFrom('json', 'form', 'query');
      const outcomes: Record<number, number> = {};
      await fc.assert(
        fc.asyncProperty(
          payloads,
          encodings,
          fc.constantFrom(...TARGETS),
          async (payload, encoding, url) => {
            const before = events.length;
            let request: Request;
            if (encoding === 'json') {
              request = new Request(url, {
                method: 'POST',
                body: JSON.stringify(payload),
                headers: { 'content-type': 'application/json' },
              });
            } else {
              const fields = new URLSearchParams();
              for (const [key, value] of Object.entries(payload)) {
                fields.append(
                  key,
                  typeof value === 'object' && value !== null
                    ? JSON.stringify(value)
                    : String(value),
                );
              }
              if (encoding === 'form')
                request = new Request(url, { method: 'POST', body: fields.toString() });
              else {
                const target = new URL(url);
                for (const [key, value] of fields) target.searchParams.append(key, value);
                request = new Request(target);
              }
            }
            const response = await handle(request);
            outcomes[response.status] = (outcomes[response.status] ?? 0) + 1;
            expectTypedOrRefused(response.status, events, before);
          },
        ),
        { numRuns },
      );
      // Guard against a vacuous property: both branches must have been exercised.
      expect(outcomes[200] ?? 0).toBeGreaterThan(0);
      expect(outcomes[400] ?? 0).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    },
  );

  it('any token other than the secret: 401 and no handler call', LIMIT, async () => {
    const { handle, events } = harness();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.constant(secret.slice(0, -1)),
          fc.constant(`${secret} `),
        ),
        async (token) => {
          fc.pre(token !== secret);
          const url = `https://hooks.example.com/sms?token=${encodeURIComponent(token)}&kind=dlr`;
          const response = await handle(
            new Request(url, { method: 'POST', body: '{"msgId":"1","status":"delivered"}' }),
          );
          expect(response.status).toBe(401);
          expect(await response.text()).not.toContain(secret);
        },
      ),
      { numRuns },
    );
    expect(events).toEqual([]);
  });

  it('any method but GET and POST: 405 and no handler call', LIMIT, async () => {
    const { handle, events } = harness();
    const method = fc
      .stringMatching(/^[A-Z]{1,10}$/)
      .filter((m) => !['GET', 'POST', 'CONNECT', 'TRACE', 'TRACK'].includes(m));
    await fc.assert(
      fc.asyncProperty(method, async (verb) => {
        const response = await handle(new Request(urls.urlDlr, { method: verb }));
        expect(response.status).toBe(405);
      }),
      { numRuns },
    );
    expect(events).toEqual([]);
  });
});
