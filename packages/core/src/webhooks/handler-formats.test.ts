/**
 * Every callback format of the spec (smspartner-api.md §4, smspartner-gaps.md §1), in every
 * encoding, to the URL of its kind and to a URL without kind: the handler must produce the same
 * event each time. This is what the emulator's callbacks are checked against end to end.
 */
import { describe, expect, it } from 'vitest';
import {
  callbackRequest,
  comparable,
  deliveryReportCases,
  ENCODINGS,
  type FixtureCase,
  hlrResultCases,
  inboundMessageCases,
  multipartInboundCases,
  replyCases,
} from '../../test/fixtures/webhooks/index.js';
import { createCallbackUrls } from './callback-urls.js';
import { createWebhookHandler } from './handler.js';
import type { SmsPartnerWebhookEvent } from './types.js';

const secret = 'fixture-secret-0123456789abcdef';
const urls = createCallbackUrls({ baseUrl: 'https://hooks.example.com/sms', secret });
const bare = `https://hooks.example.com/sms?token=${secret}`;

async function eventFor(request: Request): Promise<SmsPartnerWebhookEvent> {
  const events: SmsPartnerWebhookEvent[] = [];
  const handle = createWebhookHandler({ secret, onEvent: (event) => void events.push(event) });
  const response = await handle(request);
  expect(response.status).toBe(200);
  expect(events).toHaveLength(1);
  return events[0] as SmsPartnerWebhookEvent;
}

const groups: [string, FixtureCase[], string][] = [
  ['delivery reports', deliveryReportCases, urls.urlDlr],
  ['replies and STOP', replyCases, urls.urlResponse],
  ['long-number messages', inboundMessageCases, urls.urlResponse],
  ['HLR results', hlrResultCases, urls.notifyUrl],
];

for (const [group, cases, url] of groups) {
  describe(group, () => {
    for (const fixture of cases) {
      it(`${fixture.name}: same event in every encoding, with and without the kind in the URL`, async () => {
        for (const target of [url, bare]) {
          for (const encoding of ENCODINGS) {
            const event = await eventFor(callbackRequest(target, fixture.payload, encoding));
            expect({ encoding, target, event: comparable(event, fixture.expected) }).toEqual({
              encoding,
              target,
              event: fixture.expected,
            });
            // raw holds what was sent: the values themselves for JSON, their text otherwise.
            for (const [key, value] of Object.entries(fixture.payload)) {
              expect(String(event.raw[key])).toBe(String(value));
            }
            expect(Object.keys(event.raw).sort()).toEqual(Object.keys(fixture.payload).sort());
          }
        }
      });
    }
  });
}

describe('multipart long-number messages', () => {
  for (const fixture of multipartInboundCases) {
    it(`${fixture.name}: reassembled identically in every encoding and order`, async () => {
      for (const encoding of ENCODINGS) {
        for (const order of [
          [0, 1, 2],
          [2, 1, 0],
          [1, 2, 0],
        ]) {
          const events: SmsPartnerWebhookEvent[] = [];
          const handle = createWebhookHandler({
            secret,
            onEvent: (event) => void events.push(event),
          });
          for (const index of order) {
            const response = await handle(
              callbackRequest(urls.urlResponse, fixture.parts[index] ?? {}, encoding),
            );
            expect(response.status).toBe(200);
          }
          expect(events).toHaveLength(1);
          expect(comparable(events[0] ?? {}, fixture.expected)).toEqual(fixture.expected);
        }
      }
    });
  }
});
