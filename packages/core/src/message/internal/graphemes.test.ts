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
import { BREAK, breakAt, forceFallback, NO_BREAK, UNDECIDED } from './graphemes.js';

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

describe('breakAt, current Unicode', () => {
  it('agrees with Intl.Segmenter for every BMP code point after and before a letter', slow, () => {
    for (let c = 0; c < 0x10000; c++) {
      if (isSurrogate(c)) continue;
      const ch = String.fromCharCode(c);
      for (const [text, p] of [
        [`a${ch}`, 1],
        [`${ch}a`, 1],
      ] as const) {
        const d = breakAt(text, p, false);
        if (d === UNDECIDED) continue;
        expect([c.toString(16), d === BREAK]).toEqual([
          c.toString(16),
          intlBoundaries(text).has(p),
        ]);
      }
    }
  });

  it('agrees with Intl.Segmenter on emoji after a ZWJ, a modifier base and each other', () => {
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
          const d = breakAt(text, p, false);
          if (d !== UNDECIDED) expect([text, p, d === BREAK]).toEqual([text, p, b.has(p)]);
        }
      }
    }
  });

  it('agrees with Intl.Segmenter wherever it decides, on any message', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        const b = intlBoundaries(text);
        for (let p = 1; p < text.length; p++) {
          if (nextToLoneSurrogate(text, p)) continue;
          const d = breakAt(text, p, false);
          if (d !== UNDECIDED) expect(d === BREAK).toBe(b.has(p));
        }
      }),
      { numRuns },
    );
  });
});

describe('breakAt, Unicode 10 emoji rules of the reference', () => {
  it('agrees with grapheme-splitter wherever it decides', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        fc.pre(!outsideReferenceDomain(text));
        const b = referenceBoundaries(text);
        for (let p = 1; p < text.length; p++) {
          const d = breakAt(text, p, true);
          if (d !== UNDECIDED) expect([p, d === BREAK]).toEqual([p, b.has(p)]);
        }
      }),
      { numRuns },
    );
  });

  it('splits what Unicode 10 did not join, as the reference does', () => {
    expect(breakAt('a🏻', 1, true)).toBe(BREAK);
    expect(breakAt('a🏻', 1, false)).toBe(NO_BREAK);
    expect(breakAt('👍🏻', 2, true)).toBe(NO_BREAK);
    expect(breakAt('🐈\u200d⬛', 3, true)).toBe(BREAK);
    expect(breakAt('🐈\u200d⬛', 3, false)).toBe(NO_BREAK);
    expect(breakAt('a\u200d👨', 2, true)).toBe(NO_BREAK);
    expect(breakAt('a\u200d👨', 2, false)).toBe(BREAK);
  });
});

describe('fallback without Intl.Segmenter', () => {
  afterEach(() => {
    forceFallback.value = false;
  });

  it('splits like Intl.Segmenter outside Indic conjuncts', slow, () => {
    fc.assert(
      fc.property(message, fc.boolean(), (text, unicode) => {
        fc.pre(!/[\u0900-\u0dff]/.test(text));
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
