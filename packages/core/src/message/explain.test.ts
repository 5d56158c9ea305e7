import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { message } from '../../test/fixtures/message/arbitraries.js';
import { analyzeMessage, explainMessage, splitMessage, transliterate } from './index.js';

const slow = { timeout: 600_000 };

describe('explainMessage', () => {
  it('says which characters force UCS-2 and which cost two septets', () => {
    const { analysis, characters } = explainMessage('Prix: 5€ 😀 ê', { encoding: 'auto' });
    expect(analysis.encoding).toBe('ucs2');
    expect(characters.filter((c) => c.forcesUcs2).map((c) => c.text)).toEqual(['😀', 'ê']);
    expect(characters.find((c) => c.text === '😀')?.units).toBe(2);
    // In UCS-2 nothing costs two septets; in GSM-7 the € does.
    expect(characters.some((c) => c.extension)).toBe(false);
    const gsm = explainMessage('5€', { encoding: 'auto' }).characters;
    expect(gsm.map((c) => [c.text, c.units, c.extension])).toEqual([
      ['5', 1, false],
      ['€', 2, true],
    ]);
  });

  it('gives the part each character lands in', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`; // 164 septets: 2 parts
    const { characters } = explainMessage(text, { encoding: 'auto' });
    expect(characters[151]?.segment).toBe(0);
    expect(characters[152]).toMatchObject({ text: '€', segment: 1 });
    expect(characters[162]).toMatchObject({ text: 'b', segment: 1 });
  });

  it('shows what the platform does to each character in SMS Partner mode', () => {
    const { characters } = explainMessage('û\n😀^');
    expect(characters.map((c) => [c.text, c.delivered, c.units, c.replacedBy])).toEqual([
      ['û', 'u', 1, 'platform'],
      ['\n', '\r\n', 2, undefined],
      ['😀', '?', 1, 'unsupported'],
      ['^', '', 0, 'platform'],
    ]);
  });

  it('maps transliterated characters back to the input', () => {
    const { characters, analysis } = explainMessage('Fête… [ok]', { transliterate });
    expect(characters.map((c) => [c.text, c.delivered, c.replacedBy])).toEqual([
      ['F', 'F', undefined],
      ['ê', 'e', 'transliteration'],
      ['t', 't', undefined],
      ['e', 'e', undefined],
      ['…', '...', 'transliteration'],
      [' ', ' ', undefined],
      ['[', '(', 'platform'],
      ['o', 'o', undefined],
      ['k', 'k', undefined],
      [']', ')', 'platform'],
    ]);
    expect(analysis.deliveredText).toBe('Fete... (ok)');
  });

  it('keeps a grapheme whole and agrees with the analysis and the parts', slow, () => {
    fc.assert(
      fc.property(message, fc.boolean(), fc.boolean(), (text, generic, translit) => {
        const options = {
          ...(generic ? { encoding: 'auto' as const } : {}),
          ...(translit ? { transliterate } : {}),
        };
        const { analysis, characters } = explainMessage(text, options);
        expect(analysis).toEqual(analyzeMessage(text, options));
        expect(characters.map((c) => c.text).join('')).toBe(text);
        const stopUnits = analysis.stopMention.length;
        expect(characters.reduce((n, c) => n + c.units, 0) + stopUnits).toBe(analysis.units);
        const parts = splitMessage(text, options);
        let previous = 0;
        for (const c of characters) {
          expect(c.segment).toBeGreaterThanOrEqual(previous);
          expect(c.segment).toBeLessThan(parts.length);
          previous = c.segment;
        }
      }),
      { numRuns },
    );
  });
});
