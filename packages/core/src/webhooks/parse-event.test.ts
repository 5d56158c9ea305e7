import { describe, expect, it } from 'vitest';
import { allSinglePayloadCases, comparable } from '../../test/fixtures/webhooks/index.js';
import { WebhookError } from './errors.js';
import { detectWebhookEventType, parseWebhookEvent } from './parse-event.js';

describe('parseWebhookEvent detection', () => {
  for (const fixture of allSinglePayloadCases) {
    it(`detects ${fixture.name}`, () => {
      expect(comparable(parseWebhookEvent(fixture.payload), fixture.expected)).toEqual(
        fixture.expected,
      );
    });
  }

  it('a DLR using msisdn for the number is still a DLR (status wins over msisdn)', () => {
    expect(detectWebhookEventType({ msisdn: '336', msgId: '1', status: 'delivered' })).toBe(
      'delivery_report',
    );
  });
  it('an HLR result carrying a status-like field is still an HLR result', () => {
    expect(detectWebhookEventType({ phone: '+33600000000', mccMnc: '20801', status: 'x' })).toBe(
      'hlr_result',
    );
  });
  it('msisdn with text is inbound; phone_number with text is a reply', () => {
    expect(detectWebhookEventType({ msisdn: '336', text: 'hi' })).toBe('inbound_message');
    expect(detectWebhookEventType({ phone_number: '+336', text: 'hi' })).toBe('reply');
  });
  it('unknown payloads are unknown_event (400)', () => {
    for (const payload of [{}, { foo: 'bar' }, { msgId: '1' }, { phone: '+33600000000' }]) {
      expect(detectWebhookEventType(payload)).toBeUndefined();
      try {
        parseWebhookEvent(payload);
        expect.unreachable();
      } catch (error) {
        expect((error as WebhookError).reason).toBe('unknown_event');
        expect((error as WebhookError).status).toBe(400);
      }
    }
  });
});

describe('parseWebhookEvent with a kind from the URL', () => {
  it('dlr forces the DLR parser (a payload missing status then fails clearly)', () => {
    expect(parseWebhookEvent({ msgId: '1', status: 'delivered' }, { kind: 'dlr' }).type).toBe(
      'delivery_report',
    );
    expect(() => parseWebhookEvent({ msgId: '1', phone: '+33600000000' }, { kind: 'dlr' })).toThrow(
      /status/,
    );
  });
  it('response chooses between reply/STOP and inbound messages', () => {
    expect(
      parseWebhookEvent({ phone_number: '+33600000000', text: 'Stop' }, { kind: 'response' }).type,
    ).toBe('stop');
    expect(
      parseWebhookEvent({ msisdn: '33600000000', messageId: 'a', text: 'x' }, { kind: 'response' })
        .type,
    ).toBe('inbound_message');
    expect(() =>
      parseWebhookEvent({ msgId: '1', status: 'delivered' }, { kind: 'response' }),
    ).toThrow(WebhookError);
  });
  it('hlr forces the HLR parser', () => {
    expect(parseWebhookEvent({ phone: '+33600000000' }, { kind: 'hlr' }).type).toBe('hlr_result');
  });
  it('an unknown kind is refused', () => {
    expect(() => parseWebhookEvent({ msgId: '1', status: 'ok' }, { kind: 'sms' as never })).toThrow(
      /kind/,
    );
  });
});
