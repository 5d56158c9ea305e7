import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import {
  ACCENTED,
  GSM_BASIC,
  GSM_EXTENSION,
  PUNCTUATION,
} from '../../test/fixtures/message/arbitraries.js';
import { analyzeMessage, isGsm7Char, transliterate } from './index.js';

const slow = { timeout: 600_000 };

describe('transliterate', () => {
  it('keeps a French message in GSM-7 and saves SMS', () => {
    const text = `Bonjour ! Votre commande n°42 est prête… Ça coûte 10 € – « à bientôt »${' '.repeat(30)}`;
    const r = transliterate(text);
    expect(r.text).toBe(
      `Bonjour ! Votre commande no42 est prete... Ça coute 10 € - " à bientot "${' '.repeat(30)}`,
    );
    expect(r.before).toEqual({ encoding: 'ucs2', segments: 2 });
    expect(r.after).toEqual({ encoding: 'gsm7', segments: 1 });
    expect(r.segmentsSaved).toBe(1);
    expect(r.remaining).toEqual([]);
  });

  it.each([
    ['ê â î ô û ë ï ÿ', 'e a i o u e i y'],
    ['Ê Â Î Ô Û Ë Ï Ÿ', 'E A I O U E I Y'],
    ['œuvre Œuvre', 'oeuvre OEuvre'],
    ['ç Ç', 'c Ç'],
    ['‘a’ “b” «c» ‹d›', `'a' "b" "c" 'd'`],
    ['a–b—c−d', 'a-b-c-d'],
    ['attends…', 'attends...'],
    ['a\u00a0:\u202f!', 'a : !'],
    ['in\u00advisible\u200b', 'invisible'],
    ['e\u0301te\u0301', 'été'],
    ['ﬁn', 'fin'],
  ])('%j → %j', (from, to) => {
    expect(transliterate(from).text).toBe(to);
  });

  it('keeps what GSM-7 already has and what it cannot spell', () => {
    expect(transliterate('éèàùìòÉÇÄÖÑÜäöñüß€[]').text).toBe('éèàùìòÉÇÄÖÑÜäöñüß€[]');
    const r = transliterate('Merci 😀 中');
    expect(r.text).toBe('Merci 😀 中');
    expect(r.remaining).toEqual(['😀', '中']);
    expect(r.segmentsSaved).toBe(0);
  });

  it('reports each replacement at its input index', () => {
    expect(transliterate('là-bas… ça').replacements).toEqual([
      { index: 6, from: '…', to: '...', reason: 'transliteration' },
      { index: 8, from: 'ç', to: 'c', reason: 'transliteration' },
    ]);
  });

  it('takes the cedilla choice and extra replacements', () => {
    expect(transliterate('ça', { cedilla: 'Ç' }).text).toBe('Ça');
    expect(transliterate('™ ✓', { extra: { '™': 'TM', '✓': 'ok' } }).text).toBe('TM ok');
  });

  it('turns any mix of French letters and punctuation into GSM-7, never adding SMS', slow, () => {
    const french = fc
      .array(fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION, ...ACCENTED, ...PUNCTUATION), {
        maxLength: 400,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(french, (text) => {
        const r = transliterate(text);
        expect([...r.text].every((ch) => isGsm7Char(ch))).toBe(true);
        expect(r.after.encoding).toBe('gsm7');
        expect(r.segmentsSaved).toBeGreaterThanOrEqual(0);
        expect(r.after.segments).toBe(analyzeMessage(r.text, { encoding: 'auto' }).segments);
      }),
      { numRuns },
    );
  });

  it('changes nothing in a GSM-7 text', slow, () => {
    const gsm = fc
      .array(fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION), { maxLength: 300 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(gsm, (text) => {
        const r = transliterate(text);
        expect(r.text).toBe(text);
        expect(r.replacements).toEqual([]);
      }),
      { numRuns },
    );
  });
});
