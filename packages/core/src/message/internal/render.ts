/**
 * The one text pipeline of the message module, from the text a user typed to
 * - the `message` value of the API request (wire syntax `:br:` / `:euro:`, client-side
 *   transliteration), and
 * - the text the recipient receives (SMS Partner's replacement table applied, line breaks as
 *   CR LF so that each counts 2 as the docs say, unsupported characters as the policy says).
 *
 * Characters that need nothing are copied in runs (one `slice` per run); only the others go
 * through the per-character branches.
 */
import type {
  MessageReplacement,
  TransliterateOptions,
  UnsupportedCharacterPolicy,
} from '../types.js';
import { gsmTable, PLATFORM_FLAG, WIRE_FLAG } from './gsm-table.js';
import { platformTarget } from './platform-table.js';
import { transliterateChar } from './transliterate-table.js';

/** How to render. */
export interface RenderSettings {
  /** Wire syntax: line breaks as `:br:`, `€` as `:euro:`, literal tokens neutralised. */
  wireSyntax: boolean;
  /** Apply SMS Partner's replacement table (delivered text). */
  platform: boolean;
  /** Also put the platform's replacements in the wire text. */
  applyReplacements: boolean;
  /** Handle characters GSM-7 cannot encode with `unsupported` (false: keep them, UCS-2 follows). */
  gsmOnly: boolean;
  unsupported: UnsupportedCharacterPolicy;
  /** Delivered text of `€` (wire syntax only). */
  euroAs: string;
  /** Unicode mode: the separator of literal tokens is invisible. */
  unicode: boolean;
  /** Client-side transliteration, when asked. */
  translit: TransliterateOptions | undefined;
}

/** Output of {@link render}. */
export interface Rendered {
  wire: string;
  delivered: string;
  replacements: MessageReplacement[];
  /** Distinct characters left that GSM-7 cannot encode (only collected when `gsmOnly`). */
  unsupported: string[];
  /** Whether a literal `:br:` / `:euro:` was neutralised. */
  literalTokens: boolean;
}

/**
 * What a literal `:br:` / `:euro:` becomes on the wire: a separator after its first colon, since
 * the platform documents no escape. Invisible in Unicode (U+200B ZERO WIDTH SPACE); a space in
 * GSM-7, which has no invisible character.
 */
export function tokenSeparator(unicode: boolean): string {
  return unicode ? '\u200b' : ' ';
}

function opensToken(text: string, i: number): boolean {
  // `:` at i opens a token if `br` or `euro` follows and then `:` or something the pipeline
  // itself turns into a token starting with `:` (a line break, `€`).
  let j: number;
  if (text.startsWith('br', i + 1)) j = i + 3;
  else if (text.startsWith('euro', i + 1)) j = i + 5;
  else return false;
  const c = text.charCodeAt(j);
  return c === 58 || c === 10 || c === 13 || c === 0x20ac;
}

function isMark(c: number): boolean {
  return c >= 0x300 && c <= 0x36f;
}

/** Which table values are copied as is, for the given settings (index: table value 0..15). */
function plainValues(s: RenderSettings): Uint8Array {
  const plain = new Uint8Array(16);
  for (let v = 0; v < 16; v++) {
    const septets = v & 3;
    let ok = true;
    if (s.wireSyntax && v & WIRE_FLAG) ok = false;
    if (s.platform && v & PLATFORM_FLAG) ok = false;
    if ((s.gsmOnly || s.translit !== undefined) && septets === 0) ok = false;
    plain[v] = ok ? 1 : 0;
  }
  return plain;
}

/**
 * Renders `text`. `offsets`, when given, receives for each input code unit the offset in the
 * delivered text where its output starts (used by the per-character explanation).
 */
export function render(text: string, s: RenderSettings, offsets?: number[]): Rendered {
  const t = gsmTable();
  const plain = plainValues(s);
  const n = text.length;
  let wire = '';
  let del = '';
  let run = 0;
  const replacements: MessageReplacement[] = [];
  const unsupported: string[] = [];
  let literalTokens = false;

  const flush = (end: number): void => {
    if (end > run) {
      if (offsets !== undefined) for (let j = run; j < end; j++) offsets[j] = del.length + j - run;
      const chunk = text.slice(run, end);
      wire += chunk;
      del += chunk;
    }
  };
  // Delivered form of a GSM-7 string once the platform has replaced characters.
  const platformOf = (str: string): string => {
    if (!s.platform) return str;
    let out = '';
    for (const ch of str) {
      const c = ch.charCodeAt(0);
      out += t[c]! & PLATFORM_FLAG ? platformTarget(c)! : ch;
    }
    return out;
  };
  // Appends a character GSM-7 cannot encode, per the unsupported-character policy.
  const addUnsupported = (index: number, from: string): void => {
    wire += from;
    if (!s.gsmOnly || s.unsupported === 'unicode') {
      del += from;
      if (s.gsmOnly && !unsupported.includes(from)) unsupported.push(from);
      return;
    }
    if (!unsupported.includes(from)) unsupported.push(from);
    const to = s.unsupported === 'remove' ? '' : '?';
    del += to;
    replacements.push({ index, from, to, reason: 'unsupported' });
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const v = t[c]!;
    if (plain[v] === 1) {
      i++;
      continue;
    }
    const composeWith = run < i && s.translit !== undefined && isMark(c) ? i - 1 : -1;
    flush(i);
    if (offsets !== undefined) offsets[i] = del.length;
    let k = 1;
    if ((c === 13 || c === 10) && s.wireSyntax) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        k = 2;
        if (offsets !== undefined) offsets[i + 1] = del.length + 1;
      }
      wire += ':br:';
      del += '\r\n';
    } else if (c === 0x20ac && s.wireSyntax) {
      wire += ':euro:';
      del += s.euroAs;
    } else if (c === 58 && s.wireSyntax) {
      if (opensToken(text, i)) {
        const to = `:${tokenSeparator(s.unicode)}`;
        wire += to;
        del += to;
        literalTokens = true;
        replacements.push({ index: i, from: ':', to, reason: 'literal-token' });
      } else {
        wire += ':';
        del += ':';
      }
    } else {
      // A code point (a surrogate pair counts as one; a lone surrogate is its own).
      k = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      let done = false;
      if ((v & 3) === 0 && s.translit !== undefined) {
        let m = k;
        while (i + m < n && isMark(text.charCodeAt(i + m))) m++;
        if (composeWith >= 0) {
          // Marks after a plain character: compose them with it (e + U+0301 → é).
          const from = text.slice(composeWith, i + m);
          const to = transliterateChar(from, s.translit);
          if (to !== undefined) {
            wire = wire.slice(0, -1) + to;
            del = del.slice(0, -1);
            const at = del.length;
            del += platformOf(to);
            replacements.push({ index: composeWith, from, to, reason: 'transliteration' });
            if (offsets !== undefined) for (let j = i; j < i + m; j++) offsets[j] = at;
            k = m;
            done = true;
          }
        }
        if (!done) {
          const from = text.slice(i, i + m);
          const to = transliterateChar(from, s.translit);
          if (to !== undefined) {
            wire += to;
            const d = platformOf(to);
            del += d;
            replacements.push({ index: i, from, to: d, reason: 'transliteration' });
            k = m;
            done = true;
          }
        }
      }
      if (done) {
        // handled above
      } else if (s.platform && v & PLATFORM_FLAG) {
        const to = platformTarget(c)!;
        const from = text[i]!;
        wire += s.applyReplacements ? to : from;
        del += to;
        replacements.push({ index: i, from, to, reason: 'platform' });
      } else if ((v & 3) === 0) {
        addUnsupported(i, text.slice(i, i + k));
      } else {
        wire += text[i]!;
        del += text[i]!;
      }
      if (offsets !== undefined) {
        for (let j = i + 1; j < i + k; j++) offsets[j] ??= offsets[i]!;
      }
    }
    i += k;
    run = i;
  }
  if (run === 0) {
    if (offsets !== undefined) for (let j = 0; j < n; j++) offsets[j] = j;
    return { wire: text, delivered: text, replacements, unsupported, literalTokens };
  }
  flush(n);
  return { wire, delivered: del, replacements, unsupported, literalTokens };
}
