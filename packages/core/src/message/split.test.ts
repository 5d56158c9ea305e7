/**
 * Properties of splitting, in both modes: the parts join back, none exceeds its limit, their
 * number is the segment count, parts end on grapheme boundaries, and nothing throws.
 */
import fc from 'fast-check';
import GraphemeSplitter from 'grapheme-splitter';
import { describe, expect, it } from 'vitest';

/** Property tests run 10,000 times in CI: more than vitest's default 5 s. */
const slow = { timeout: 600_000 };

import { numRuns } from '../../test/fc.js';
import { codeUnits, message } from '../../test/fixtures/message/arbitraries.js';
import {
  type AnalyzeMessageOptions,
  analyzeMessage,
  explainMessage,
  fromWireText,
  splitMessage,
  toWireText,
  transliterate,
} from './index.js';

/** Septets of a GSM-7 string, counted independently of the implementation's tables. */
function septets(text: string): number {
  let n = 0;
  for (const ch of text) n += '\f^{}\\[~]|€'.includes(ch) ? 2 : 1;
  return n;
}

function unitsOf(text: string, encoding: 'gsm7' | 'ucs2'): number {
  return encoding === 'gsm7' ? septets(text) : text.length;
}

function limit(encoding: 'gsm7' | 'ucs2', parts: number): number {
  if (encoding === 'gsm7') return parts === 1 ? 160 : 153;
  return parts === 1 ? 70 : 67;
}

const splitter = new GraphemeSplitter();
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A lone surrogate is a Control (UAX #29: General_Category Cs), a cluster of its own; ICU reads
 * it as U+FFFD and may attach the next mark to it, so Intl's clusters are cut around them.
 */
function splitLoneSurrogates(cluster: string): string[] {
  return cluster
    .split(/((?<![\ud800-\udbff])[\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff]))/)
    .filter((x) => x !== '');
}

/** Cluster [start, end) ranges; CR LF counts as two clusters, as in the reference. */
function clusters(text: string, reference: boolean): [number, number][] {
  const out: [number, number][] = [];
  const pieces = reference
    ? splitter.splitGraphemes(text)
    : [...segmenter.segment(text)].flatMap((s) => splitLoneSurrogates(s.segment));
  let at = 0;
  for (const g of pieces) {
    if (g === '\r\n') {
      out.push([at, at + 1], [at + 1, at + 2]);
    } else {
      out.push([at, at + g.length]);
    }
    at += g.length;
  }
  return out;
}

function checkParts(
  parts: string[],
  whole: string,
  encoding: 'gsm7' | 'ucs2',
  segments: number,
  reference: boolean,
) {
  expect(parts.join('')).toBe(whole);
  expect(parts.length).toBe(segments);
  for (const p of parts)
    expect(unitsOf(p, encoding)).toBeLessThanOrEqual(limit(encoding, parts.length));
  // Every cut is a cluster boundary, or falls inside a cluster longer than a part (then on a
  // code point boundary).
  const ranges = clusters(whole, reference);
  let cut = 0;
  for (const p of parts.slice(0, -1)) {
    cut += p.length;
    const inside = ranges.find(([s, e]) => s < cut && cut < e);
    if (inside !== undefined) {
      expect(unitsOf(whole.slice(inside[0], inside[1]), encoding)).toBeGreaterThan(
        limit(encoding, parts.length),
      );
      const low = whole.charCodeAt(cut);
      const high = whole.charCodeAt(cut - 1);
      expect(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff).toBe(false);
    }
  }
}

const partnerOptions: fc.Arbitrary<AnalyzeMessageOptions> = fc.record(
  {
    isUnicode: fc.boolean(),
    isStopSms: fc.boolean(),
    stopMention: fc.constantFrom(' STOP 36111', '\nStop SMS 36xxx', ' STOP €'),
    range: fc.constantFrom('premium', 'lowcost'),
    unsupportedCharacters: fc.constantFrom('question-mark', 'remove', 'unicode'),
    euroAs: fc.constantFrom('€', 'EUR'),
    applyReplacements: fc.boolean(),
    transliterate: fc.constantFrom(undefined, transliterate),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<AnalyzeMessageOptions>;

describe('splitMessage in auto mode', () => {
  it('joins back to the input, respects the limits and the reference clusters', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        const a = analyzeMessage(text, { encoding: 'auto' });
        const parts = splitMessage(text, { encoding: 'auto' });
        checkParts(parts, text, a.encoding, a.segments, true);
        expect(a.units).toBe(unitsOf(text, a.encoding));
        expect(a.remaining).toBe(a.unitsPerSegment - unitsOf(parts.at(-1)!, a.encoding));
      }),
      { numRuns },
    );
  });

  it('holds for arbitrary UTF-16 code units, lone surrogates included', slow, () => {
    fc.assert(
      fc.property(codeUnits, (text) => {
        const a = analyzeMessage(text, { encoding: 'auto' });
        const parts = splitMessage(text, { encoding: 'auto' });
        expect(parts.join('')).toBe(text);
        expect(parts.length).toBe(a.segments);
        for (const p of parts) {
          expect(unitsOf(p, a.encoding)).toBeLessThanOrEqual(limit(a.encoding, parts.length));
        }
      }),
      { numRuns },
    );
  });
});

describe('splitMessage in SMS Partner mode', () => {
  it('joins back to the delivered text, respects the limits and Unicode clusters', slow, () => {
    fc.assert(
      fc.property(message, partnerOptions, (text, options) => {
        const a = analyzeMessage(text, options);
        const parts = splitMessage(text, options);
        checkParts(parts, a.deliveredText, a.encoding, a.segments, false);
        expect(a.units).toBe(unitsOf(a.deliveredText, a.encoding));
        if (a.encoding === 'gsm7') {
          expect(
            [...a.deliveredText].every(
              (ch) => analyzeMessage(ch, { encoding: 'auto' }).encoding === 'gsm7',
            ),
          ).toBe(true);
        }
      }),
      { numRuns },
    );
  });
});

describe('nothing throws on any string', () => {
  const anyText = fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 300 }), message);
  it('in any function, with any valid options', slow, () => {
    fc.assert(
      fc.property(anyText, partnerOptions, fc.boolean(), (text, options, generic) => {
        const o = generic ? { ...options, encoding: 'auto' as const } : options;
        analyzeMessage(text, o);
        splitMessage(text, o);
        explainMessage(text, o);
        transliterate(text);
        fromWireText(toWireText(text, { isUnicode: options.isUnicode ?? false }));
      }),
      { numRuns },
    );
  });
});
