/**
 * Differential tests: generic `encoding: 'auto'` mode against the reference calculators.
 *
 * - Twilio's `sms-segments-calculator` 1.3.0 (the primary anchor): encoding, units and segments
 *   must be equal on any input, with two documented exceptions where the reference is provably
 *   wrong or outdated, excluded from the generators below:
 *   1. a grapheme cluster of more than 32 UTF-16 units: the reference moves whole clusters
 *      without re-checking the receiving segment, so a part can exceed 67 units (see the
 *      "pathological" test, which shows a segment over the 1120-bit limit);
 *   2. characters whose grapheme-break property changed after Unicode 10 (combining marks
 *      assigned later, such as U+1AC1): the reference segments with grapheme-splitter 1.0.4
 *      (Unicode 10 data), which sees them as ordinary letters. Emoji rules of Unicode 10 are
 *      reproduced (modifier placement, ZWJ glue), so post-2017 emoji stay in the generators.
 * - `split-sms` 0.1.7 where it is correct: GSM-7 texts (it never splits an escape pair), and
 *   UCS-2 texts whose grapheme clusters are single code points (it ignores clusters otherwise).
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import {
  ACCENTED,
  GSM_BASIC,
  gsmMessage,
  message,
} from '../../test/fixtures/message/arbitraries.js';
import { outsideReferenceDomain } from '../../test/fixtures/message/reference-domain.js';
import splitSmsVectors from '../../test/fixtures/message/split-sms-gsm.json' with { type: 'json' };
import twilioVectors from '../../test/fixtures/message/twilio-vectors.json' with { type: 'json' };
import { analyzeMessage, isGsm7Char, splitMessage } from './index.js';

interface SplitSmsResult {
  characterSet: 'GSM' | 'Unicode';
  parts: { content: string; length: number; bytes: number }[];
  bytes: number;
}
const splitSms = createRequire(import.meta.url)('split-sms') as {
  split(message: string): SplitSmsResult;
};

/** The reference calculators are slow (about 140,000 characters a second): give them time. */
const slow = { timeout: 600_000 };

function reference(text: string, encoding: 'auto' | 'GSM-7' | 'UCS-2' = 'auto') {
  const m = new SegmentedMessage(text, encoding);
  const gsm = m.encodingName === 'GSM-7';
  return {
    encoding: gsm ? 'gsm7' : 'ucs2',
    units: m.messageSize / (gsm ? 7 : 16),
    segments: m.segmentsCount,
  };
}

function ours(text: string, encoding: 'auto' | 'gsm7' | 'ucs2' = 'auto') {
  const a = analyzeMessage(text, { encoding });
  return { encoding: a.encoding, units: a.units, segments: a.segments };
}

describe('auto mode equals sms-segments-calculator 1.3.0', () => {
  it('on encoding, units and segments, for any message', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        fc.pre(!outsideReferenceDomain(text));
        expect(ours(text)).toEqual(reference(text));
      }),
      { numRuns },
    );
  });

  it('with the encoding forced to UCS-2', slow, () => {
    fc.assert(
      fc.property(message, (text) => {
        fc.pre(!outsideReferenceDomain(text));
        expect(ours(text, 'ucs2')).toEqual(reference(text, 'UCS-2'));
      }),
      { numRuns },
    );
  });

  it('on GSM-7 texts up to 1600 characters, also with GSM-7 forced', slow, () => {
    fc.assert(
      fc.property(gsmMessage, (text) => {
        const ref = reference(text);
        expect(ours(text)).toEqual(ref);
        expect(ours(text, 'gsm7')).toEqual(ref);
      }),
      { numRuns },
    );
  });

  it.each(twilioVectors.cases)('on its own test vector: $description', (c) => {
    const a = analyzeMessage(c.body, { encoding: 'auto' });
    expect(a.encoding).toBe(c.encoding === 'GSM-7' ? 'gsm7' : 'ucs2');
    expect(a.segments).toBe(c.segments);
    if (c.messageSizeBits !== undefined) {
      expect(a.units).toBe(c.messageSizeBits / (c.encoding === 'GSM-7' ? 7 : 16));
    }
  });

  it('differs, on purpose, for a cluster longer than a segment: the reference overflows one', () => {
    const text = `a${'\u0301'.repeat(80)}${'b'.repeat(10)}`;
    const ref = new SegmentedMessage(text);
    // The reference puts the 81-unit cluster whole into one segment: 1296 + 48 > 1120 bits.
    expect(ref.segments.some((s) => s.sizeInBits() > 1120)).toBe(true);
    const parts = splitMessage(text, { encoding: 'auto' });
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(67);
    expect(analyzeMessage(text, { encoding: 'auto' }).segments).toBe(parts.length);
  });
});

describe('auto mode equals split-sms 0.1.7 where split-sms is correct', () => {
  // Its two vectors of non-GSM text force GSM-7 (characters become spaces): not comparable.
  const gsmOnly = splitSmsVectors.cases.filter((c) => [...c.message].every((ch) => isGsm7Char(ch)));

  it.each(gsmOnly)('on its GSM-7 vector: $description', (c) => {
    const parts = splitMessage(c.message, { encoding: 'auto' });
    expect(parts).toEqual(c.parts.map((p) => p.content));
    expect(analyzeMessage(c.message, { encoding: 'auto' }).units).toBe(c.totalBytes);
  });

  it('splits GSM-7 texts at the same places', slow, () => {
    fc.assert(
      fc.property(gsmMessage, (text) => {
        const r = splitSms.split(text);
        expect(r.characterSet).toBe('GSM');
        expect(splitMessage(text, { encoding: 'auto' })).toEqual(r.parts.map((p) => p.content));
        expect(analyzeMessage(text, { encoding: 'auto' }).units).toBe(r.bytes);
      }),
      { numRuns },
    );
  });

  it('splits UCS-2 texts of one-code-point clusters at the same places', slow, () => {
    const single = fc.constantFrom(
      ...GSM_BASIC.filter((c) => c !== '\r' && c !== '\n'),
      ...ACCENTED.filter((c) => c.length === 1),
      '😀',
      '🎉',
      '中',
      'ж',
      '€',
    );
    const text = fc
      .tuple(fc.constantFrom('ê', '😀'), fc.array(single, { maxLength: 300 }))
      .map(([first, rest]) => first + rest.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const r = splitSms.split(t);
        expect(r.characterSet).toBe('Unicode');
        expect(splitMessage(t, { encoding: 'auto' })).toEqual(r.parts.map((p) => p.content));
      }),
      { numRuns },
    );
  });
});
