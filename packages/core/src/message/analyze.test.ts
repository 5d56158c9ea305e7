/**
 * Boundaries of the generic calculation (`encoding: 'auto'`), each expectation derived from the
 * GSM 03.38 / 23.040 arithmetic: 1120 bits per SMS, a 48-bit UDH per part once there are two,
 * 7 bits per septet (14 for an escape pair), 16 bits per UTF-16 unit.
 */
import { describe, expect, it } from 'vitest';
import { SmsPartnerValidationError } from '../errors.js';
import { analyzeMessage, isGsm7Char, splitMessage } from './index.js';

const auto = { encoding: 'auto' } as const;
const lengths = (text: string) => splitMessage(text, auto).map((p) => p.length);

describe('GSM-7 boundaries', () => {
  it('160 septets fit one SMS, 161 need two parts of at most 153', () => {
    expect(analyzeMessage('a'.repeat(160), auto)).toMatchObject({
      encoding: 'gsm7',
      units: 160,
      segments: 1,
      unitsPerSegment: 160,
      remaining: 0,
    });
    expect(analyzeMessage('a'.repeat(161), auto)).toMatchObject({
      units: 161,
      segments: 2,
      unitsPerSegment: 153,
      remaining: 153 - 8,
    });
    expect(lengths('a'.repeat(161))).toEqual([153, 8]);
  });

  it('306 septets fill two parts exactly, 307 need a third', () => {
    expect(analyzeMessage('a'.repeat(306), auto)).toMatchObject({ segments: 2, remaining: 0 });
    expect(analyzeMessage('a'.repeat(307), auto)).toMatchObject({ segments: 3, remaining: 152 });
    expect(lengths('a'.repeat(307))).toEqual([153, 153, 1]);
  });

  it('an extension character never straddles septet 153', () => {
    // '€' would take septets 153 and 154 of the first part: it moves whole to the second.
    const late = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    expect(analyzeMessage(late, auto)).toMatchObject({
      units: 164,
      segments: 2,
      remaining: 153 - 12,
    });
    expect(splitMessage(late, auto)).toEqual(['a'.repeat(152), `€${'b'.repeat(10)}`]);
    // One septet earlier it fits: septets 152 and 153.
    const fits = `${'a'.repeat(151)}€${'b'.repeat(10)}`;
    expect(splitMessage(fits, auto)).toEqual([`${'a'.repeat(151)}€`, 'b'.repeat(10)]);
  });

  it('an extension character costs two septets, also at the single-SMS limit', () => {
    for (const ext of ['|', '^', '€', '{', '}', '[', ']', '~', '\\', '\f']) {
      expect(analyzeMessage(ext + 'a'.repeat(158), auto)).toMatchObject({
        units: 160,
        segments: 1,
      });
      expect(analyzeMessage(ext + 'a'.repeat(159), auto)).toMatchObject({
        units: 161,
        segments: 2,
      });
    }
  });

  it('154 escape pairs need 3 parts: 76 pairs fit in 153 septets', () => {
    const a = analyzeMessage(']'.repeat(154), auto);
    expect(a).toMatchObject({ units: 308, segments: 3, remaining: 153 - 4 });
    expect(lengths(']'.repeat(154))).toEqual([76, 76, 2]);
  });

  it('CR LF counts two septets and may be split between parts', () => {
    expect(analyzeMessage('a\r\nb', auto)).toMatchObject({ encoding: 'gsm7', units: 4 });
    expect(analyzeMessage(`${'a'.repeat(158)}\r\n`, auto)).toMatchObject({
      units: 160,
      segments: 1,
    });
    const text = `${'a'.repeat(152)}\r\n${'b'.repeat(10)}`;
    expect(splitMessage(text, auto)).toEqual([`${'a'.repeat(152)}\r`, `\n${'b'.repeat(10)}`]);
  });

  it('the empty message is one empty SMS', () => {
    expect(analyzeMessage('', auto)).toMatchObject({ units: 0, segments: 1, remaining: 160 });
    expect(splitMessage('', auto)).toEqual(['']);
  });
});

describe('UCS-2 boundaries', () => {
  it('70 units fit one SMS, 71 need two parts of at most 67', () => {
    expect(analyzeMessage('ê'.repeat(70), auto)).toMatchObject({
      encoding: 'ucs2',
      units: 70,
      segments: 1,
      unitsPerSegment: 70,
      remaining: 0,
    });
    expect(analyzeMessage('ê'.repeat(71), auto)).toMatchObject({
      units: 71,
      segments: 2,
      unitsPerSegment: 67,
      remaining: 67 - 4,
    });
    expect(lengths('ê'.repeat(134))).toEqual([67, 67]);
    expect(lengths('ê'.repeat(135))).toEqual([67, 67, 1]);
  });

  it('an emoji at unit 67 moves whole to the next part', () => {
    // Units 66 and 67 (0-based): the pair would straddle the 67-unit part.
    const text = `${'ê'.repeat(66)}😀${'ê'.repeat(10)}`;
    expect(analyzeMessage(text, auto)).toMatchObject({ units: 78, segments: 2 });
    expect(splitMessage(text, auto)).toEqual(['ê'.repeat(66), `😀${'ê'.repeat(10)}`]);
    const before = `${'ê'.repeat(65)}😀${'ê'.repeat(10)}`;
    expect(lengths(before)).toEqual([67, 10]);
  });

  it('a flag (two regional indicators) and a ZWJ family stay whole', () => {
    const flag = `${'ê'.repeat(65)}🇫🇷${'ê'.repeat(10)}`;
    expect(splitMessage(flag, auto)).toEqual(['ê'.repeat(65), `🇫🇷${'ê'.repeat(10)}`]);
    const family = '👨‍👩‍👧‍👦'; // 11 units
    const text = `${'ê'.repeat(60)}${family}${'ê'.repeat(10)}`;
    expect(analyzeMessage(text, auto)).toMatchObject({ units: 81, segments: 2 });
    expect(splitMessage(text, auto)).toEqual(['ê'.repeat(60), family + 'ê'.repeat(10)]);
  });

  it('counts UTF-16 units, not graphemes: a flag costs 4, a rainbow flag 6', () => {
    expect(analyzeMessage(`🇮🇹${'a'.repeat(66)}`, auto)).toMatchObject({ units: 70, segments: 1 });
    expect(analyzeMessage(`🏳️‍🌈${'a'.repeat(64)}`, auto)).toMatchObject({ units: 70, segments: 1 });
    expect(analyzeMessage(`🏳️‍🌈${'a'.repeat(65)}`, auto)).toMatchObject({ units: 71, segments: 2 });
  });

  it('GSM-7 extension characters cost one unit in UCS-2', () => {
    expect(analyzeMessage(`😀${']'.repeat(68)}`, auto)).toMatchObject({ units: 70, segments: 1 });
  });

  it('a decomposed accent forces UCS-2, its precomposed form does not', () => {
    expect(analyzeMessage('é'.repeat(70), auto)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    const decomposed = analyzeMessage('e\u0301'.repeat(70), auto);
    expect(decomposed).toMatchObject({ encoding: 'ucs2', units: 140, segments: 3 });
    expect(decomposed.nonGsmCharacters).toEqual(['\u0301']);
    // A base letter and its mark are never separated: 33 pairs (66 units) per part.
    expect(lengths('e\u0301'.repeat(70))).toEqual([66, 66, 8]);
  });

  it('ç (U+00E7) is not GSM-7, Ç (U+00C7) is', () => {
    expect(isGsm7Char('Ç')).toBe(true);
    expect(isGsm7Char('ç')).toBe(false);
    expect(analyzeMessage('Ça', auto).encoding).toBe('gsm7');
    expect(analyzeMessage('ça', auto)).toMatchObject({ encoding: 'ucs2', nonGsmCharacters: ['ç'] });
    expect(analyzeMessage('ç'.repeat(70), auto).segments).toBe(1);
    expect(analyzeMessage('ç'.repeat(71), auto).segments).toBe(2);
  });

  it('lists each character outside GSM-7 once, in order, emoji as one code point', () => {
    const a = analyzeMessage('ê😀ê🇫🇷😀', auto);
    expect(a.nonGsmCharacters).toEqual(['ê', '😀', '🇫', '🇷']);
  });

  it('a late character outside GSM-7 makes the whole text UCS-2, parts included', () => {
    // 200 GSM-7 septets would be 2 parts; the final ê turns 201 units into 3 parts of UCS-2.
    expect(lengths(`${'a'.repeat(200)}ê`)).toEqual([67, 67, 67]);
  });

  it('a lone surrogate is one non-GSM unit and never throws', () => {
    expect(analyzeMessage('a\ud83d', auto)).toMatchObject({ encoding: 'ucs2', units: 2 });
    expect(splitMessage('\udc00'.repeat(150), auto).join('')).toBe('\udc00'.repeat(150));
  });
});

describe('forced encodings', () => {
  it("'ucs2' counts GSM-7 text in UTF-16 units", () => {
    expect(analyzeMessage('a'.repeat(71), { encoding: 'ucs2' })).toMatchObject({
      encoding: 'ucs2',
      units: 71,
      segments: 2,
    });
  });

  it("'gsm7' sends what it cannot encode as '?' and says so", () => {
    const a = analyzeMessage('ça 😀', { encoding: 'gsm7' });
    expect(a).toMatchObject({
      encoding: 'gsm7',
      units: 4,
      deliveredText: '?a ?',
      wireText: 'ça 😀',
    });
    expect(a.replacements.map((r) => [r.index, r.from, r.to])).toEqual([
      [0, 'ç', '?'],
      [3, '😀', '?'],
    ]);
    expect(a.violations.map((v) => v.code)).toEqual(['unsupported-characters']);
    const removed = analyzeMessage('ça 😀', { encoding: 'gsm7', unsupportedCharacters: 'remove' });
    expect(removed).toMatchObject({ units: 2, deliveredText: 'a ' });
  });
});

describe('generic mode reports the 10-part limit', () => {
  it('as API error 52 beyond 10 parts', () => {
    expect(analyzeMessage('a'.repeat(1530), auto).violations).toEqual([]);
    const v = analyzeMessage('a'.repeat(1531), auto).violations;
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ code: 'too-many-parts', severity: 'error', apiErrorCode: 52 });
    expect(analyzeMessage('a'.repeat(400), { ...auto, maxParts: 2 }).violations[0]?.code).toBe(
      'too-many-parts',
    );
  });
});

describe('input validation', () => {
  it('rejects a text that is not a string with a typed error', () => {
    expect(() => analyzeMessage(42 as unknown as string)).toThrow(SmsPartnerValidationError);
    expect(() => splitMessage(null as unknown as string)).toThrow(
      /text: must be a string, got null/,
    );
  });

  it('rejects unknown option values, naming the option', () => {
    const bad = [
      [{ encoding: 'utf8' }, 'encoding'],
      [{ unsupportedCharacters: 'drop' }, 'unsupportedCharacters'],
      [{ range: 'eco' }, 'range'],
      [{ gamme: 3 }, 'gamme'],
      [{ range: 'premium', gamme: 2 }, 'gamme'],
      [{ maxParts: 0 }, 'maxParts'],
      [{ stopMention: 5 }, 'stopMention'],
    ] as const;
    for (const [options, field] of bad) {
      try {
        analyzeMessage('x', options as never);
        expect.unreachable(`${field} accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(SmsPartnerValidationError);
        expect((error as SmsPartnerValidationError).field).toBe(field);
      }
    }
  });
});
