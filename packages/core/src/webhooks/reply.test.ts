import { describe, expect, it } from 'vitest';
import { comparable, replyCases, stringFields } from '../../test/fixtures/webhooks/index.js';
import { WebhookError } from './errors.js';
import { parseReply } from './reply.js';
import { isStopKeyword, normalizeKeyword } from './stop-keywords.js';

describe('parseReply on the fixtures', () => {
  for (const fixture of replyCases) {
    it(`${fixture.name}: object, JSON text and form text agree`, () => {
      for (const input of [
        fixture.payload,
        JSON.stringify(fixture.payload),
        new URLSearchParams(stringFields(fixture.payload)).toString(),
      ]) {
        expect(comparable(parseReply(input), fixture.expected)).toEqual(fixture.expected);
      }
    });
  }
});

describe('STOP classification', () => {
  const base = { phone_number: '+33600000000', message_id: 5 };
  it('type stop wins whatever the text, and may lack text', () => {
    expect(parseReply({ ...base, type: 'stop', text: 'Merci' }).type).toBe('stop');
    expect(parseReply({ ...base, type: 'STOP' })).toMatchObject({
      type: 'stop',
      text: '',
      detectedBy: 'type',
    });
  });
  it('type response stays a reply even for a STOP text, flagged', () => {
    expect(parseReply({ ...base, type: 'response', text: 'stop' })).toMatchObject({
      type: 'reply',
      isStopKeyword: true,
    });
  });
  it('without type, STOP texts in any case and with punctuation are stops; sentences are not', () => {
    for (const text of ['STOP', 'stop', 'Stop', ' Stop! ', 'stop.', '«STOP»', 'Arrêt', 'ARRET']) {
      expect(parseReply({ ...base, text })).toMatchObject({ type: 'stop', detectedBy: 'text' });
    }
    for (const text of ['stop please', "don't stop", 'STOPPER', 'S T O P', '']) {
      expect(parseReply({ ...base, text }).type).toBe('reply');
    }
  });
  it('stopKeywords replaces the keyword list; [] turns text detection off', () => {
    expect(parseReply({ ...base, text: 'DESABONNER' }, { stopKeywords: ['DESABONNER'] }).type).toBe(
      'stop',
    );
    expect(parseReply({ ...base, text: 'STOP' }, { stopKeywords: [] }).type).toBe('reply');
  });
  it('an unknown type stays a reply with rawType kept', () => {
    expect(parseReply({ ...base, type: 'mo', text: 'x' })).toMatchObject({
      type: 'reply',
      rawType: 'mo',
    });
  });
});

describe('keyword helpers', () => {
  it('normalizeKeyword strips accents, case and edge punctuation only', () => {
    expect(normalizeKeyword(' Arrêt ! ')).toBe('ARRET');
    expect(normalizeKeyword('stop  sms')).toBe('STOP SMS');
    expect(normalizeKeyword('s.t.o.p')).toBe('S.T.O.P');
  });
  it('isStopKeyword ignores very long texts', () => {
    expect(isStopKeyword(`${' '.repeat(300)}STOP`)).toBe(false);
  });
});

describe('refusals', () => {
  it('requires the number, and the text of a reply', () => {
    expect(() => parseReply({ type: 'response', text: 'x' })).toThrow(WebhookError);
    expect(() => parseReply({ type: 'response', phone_number: '+33600000000' })).toThrow(
      /no text field/,
    );
    expect(() => parseReply({ type: 'response', phone_number: 'hello', text: 'x' })).toThrow(
      /phone number/,
    );
  });
  it('accepts the number under other names', () => {
    for (const name of ['phoneNumber', 'phone', 'number', 'from']) {
      expect(parseReply({ [name]: '+33600000000', text: 'ok' }).phoneNumber).toBe('+33600000000');
    }
  });
});
