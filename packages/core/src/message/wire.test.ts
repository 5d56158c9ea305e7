import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { SmsPartnerValidationError } from '../errors.js';
import { fromWireText, toWireText } from './index.js';

const slow = { timeout: 600_000 };

/**
 * What the platform does with the `message` field, as documented: `:br:` is a line break and
 * `:euro:` is €, read left to right.
 */
function platformExpand(wire: string): string {
  let out = '';
  for (let i = 0; i < wire.length; ) {
    if (wire.startsWith(':br:', i)) {
      out += '\n';
      i += 4;
    } else if (wire.startsWith(':euro:', i)) {
      out += '€';
      i += 6;
    } else {
      out += wire[i];
      i++;
    }
  }
  return out;
}

/** Texts dense in token material. */
const tokenish = fc
  .array(
    fc.constantFrom(
      ':',
      'b',
      'r',
      'e',
      'u',
      'o',
      '€',
      '\n',
      '\r',
      '\r\n',
      'x',
      ' ',
      ':br:',
      ':euro:',
    ),
    {
      maxLength: 40,
    },
  )
  .map((a) => a.join(''));

const normalizeBreaks = (t: string) => t.replace(/\r\n?/g, '\n');

describe('toWireText', () => {
  it('writes line breaks as :br: and € as :euro:', () => {
    expect(toWireText('Prix : 5 €\nMerci')).toBe('Prix : 5 :euro::br:Merci');
    expect(toWireText('a\r\nb\rc')).toBe('a:br:b:br:c');
    expect(toWireText('ça ê 😀')).toBe('ça ê 😀');
  });

  it('can apply the platform table or transliterate', () => {
    expect(toWireText('[ça]', { applyReplacements: true })).toBe('(Ça)');
    expect(toWireText('[ça]', { applyReplacements: true, isUnicode: true })).toBe('[ça]');
    expect(toWireText('ça – ê', { transliterate: true })).toBe('ca - e');
  });

  it(
    'never lets the platform expand what the user did not mean (Unicode: exact text)',
    slow,
    () => {
      fc.assert(
        fc.property(tokenish, (text) => {
          const delivered = platformExpand(toWireText(text, { isUnicode: true }));
          expect(delivered.replaceAll(':\u200b', ':')).toBe(normalizeBreaks(text));
        }),
        { numRuns },
      );
    },
  );

  it(
    'never lets the platform expand what the user did not mean (GSM-7: a visible space)',
    slow,
    () => {
      fc.assert(
        fc.property(tokenish, (text) => {
          fc.pre(!text.includes(': '));
          const delivered = platformExpand(toWireText(text));
          expect(delivered.replaceAll(': ', ':')).toBe(normalizeBreaks(text));
        }),
        { numRuns },
      );
    },
  );

  it('rejects a text that is not a string', () => {
    expect(() => toWireText(undefined as unknown as string)).toThrow(SmsPartnerValidationError);
    expect(() => fromWireText(1 as unknown as string)).toThrow(/wire: must be a string/);
  });
});

describe('fromWireText', () => {
  it('reads :br: and :euro: back', () => {
    expect(fromWireText('Prix : 5 :euro::br:Merci')).toBe('Prix : 5 €\nMerci');
    expect(fromWireText('a:br:b', { lineBreak: '\r\n' })).toBe('a\r\nb');
    expect(fromWireText(':br:br:')).toBe('\nbr:');
  });

  it('round-trips any text in Unicode mode (line breaks become \\n)', slow, () => {
    fc.assert(
      fc.property(fc.oneof(tokenish, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        fc.pre(!text.includes('\u200b'));
        expect(fromWireText(toWireText(text, { isUnicode: true }))).toBe(normalizeBreaks(text));
      }),
      { numRuns },
    );
  });
});
