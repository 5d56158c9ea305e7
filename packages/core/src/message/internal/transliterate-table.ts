/**
 * French-aware transliteration to GSM-7: explicit rows for what Unicode normalisation cannot do
 * (quotes, dashes, œ, ç, ł...), then compatibility decomposition with the diacritics removed
 * (ê → e, Â → A, U+00A0 → space, … → ...), kept only when the result is all GSM-7.
 */
import type { TransliterateOptions } from '../types.js';
import { gsmTable } from './gsm-table.js';

/** Pairs "source target" separated by `|`; the target may be empty (removed). */
const ROWS =
  "‘'|’'|‚'|‛'|′'|`'|´'|‹'|›'|“\"|”\"|„\"|‟\"|″\"|«\"|»\"|‐-|‑-|‒-|–-|—-|―-|−-|⁃-|•-|·.|" +
  'œoe|ŒOE|łl|ŁL|đd|ĐD|ħh|ıi|×x|÷/|°o|\t |\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad|' +
  '\u00a0 |\u202f |\u2007 |\u2009 |\u200a |\u3000 ';

let rows: Map<string, string> | undefined;

function allGsm(s: string): boolean {
  const t = gsmTable();
  for (let i = 0; i < s.length; i++) if ((t[s.charCodeAt(i)]! & 3) === 0) return false;
  return true;
}

/**
 * The GSM-7 replacement of one character (a code point, possibly followed by combining marks), or
 * `undefined` when there is none. `ch` is known not to be GSM-7.
 */
export function transliterateChar(ch: string, o: TransliterateOptions): string | undefined {
  const extra = o.extra?.[ch];
  if (extra !== undefined) return extra;
  if (ch === 'ç') return o.cedilla ?? 'c';
  if (rows === undefined) {
    rows = new Map();
    for (const row of ROWS.split('|')) {
      const first = String.fromCodePoint(row.codePointAt(0)!);
      rows.set(first, row.slice(first.length));
    }
  }
  const row = rows.get(ch);
  if (row !== undefined) return row;
  const composed = ch.normalize('NFC');
  if (allGsm(composed)) return composed;
  const stripped = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  // A lone combining mark strips to '' (removed); a letter to its base letter.
  if (allGsm(stripped)) return stripped;
  return undefined;
}
