import { describe, expect, it } from 'vitest';
import {
  comparable,
  inboundMessageCases,
  stringFields,
} from '../../test/fixtures/webhooks/index.js';
import { WebhookError } from './errors.js';
import { parseInboundMessage } from './inbound-message.js';

describe('parseInboundMessage on the fixtures', () => {
  for (const fixture of inboundMessageCases) {
    it(`${fixture.name}: object, JSON text and form text agree`, () => {
      for (const input of [
        fixture.payload,
        JSON.stringify(fixture.payload),
        new URLSearchParams(stringFields(fixture.payload)).toString(),
      ]) {
        const event = parseInboundMessage(input);
        expect(comparable(event, fixture.expected)).toEqual(fixture.expected);
        expect(event.concat).toBeUndefined();
      }
    });
  }
});

describe('concatenated parts', () => {
  const part = {
    msisdn: '33600000000',
    to: '33700000000',
    messageId: 'p2',
    text: 'lo',
    concat: 'true',
    'concat-ref': '42',
    'concat-total': '3',
    'concat-part': '2',
  };
  it('reads the concat fields as numbers', () => {
    expect(parseInboundMessage(part).concat).toEqual({ ref: '42', total: 3, part: 2 });
  });
  it('accepts underscore and camelCase spellings, booleans and numbers', () => {
    const event = parseInboundMessage({
      msisdn: 33600000000,
      messageId: 'x',
      text: 'a',
      concat: true,
      concat_ref: 7,
      concatTotal: 2,
      concat_part: 1,
    });
    expect(event.concat).toEqual({ ref: '7', total: 2, part: 1 });
    expect(event.from).toBe('33600000000');
  });
  it('refuses inconsistent part numbers and missing concat fields', () => {
    for (const broken of [
      { 'concat-part': '4' },
      { 'concat-part': '0' },
      { 'concat-total': '0' },
      { 'concat-total': '256', 'concat-part': '1' },
      { 'concat-total': 'three' },
      { 'concat-ref': '' },
    ]) {
      expect(() => parseInboundMessage({ ...part, ...broken })).toThrow(WebhookError);
    }
  });
  it('a part without concat flag but with concat-ref is still a part', () => {
    const { concat: _ignored, ...withoutFlag } = part;
    expect(parseInboundMessage(withoutFlag).concat?.part).toBe(2);
  });
  it('concat "false" without a ref is a single message', () => {
    expect(
      parseInboundMessage({ msisdn: '336', messageId: 'm', text: 't', concat: 'false' }).concat,
    ).toBeUndefined();
  });
});

describe('other fields', () => {
  it('flags STOP texts but stays an inbound message', () => {
    const event = parseInboundMessage({ msisdn: '33600000000', messageId: 'm', text: 'Stop' });
    expect([event.type, event.isStopKeyword]).toEqual(['inbound_message', true]);
  });
  it('keeps text exactly, including spaces and an empty text', () => {
    expect(parseInboundMessage({ msisdn: '336', messageId: 'm', text: '  a  ' }).text).toBe(
      '  a  ',
    );
    expect(parseInboundMessage({ msisdn: '336', messageId: 'm' }).text).toBe('');
  });
  it('requires msisdn and messageId', () => {
    expect(() => parseInboundMessage({ messageId: 'm', text: 'x' })).toThrow(/msisdn/);
    expect(() => parseInboundMessage({ msisdn: '336', text: 'x' })).toThrow(/messageId/);
  });
});
