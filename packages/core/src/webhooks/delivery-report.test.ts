import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import {
  comparable,
  deliveryReportCases,
  stringFields,
} from '../../test/fixtures/webhooks/index.js';
import { normalizeDeliveryStatus, parseDeliveryReport } from './delivery-report.js';
import { WebhookError } from './errors.js';

// numRuns is 10,000 in CI; the limit only stops a hung run (nothing here is timed).
const PROPERTY_LIMIT = { timeout: 300_000 };

describe('parseDeliveryReport on the fixtures', () => {
  for (const fixture of deliveryReportCases) {
    it(`${fixture.name}: object, JSON text, form text and URLSearchParams agree`, () => {
      const inputs = [
        fixture.payload,
        JSON.stringify(fixture.payload),
        new URLSearchParams(stringFields(fixture.payload)).toString(),
        new URLSearchParams(stringFields(fixture.payload)),
      ];
      for (const input of inputs) {
        const event = parseDeliveryReport(input);
        expect(comparable(event, fixture.expected)).toEqual(fixture.expected);
      }
    });
  }

  it('keeps the raw payload as received', () => {
    const payload = { msgId: 7, status: 'delivered', extra: { nested: true } };
    expect(parseDeliveryReport(payload).raw).toBe(payload);
    expect(parseDeliveryReport('msgId=7&status=delivered&x=1').raw).toEqual({
      msgId: '7',
      status: 'delivered',
      x: '1',
    });
  });
});

describe('field-name variants', () => {
  const ids = ['msgId', 'messageId', 'message_id'];
  const phones = ['phone', 'phoneNumber', 'phone_number', 'number', 'msisdn'];
  const statuses = ['status', 'statut'];
  for (const id of ids) {
    for (const phone of phones) {
      for (const status of statuses) {
        it(`${id} / ${phone} / ${status}`, () => {
          const event = parseDeliveryReport({
            [id]: 'abc',
            [phone]: '+33611223344',
            [status]: 'waiting',
          });
          expect([event.messageId, event.phoneNumber, event.status]).toEqual([
            'abc',
            '+33611223344',
            'waiting',
          ]);
        });
      }
    }
  }

  it('prefers msgId over messageId and status over statut when both are present', () => {
    const event = parseDeliveryReport({
      messageId: 'b',
      msgId: 'a',
      statut: 'ko',
      status: 'delivered',
    });
    expect([event.messageId, event.status]).toEqual(['a', 'delivered']);
  });

  it('skips blank and null fields in favour of the next name', () => {
    const event = parseDeliveryReport({
      msgId: '  ',
      messageId: null,
      message_id: 'c',
      status: 'ko',
    });
    expect(event.messageId).toBe('c');
  });
});

describe('normalizeDeliveryStatus', () => {
  const table: [string, string][] = [
    ['delivered', 'delivered'],
    ['Delivered', 'delivered'],
    ['DELIVERED', 'delivered'],
    ['DELIVRD', 'delivered'],
    ['not delivered', 'not_delivered'],
    ['Not delivered', 'not_delivered'],
    ['NOT_DELIVERED', 'not_delivered'],
    ['not-delivered', 'not_delivered'],
    ['  not   delivered ', 'not_delivered'],
    ['UNDELIV', 'not_delivered'],
    ['EXPIRED', 'not_delivered'],
    ['REJECTD', 'not_delivered'],
    ['waiting', 'waiting'],
    ['Waiting', 'waiting'],
    ['PENDING', 'waiting'],
    ['ACCEPTD', 'waiting'],
    ['ENROUTE', 'waiting'],
    ['Sent', 'waiting'],
    ['ko', 'ko'],
    ['KO', 'ko'],
    ['UNKNOWN', 'unknown'],
    ['toString', 'unknown'],
    ['__proto__', 'unknown'],
    ['something new', 'unknown'],
  ];
  for (const [raw, expected] of table) {
    it(`${JSON.stringify(raw)} → ${expected}`, () => {
      expect(normalizeDeliveryStatus(raw)).toBe(expected);
    });
  }

  it('lets a status map add and override words', () => {
    expect(normalizeDeliveryStatus('BUFFERED', { buffered: 'waiting' })).toBe('waiting');
    expect(normalizeDeliveryStatus('Sent', { SENT: 'delivered' })).toBe('delivered');
    expect(
      parseDeliveryReport({ msgId: 1, status: 'FAILED' }, { statusMap: { failed: 'ko' } }).status,
    ).toBe('ko');
  });

  it('keeps the raw status and maps unknown words to unknown', () => {
    const event = parseDeliveryReport({ msgId: 1, status: ' Queued ' });
    expect([event.status, event.rawStatus]).toEqual(['unknown', 'Queued']);
  });
});

describe('dates', () => {
  const at = (date: unknown) =>
    parseDeliveryReport({ msgId: 1, status: 'delivered', date }).date?.toISOString();
  it('reads epoch seconds as a number or a string, and milliseconds', () => {
    expect(at(1764768485)).toBe('2025-12-03T13:28:05.000Z');
    expect(at('1764768485')).toBe('2025-12-03T13:28:05.000Z');
    expect(at(1764768485123)).toBe('2025-12-03T13:28:05.123Z');
  });
  it('reads wall-clock strings as Paris time, and ISO strings with their zone', () => {
    expect(at('2025-07-14 22:00:00')).toBe('2025-07-14T20:00:00.000Z');
    expect(at('2025-12-25T00:00:00')).toBe('2025-12-24T23:00:00.000Z');
    expect(at('2025-12-25T00:00:00Z')).toBe('2025-12-25T00:00:00.000Z');
    expect(at('2025-12-25T00:00:00-05:00')).toBe('2025-12-25T05:00:00.000Z');
  });
  it('treats 0, impossible and unparseable dates as absent unless strict', () => {
    for (const bad of [
      0,
      '0',
      '0000-00-00 00:00:00',
      '2025-02-30 10:00:00',
      '2025-13-01',
      'yesterday',
      -5,
      true,
    ]) {
      expect(at(bad)).toBeUndefined();
      expect(() =>
        parseDeliveryReport({ msgId: 1, status: 'ok', date: bad }, { strict: true }),
      ).toThrow(WebhookError);
    }
  });
});

describe('cost and other optional fields', () => {
  it('keeps cost as a decimal string, accepting a French comma', () => {
    expect(parseDeliveryReport({ msgId: 1, status: 'ko', cost: '0,049' }).cost).toBe('0.049');
    expect(parseDeliveryReport({ msgId: 1, status: 'ko', cost: 'free' }).cost).toBeUndefined();
    // Found by the handler fuzz test: numbers in exponent form are not prices.
    for (const cost of [3.8e281, 1e-7, Number.NaN]) {
      expect(parseDeliveryReport({ msgId: 1, status: 'ko', cost }).cost).toBeUndefined();
    }
  });
  it('ignores unusable optional fields but keeps them in raw', () => {
    const event = parseDeliveryReport({
      msgId: 1,
      status: 'ko',
      phone: 'not a phone',
      tag: { a: 1 },
    });
    expect([event.phoneNumber, event.tag]).toEqual([undefined, undefined]);
    expect(event.raw.phone).toBe('not a phone');
  });
});

describe('refusals', () => {
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof WebhookError
        ? `${error.reason}:${error.status}:${error.field ?? ''}`
        : 'other';
    }
    return 'none';
  };
  it('requires an id and a status', () => {
    expect(codeOf(() => parseDeliveryReport({ status: 'delivered' }))).toBe(
      'invalid_payload:400:msgId',
    );
    expect(codeOf(() => parseDeliveryReport({ msgId: '1' }))).toBe('invalid_payload:400:status');
    expect(codeOf(() => parseDeliveryReport({ msgId: '1', status: '   ' }))).toBe(
      'invalid_payload:400:status',
    );
    expect(codeOf(() => parseDeliveryReport({ msgId: {}, status: 'ko' }))).toBe(
      'invalid_payload:400:msgId',
    );
  });
  it('refuses non-objects and bad JSON with malformed_body', () => {
    for (const input of ['', '[1]', '{"msgId":', 'null'] as const) {
      expect(codeOf(() => parseDeliveryReport(input))).toMatch(
        /^(malformed_body|invalid_payload):400/,
      );
    }
    expect(codeOf(() => parseDeliveryReport(null as never))).toBe('malformed_body:400:');
    expect(codeOf(() => parseDeliveryReport([] as never))).toBe('malformed_body:400:');
  });
  it('never puts a payload value in the error message', () => {
    try {
      parseDeliveryReport(
        { msgId: 'SECRET-VALUE', status: 'ok', date: 'SECRET-DATE' },
        { strict: true },
      );
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('SECRET');
    }
  });
});

describe('hostile input (property)', () => {
  it('returns an event or throws a WebhookError, nothing else', PROPERTY_LIMIT, () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.object(),
      fc.array(fc.string()),
    );
    const key = fc.oneof(
      fc.constantFrom('msgId', 'status', 'statut', 'phone', 'date', 'cost', '__proto__'),
      fc.string(),
    );
    const input = fc.oneof(
      fc.string(),
      fc.dictionary(key, value),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(input, fc.boolean(), (payload, strict) => {
        try {
          const event = parseDeliveryReport(payload as never, { strict });
          expect(typeof event.messageId).toBe('string');
          expect(event.messageId.length).toBeGreaterThan(0);
          expect(['delivered', 'not_delivered', 'waiting', 'ko', 'unknown']).toContain(
            event.status,
          );
          if (event.date) expect(Number.isNaN(event.date.getTime())).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookError);
          expect((error as WebhookError).status).toBe(400);
        }
      }),
      { numRuns },
    );
  });
});
