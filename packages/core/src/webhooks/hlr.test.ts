import { describe, expect, it } from 'vitest';
import { comparable, hlrResultCases, stringFields } from '../../test/fixtures/webhooks/index.js';
import { WebhookError } from './errors.js';
import { parseHlrResult } from './hlr.js';

describe('parseHlrResult on the fixtures', () => {
  for (const fixture of hlrResultCases) {
    it(`${fixture.name}: object, JSON text and form text agree`, () => {
      for (const input of [
        fixture.payload,
        JSON.stringify(fixture.payload),
        new URLSearchParams(stringFields(fixture.payload)).toString(),
      ]) {
        expect(comparable(parseHlrResult(input), fixture.expected)).toEqual(fixture.expected);
      }
    });
  }
});

describe('HLR fields', () => {
  it('reads ported from every boolean spelling', () => {
    const ported = (value: unknown) =>
      parseHlrResult({ phone: '+33600000000', ported: value }).ported;
    expect([true, 1, '1', 'true', 'yes'].map(ported)).toEqual([true, true, true, true, true]);
    expect([false, 0, '0', 'false', 'no'].map(ported)).toEqual([false, false, false, false, false]);
    expect(ported('maybe')).toBeUndefined();
  });
  it('keeps mccMnc leading zeros and reads a numeric one', () => {
    expect(parseHlrResult({ phone: '+33600000000', mccMnc: '00101' }).mccMnc).toBe('00101');
    expect(parseHlrResult({ phone: '+33600000000', mccMnc: 20815 }).mccMnc).toBe('20815');
  });
  it('requires the number', () => {
    expect(() => parseHlrResult({ mccMnc: '20815' })).toThrow(WebhookError);
  });
});
