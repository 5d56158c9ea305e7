/**
 * Properties of the emulator's input decoding and output encoding, over open-ended inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../core/test/fc.js';
import { decodeBody, escapeStrayQuotes, missingClosers } from '../src/internal/body.js';
import { milliString } from '../src/internal/money.js';
import { parsePhone } from '../src/internal/phone.js';
import { toXml } from '../src/internal/xml.js';

const jsonObject = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
  { maxKeys: 6 },
);

describe('decodeBody', () => {
  it('never throws, whatever the bytes and content type', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.option(fc.string({ maxLength: 40 })),
        (raw, type) => {
          decodeBody(raw, type ?? undefined);
        },
      ),
      { numRuns },
    );
  });

  it('reads any JSON object the same under any content type, or none', () => {
    const types = fc.constantFrom(
      undefined,
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
    );
    fc.assert(
      fc.property(jsonObject, types, (value, type) => {
        const decoded = decodeBody(JSON.stringify(value), type);
        expect(decoded).toEqual({ kind: 'json', value: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns },
    );
  });

  it('recognises a raw double quote inside the message as the documented HTTP 400 case', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9 ,.!?éàç:]{1,20}$/);
    fc.assert(
      fc.property(word, word, (before, after) => {
        fc.pre(!before.endsWith(' ') || after.length > 0);
        const body = `{"apiKey":"k","phoneNumbers":"0600000000","message":"${before}"${after}"}`;
        fc.pre(!/^\s*[,:}\]]/.test(after));
        expect(decodeBody(body, 'application/json').kind).toBe('unescaped-quote');
      }),
      { numRuns },
    );
  });

  it('leaves valid JSON unchanged when looking for stray quotes', () => {
    fc.assert(
      fc.property(jsonObject, (value) => {
        const text = JSON.stringify(value);
        expect(escapeStrayQuotes(text)).toBe(text);
      }),
      { numRuns },
    );
  });
});

describe('missingClosers', () => {
  it('finds exactly the closing brackets cut from the end of any JSON object', () => {
    fc.assert(
      fc.property(jsonObject, fc.nat(), (value, cutSeed) => {
        const text = JSON.stringify(value);
        const closers = /[}\]]*$/.exec(text)?.[0] ?? '';
        const cut = 1 + (cutSeed % closers.length);
        const prefix = text.slice(0, text.length - cut);
        expect(missingClosers(prefix)).toBe(text.slice(prefix.length));
      }),
      { numRuns },
    );
  });

  it('closes an open string first, and refuses what is not a cut-short JSON prefix', () => {
    expect(missingClosers('{"message":"Ceci est votre message')).toBe('"}');
    expect(missingClosers('{"a":[1,{"b":"c"')).toBe('}]}');
    expect(missingClosers('{"a":1}')).toBeUndefined();
    expect(missingClosers('{"a":1]')).toBeUndefined();
  });
});

/** Reads back the top-level string entries of `toXml` output, joining split CDATA sections. */
function readEntries(xml: string): string[] {
  const body = xml.slice(xml.indexOf('<result>') + 8, xml.lastIndexOf('</result>'));
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    expect(body.startsWith('<entry><![CDATA[', i)).toBe(true);
    i += 16;
    let text = '';
    for (;;) {
      const end = body.indexOf(']]>', i);
      text += body.slice(i, end);
      i = end + 3;
      if (body.startsWith('<![CDATA[', i)) {
        i += 9;
        continue;
      }
      expect(body.startsWith('</entry>', i)).toBe(true);
      i += 8;
      break;
    }
    out.push(text);
  }
  return out;
}

describe('toXml', () => {
  it('writes one top-level <entry> per key, in order, each string intact in CDATA', () => {
    const dict = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.string({ maxLength: 30 }),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(dict, (value) => {
        const xml = toXml(value);
        expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<result>')).toBe(true);
        expect(readEntries(xml)).toEqual(Object.values(value));
      }),
      { numRuns },
    );
  });

  it('splits "]]>" so that a CDATA section never ends early', () => {
    expect(readEntries(toXml({ a: 'x]]>y' }))).toEqual(['x]]>y']);
  });
});

describe('numbers', () => {
  it('reads every French mobile number in national, international and 00 forms as the same number', () => {
    fc.assert(
      fc.property(fc.constantFrom('6', '7'), fc.stringMatching(/^\d{8}$/), (first, rest) => {
        const international = `+33${first}${rest}`;
        for (const form of [
          `0${first}${rest}`,
          international,
          `0033${first}${rest}`,
          `0${first} ${rest.slice(0, 2)} ${rest.slice(2)}`,
        ]) {
          expect(parsePhone(form, false)?.international).toBe(international);
        }
      }),
      { numRuns },
    );
  });

  it('writes milli-euros as a three-decimal string that reads back to the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (milli) => {
        const text = milliString(milli);
        expect(text).toMatch(/^-?\d+\.\d{3}$/);
        expect(Math.round(Number(text) * 1000)).toBe(milli);
      }),
      { numRuns },
    );
  });
});
