/**
 * SMS Partner mode (the default): the platform's replacement table, wire syntax, STOP mention,
 * ranges and limits. Expectations come from spec/smspartner-api.md §3, §5 and
 * spec/smspartner-gaps.md §2, §3.
 */
import { describe, expect, it } from 'vitest';
import { analyzeMessage, DEFAULT_STOP_MENTION, splitMessage, transliterate } from './index.js';

/**
 * The published table (spec/smspartner-gaps.md §3.1), 53 rows in order; '' = removed. Quote rows
 * use ASCII targets (the typographic quotes of the page are WordPress rendering).
 */
const TABLE: [string, string][] = [
  ['ą', 'à'], ['’', "'"], ['ÿ', 'y'], ['ç', 'Ç'], ['û', 'u'], ['ü', 'u'], ['ï', 'i'], ['ô', 'o'],
  ['ö', 'o'], ['ó', 'o'], ['î', 'i'], ['ë', 'e'], ['ê', 'e'], ['[', '('], [']', ')'], ['{', '('],
  ['}', ')'], ['`', "'"], ['µ', 'u'], ['Ä', 'A'], ['À', 'A'], ['Á', 'A'], ['Â', 'A'], ['Ã', 'A'],
  ['È', 'E'], ['Ê', 'E'], ['Ë', 'E'], ['Î', 'I'], ['Ü', 'U'], ['Ù', 'U'], ['Ú', 'U'], ['Û', 'U'],
  ['Ý', 'Y'], ['ä', 'a'], ['á', 'a'], ['â', 'a'], ['ã', 'a'], ['Ö', 'O'], ['Ô', 'O'], ['œ', 'oe'],
  ['^', ''], ['~', ''], ['|', ''], ['\\', ''], ['¨', ''], ['°', '.'], ['‘', "'"], ['“', "'"],
  ['ñ', 'n'], ['Ñ', 'N'], ['§', ''], ['«', '"'], ['»', '"'],
]; // biome-ignore format: one row per table entry reads better

describe('the platform replacement table', () => {
  it('has the 53 published rows', () => {
    expect(TABLE).toHaveLength(53);
    expect(new Set(TABLE.map(([from]) => from)).size).toBe(53);
  });

  // `asciiQuotes: false`: row 48 (“) is otherwise sent as `"` by the SDK itself (below).
  it.each(TABLE)('%s is delivered as %j and reported', (from, to) => {
    const a = analyzeMessage(`x${from}y`, { asciiQuotes: false });
    expect(a.deliveredText).toBe(`x${to}y`);
    expect(a.wireText).toBe(`x${from}y`); // the platform replaces, not the SDK, by default
    expect(a.replacements).toEqual([{ index: 1, from, to, reason: 'platform' }]);
    expect(a.encoding).toBe('gsm7');
    expect(a.units).toBe(2 + to.length);
    const applied = { applyReplacements: true, asciiQuotes: false };
    expect(analyzeMessage(`x${from}y`, applied).wireText).toBe(`x${to}y`);
  });

  it('gives every other row the same answer with the default asciiQuotes', () => {
    for (const [from, to] of TABLE) {
      if (from === '“') continue;
      expect(analyzeMessage(`x${from}y`).deliveredText).toBe(`x${to}y`);
    }
  });
});

describe('typographic quotes (asciiQuotes, on by default)', () => {
  // Issue 16: ” (absent from the platform's table) was delivered as `?` while “ became `'`.
  const QUOTES: [string, string][] = [
    ['“', '"'], ['”', '"'], ['„', '"'], ['‟', '"'], ['‚', "'"], ['‛', "'"],
  ]; // biome-ignore format: pairs

  it.each(QUOTES)('%s is sent and delivered as %j, by the SDK', (from, to) => {
    const a = analyzeMessage(`x${from}y`);
    expect(a).toMatchObject({ wireText: `x${to}y`, deliveredText: `x${to}y`, encoding: 'gsm7' });
    expect(a.replacements).toEqual([{ index: 1, from, to, reason: 'quote' }]);
    expect(a.violations).toEqual([]);
    expect(a.units).toBe(3);
  });

  it('turns a French quotation into ASCII quotes, never a question mark', () => {
    const a = analyzeMessage('Il a dit “bonjour” et ”à demain”.');
    expect(a.deliveredText).toBe('Il a dit "bonjour" et "à demain".');
    expect(a.deliveredText).not.toContain('?');
    expect(a.wireText).toBe(a.deliveredText);
  });

  it('is off with asciiQuotes: false (” then counts as unsupported) and with isUnicode', () => {
    const off = analyzeMessage('“a”', { asciiQuotes: false });
    expect(off.deliveredText).toBe("'a?");
    expect(off.violations.map((v) => v.code)).toEqual(['unsupported-characters']);
    const unicode = analyzeMessage('“a”', { isUnicode: true });
    expect(unicode).toMatchObject({ wireText: '“a”', deliveredText: '“a”', encoding: 'ucs2' });
  });

  it('leaves generic modes alone', () => {
    expect(analyzeMessage('“a”', { encoding: 'auto' }).encoding).toBe('ucs2');
  });

  it('leaves GSM-7 letters outside the table alone (é è à ù ì ò É Ç)', () => {
    const a = analyzeMessage('éèàùìòÉÇ');
    expect(a.replacements).toEqual([]);
    expect(a.deliveredText).toBe('éèàùìòÉÇ');
  });

  it('does not apply with isUnicode', () => {
    const a = analyzeMessage('Fête à Noël ç', { isUnicode: true });
    expect(a).toMatchObject({ encoding: 'ucs2', units: 13, deliveredText: 'Fête à Noël ç' });
    expect(a.replacements).toEqual([]);
    expect(a.nonGsmCharacters).toEqual(['ê', 'ë', 'ç']);
  });
});

describe('wire syntax', () => {
  it('sends every line break as :br:, counted 2 (CR LF delivered)', () => {
    for (const br of ['\n', '\r\n', '\r']) {
      const a = analyzeMessage(`a${br}b`);
      expect(a).toMatchObject({ wireText: 'a:br:b', deliveredText: 'a\r\nb', units: 4 });
    }
    expect(analyzeMessage('a\n\nb').wireText).toBe('a:br::br:b');
    expect(analyzeMessage('a\n\r\nb').units).toBe(6);
    // 78 line breaks are 156 septets: with 4 letters, exactly one SMS.
    expect(analyzeMessage(`ab${'\n'.repeat(78)}cd`).segments).toBe(1);
    expect(analyzeMessage(`ab${'\n'.repeat(78)}cde`).segments).toBe(2);
  });

  it('sends € as :euro:, counted as the GSM-7 extension character unless told otherwise', () => {
    expect(analyzeMessage('5 €')).toMatchObject({
      wireText: '5 :euro:',
      deliveredText: '5 €',
      units: 4,
    });
    expect(analyzeMessage('5 €', { euroAs: 'EUR' })).toMatchObject({
      deliveredText: '5 EUR',
      units: 5,
    });
    expect(analyzeMessage('5 €', { isUnicode: true })).toMatchObject({
      wireText: '5 :euro:',
      units: 3,
    });
  });

  it('neutralises a literal :br: or :euro: and warns', () => {
    const a = analyzeMessage('Tapez :br: ou :euro:');
    expect(a.wireText).toBe('Tapez : br: ou : euro:');
    expect(a.deliveredText).toBe('Tapez : br: ou : euro:');
    expect(a.violations.map((v) => v.code)).toEqual(['literal-token']);
    expect(a.replacements.map((r) => r.reason)).toEqual(['literal-token', 'literal-token']);
    // A token closed by what the SDK itself writes (:br: for the line break) is one too.
    expect(analyzeMessage(':br\nx').wireText).toBe(': br:br:x');
    expect(analyzeMessage('x:euro€').wireText).toBe('x: euro:euro:');
    // Unicode mode uses an invisible separator.
    expect(analyzeMessage(':br:', { isUnicode: true }).wireText).toBe(':\u200bbr:');
    // Colons that open no token are untouched.
    expect(analyzeMessage('10:30 :bra: :eur:').wireText).toBe('10:30 :bra: :eur:');
  });

  it('keeps double quotes: JSON encoding of the request escapes them', () => {
    const a = analyzeMessage('Dites "oui"');
    expect(a.wireText).toBe('Dites "oui"');
    expect(JSON.stringify({ message: a.wireText })).toBe('{"message":"Dites \\"oui\\""}');
  });
});

describe('STOP mention', () => {
  it('is counted with a 15-character budget by default', () => {
    expect(DEFAULT_STOP_MENTION).toHaveLength(15);
    const a = analyzeMessage('a'.repeat(145), { isStopSms: true });
    expect(a).toMatchObject({ units: 160, segments: 1, stopMention: DEFAULT_STOP_MENTION });
    expect(a.deliveredText.endsWith(DEFAULT_STOP_MENTION)).toBe(true);
    expect(a.wireText).toBe('a'.repeat(145)); // the platform appends it, not the SDK
    expect(analyzeMessage('a'.repeat(146), { isStopSms: true }).segments).toBe(2);
    expect(analyzeMessage('a'.repeat(146)).segments).toBe(1);
  });

  it('takes a configured text, and lands in the last part', () => {
    const a = analyzeMessage('Promo', { isStopSms: true, stopMention: ' STOP 36111' });
    expect(a).toMatchObject({ units: 16, deliveredText: 'Promo STOP 36111' });
    const parts = splitMessage('a'.repeat(200), { isStopSms: true, stopMention: ' STOP 36111' });
    expect(parts.map((p) => p.length)).toEqual([153, 58]);
    expect(parts.at(-1)?.endsWith(' STOP 36111')).toBe(true);
  });

  it('is not added on the Low Cost range, with a warning', () => {
    const a = analyzeMessage('Promo', { isStopSms: true, range: 'lowcost' });
    expect(a).toMatchObject({ units: 5, stopMention: '' });
    expect(a.violations.map((v) => [v.code, v.severity])).toEqual([
      ['stop-on-low-cost', 'warning'],
    ]);
  });
});

describe('platform limits', () => {
  it('Low Cost: one SMS only (API error 42), by range or gamme', () => {
    expect(analyzeMessage('a'.repeat(160), { range: 'lowcost' }).violations).toEqual([]);
    for (const o of [{ range: 'lowcost' as const }, { gamme: 2 as const }]) {
      const v = analyzeMessage('a'.repeat(161), o).violations;
      expect(v).toHaveLength(1);
      expect(v[0]).toMatchObject({
        code: 'low-cost-too-long',
        severity: 'error',
        apiErrorCode: 42,
      });
    }
    expect(analyzeMessage('a'.repeat(161)).violations).toEqual([]);
    expect(
      analyzeMessage('ê'.repeat(71), { range: 'lowcost', isUnicode: true }).violations[0]?.code,
    ).toBe('low-cost-too-long');
  });

  it('ten parts at most (API error 52)', () => {
    expect(analyzeMessage('a'.repeat(1530)).violations).toEqual([]);
    expect(analyzeMessage('a'.repeat(1531)).violations.map((v) => v.apiErrorCode)).toEqual([52]);
    expect(analyzeMessage('ê'.repeat(670), { isUnicode: true }).violations).toEqual([]);
    expect(analyzeMessage('ê'.repeat(671), { isUnicode: true }).violations[0]?.code).toBe(
      'too-many-parts',
    );
  });

  it('an empty message is refused (API error 43)', () => {
    expect(analyzeMessage('').violations.map((v) => v.apiErrorCode)).toEqual([43]);
    expect(analyzeMessage('^').violations).toEqual([]); // sent as typed; the platform removes it
  });

  it('lists errors before warnings', () => {
    const v = analyzeMessage(`${'a'.repeat(170)}😀`, {
      range: 'lowcost',
      isStopSms: true,
    }).violations;
    expect(v.map((x) => x.severity)).toEqual(['error', 'warning', 'warning']);
  });
});

describe('characters the platform cannot send without Unicode', () => {
  it("count as '?' by default, with a warning naming them", () => {
    const a = analyzeMessage('Top 👍 – ok');
    expect(a).toMatchObject({ encoding: 'gsm7', deliveredText: 'Top ? ? ok', units: 10 });
    expect(a.nonGsmCharacters).toEqual(['👍', '–']);
    expect(a.violations).toHaveLength(1);
    expect(a.violations[0]).toMatchObject({ code: 'unsupported-characters', severity: 'warning' });
    expect(a.violations[0]?.message).toContain('👍–');
  });

  it("'remove' drops them, 'unicode' counts the message as UCS-2", () => {
    expect(analyzeMessage('Top 👍', { unsupportedCharacters: 'remove' })).toMatchObject({
      deliveredText: 'Top ',
      units: 4,
    });
    const u = analyzeMessage('Top 👍 çà', { unsupportedCharacters: 'unicode' });
    // The table still applies (ç → Ç); the emoji forces UCS-2.
    expect(u).toMatchObject({ encoding: 'ucs2', deliveredText: 'Top 👍 Çà', units: 9 });
  });

  it('are transliterated first when asked', () => {
    const a = analyzeMessage('Fête – « ça »', { transliterate });
    expect(a.wireText).toBe('Fete - " ca "');
    expect(a.deliveredText).toBe('Fete - " ca "');
    expect(a.encoding).toBe('gsm7');
    expect(a.violations).toEqual([]);
    expect(a.replacements.map((r) => [r.index, r.from, r.to, r.reason])).toEqual([
      [1, 'ê', 'e', 'transliteration'],
      [5, '–', '-', 'transliteration'],
      [7, '«', '"', 'transliteration'],
      [9, 'ç', 'c', 'transliteration'],
      [12, '»', '"', 'transliteration'],
    ]);
  });
});

describe('defaults', () => {
  it('no options is SMS Partner mode', () => {
    expect(analyzeMessage('ê').mode).toBe('smspartner');
    expect(analyzeMessage('ê')).toEqual(analyzeMessage('ê', {}));
    expect(analyzeMessage('ê', { encoding: 'auto' }).mode).toBe('generic');
  });
});
