import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { namePositional, parseXml, XmlSyntaxError } from './xml.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine; the limit only stops a hung
// run (nothing here is timed).
vi.setConfig({ testTimeout: 180_000 });

describe('parseXml', () => {
  // The shape of the credits example on docpartner.dev: positional top-level entries, named
  // elements inside (facts of the format, re-typed here).
  it('reads positional entries and named children', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<result>
  <entry>true</entry>
  <entry>200</entry>
  <entry><username><![CDATA[exemple@email.com]]></username><firstname>John</firstname></entry>
  <entry><creditSms>269082</creditSms><solde><![CDATA[10225.119]]></solde></entry>
</result>`;
    const value = parseXml(xml);
    expect(value).toEqual([
      'true',
      '200',
      { username: 'exemple@email.com', firstname: 'John' },
      { creditSms: '269082', solde: '10225.119' },
    ]);
    expect(namePositional(value, ['success', 'code', 'user', 'credits'])).toEqual({
      success: 'true',
      code: '200',
      user: { username: 'exemple@email.com', firstname: 'John' },
      credits: { creditSms: '269082', solde: '10225.119' },
    });
  });

  it('reads nested lists of entries, entities, comments, empty and self-closing elements', () => {
    const xml =
      '<result><!-- c --><entry><entry><phoneNumber>+33600000000</phoneNumber></entry>' +
      '<entry><phoneNumber>+33600000001</phoneNumber></entry></entry><entry/><entry>a &amp; b &#233; &#x20AC;</entry></result>';
    expect(parseXml(xml)).toEqual([
      [{ phoneNumber: '+33600000000' }, { phoneNumber: '+33600000001' }],
      '',
      'a & b é €',
    ]);
  });

  it('uses key attributes and groups repeated names', () => {
    expect(parseXml('<r><entry key="a">1</entry><entry key="b">2</entry></r>')).toEqual({
      a: '1',
      b: '2',
    });
    expect(parseXml('<r><n>1</n><n>2</n><n>3</n></r>')).toEqual({ n: ['1', '2', '3'] });
  });

  it('keeps extra positional values under their index', () => {
    expect(namePositional(['true', '200', 'x'], ['success', 'code'])).toEqual({
      success: 'true',
      code: '200',
      2: 'x',
    });
  });

  it.each([
    ['<result><entry>true</entry><entry>20', 'truncated'],
    ['<result><entry>1</result>', 'mismatched'],
    ['<a></a><b></b>', 'two roots'],
    ['<result><![CDATA[x</result>', 'open CDATA'],
  ])('throws XmlSyntaxError on %j (%s)', (xml) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
  });

  it('round-trips any list of strings written as CDATA entries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.trim() !== '')),
        (values) => {
          const xml = `<result>${values
            .map(
              (value) => `<entry><![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]></entry>`,
            )
            .join('')}</result>`;
          const parsed = parseXml(xml);
          expect(values.length === 0 ? [] : parsed).toEqual(values.length === 0 ? [] : values);
        },
      ),
      { numRuns },
    );
  });

  it('never throws anything but XmlSyntaxError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseXml(text);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlSyntaxError);
        }
      }),
      { numRuns },
    );
  });
});
