/**
 * The boundary table of graphemes.ts against the segmenters it stands for: Intl.Segmenter
 * (current Unicode) and grapheme-splitter 1.0.4 (the reference calculator's, Unicode 10).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { message } from '../../../test/fixtures/message/arbitraries.js';
import {
  intlBoundaries,
  outsideReferenceDomain,
  referenceBoundaries,
} from '../../../test/fixtures/message/reference-domain.js';
import { splitMessage } from '../index.js';
import { forceFallback } from './graphemes.js';
import { certainBreak, legacyBreak } from './graphemes-legacy.js';
import { insidePair } from './unicode.js';

const slow = { timeout: 600_000 };

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
/** Lone surrogates are Controls in UAX #29 but U+FFFD for ICU: positions next to one are skipped. */
function nextToLoneSurrogate(text: string, p: number): boolean {
  const x = text.charCodeAt(p - 1);
  const y = text.charCodeAt(p);
  const pair = (h: number, l: number) => h >= 0xd800 && h <= 0xdbff && l >= 0xdc00 && l <= 0xdfff;
  const loneAt = (i: number) => {
    const c = text.charCodeAt(i);
    if (!isSurrogate(c)) return false;
    return !(pair(c, text.charCodeAt(i + 1)) || pair(text.charCodeAt(i - 1), c));
  };
  return (isSurrogate(x) && loneAt(p - 1)) || (isSurrogate(y) && loneAt(p));
}

describe('certain breaks, current Unicode', () => {
  it('are Intl.Segmenter breaks, for every BMP code point after and before a letter', slow, () => {
    let decided = 0;
    for (let c = 0; c < 0x10000; c++) {
      if (isSurrogate(c)) continue;
      const ch = String.fromCharCode(c);
      for (const text of [`a${ch}`, `${ch}a`]) {
        if (!certainBreak(text, 1, false)) continue;
        decided++;
        expect([c.toString(16), intlBoundaries(text).has(1)]).toEqual([c.toString(16), true]);
      }
    }
    // The table decides most of them (Latin, emoji, controls...), Intl.Segmenter the rest.
    expect(decided).toBeGreaterThan(60_000);
  });

  it('are Intl.Segmenter breaks around emoji, ZWJ, modifiers and flags', () => {
    for (let c = 0x1f000; c < 0x1fb00; c++) {
      const e = String.fromCodePoint(c);
      for (const text of [
        `😀\u200d${e}`,
        `a\u200d${e}`,
        `👍${e}`,
        `🇫${e}`,
        `${e}🏽`,
        `${e}\ufe0f\u200d❤`,
      ]) {
        const b = intlBoundaries(text);
        for (let p = 1; p < text.length; p++) {
          if (insidePair(text, p)) continue;
          if (certainBreak(text, p, false)) expect([text, p, b.has(p)]).toEqual([text, p, true]);
        }
      }
    }
  });

  it('are Intl.Segmenter breaks on any message', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        const b = intlBoundaries(text);
        for (let p = 1; p < text.length; p++) {
          if (nextToLoneSurrogate(text, p) || insidePair(text, p)) continue;
          if (certainBreak(text, p, false)) expect([p, b.has(p)]).toEqual([p, true]);
        }
      }),
      { numRuns },
    );
  });
});

describe('Unicode 10 rules of the reference', () => {
  it('give exactly the boundaries of grapheme-splitter', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        fc.pre(!outsideReferenceDomain(text));
        const b = referenceBoundaries(text);
        for (let p = 1; p < text.length; p++) {
          if (insidePair(text, p)) continue;
          expect([p, legacyBreak(text, p)]).toEqual([p, b.has(p)]);
        }
      }),
      { numRuns },
    );
  });

  it('split what Unicode 10 did not join, as the reference does', () => {
    expect(legacyBreak('a🏻', 1)).toBe(true);
    expect(legacyBreak('👍🏻', 2)).toBe(false);
    expect(legacyBreak('🐈\u200d⬛', 3)).toBe(true);
    expect(legacyBreak('a\u200d👨', 2)).toBe(false);
    expect(legacyBreak('क्ष', 2)).toBe(true);
    // Quirks of grapheme-splitter 1.0.4, reproduced: after a flag and one more character, and
    // a modifier after an Extend earlier in the cluster.
    expect(legacyBreak('🇫🇷\u0301\u0301', 5)).toBe(true);
    expect(legacyBreak('👩\u200d❤\ufe0f\u200d👨🏻', 8)).toBe(true);
    for (const [text, p] of [
      ['a🏻', 1],
      ['🐈\u200d⬛', 3],
      ['क्ष', 2],
      ['🇫🇷\u0301\u0301', 5],
    ] as const) {
      expect(intlBoundaries(text).has(p)).toBe(false);
    }
  });
});

describe('fallback without Intl.Segmenter', () => {
  afterEach(() => {
    forceFallback.value = false;
  });

  it('splits like Intl.Segmenter where Unicode 10 and today agree', slow, () => {
    // Indic letters (GB9c), ZWJ and skin-tone modifiers: where Unicode 10 and today differ.
    const post2017 = /[\u0900-\u0dff]|\u200d|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/u;
    fc.assert(
      fc.property(message, fc.boolean(), (text, unicode) => {
        fc.pre(!post2017.test(text) && !outsideReferenceDomain(text));
        const options = unicode ? { isUnicode: true } : { encoding: 'ucs2' as const };
        forceFallback.value = false;
        const withIntl = splitMessage(text, options);
        forceFallback.value = true;
        const without = splitMessage(text, options);
        forceFallback.value = false;
        expect(without).toEqual(withIntl);
      }),
      { numRuns },
    );
  });
});
