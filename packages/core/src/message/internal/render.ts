/**
 * The SMS Partner text pipeline, from the text a user typed to
 * - the `message` value of the API request (wire syntax `:br:` / `:euro:`), and
 * - the text the recipient receives (the platform's replacement table applied, line breaks as
 *   CR LF so that each counts 2 as the docs say, unsupported characters as the policy says).
 *
 * Characters that need nothing are copied in runs (one `slice` per run); only the others go
 * through the per-character branches.
 */
import type { MessageReplacement, UnsupportedCharacterPolicy } from '../types.js';
import { Flag, gsmTable } from './gsm-table.js';
import { platformTarget } from './platform-table.js';

/**
 * How to render, as bits (an enum, so that a bundler inlines the numbers). `Wire` and `Platform`
 * equal the GSM table's {@link Flag} of the characters they act on.
 */
export enum Render {
  /** Wire syntax: line breaks as `:br:`, `€` as `:euro:`, literal tokens neutralised. */
  Wire = 4,
  /** Apply SMS Partner's replacement table (delivered text). */
  Platform = 8,
  /** Also put the platform's replacements in the wire text. */
  Apply = 16,
  /** Handle characters GSM-7 cannot encode with the `unsupported` policy (else keep them). */
  GsmOnly = 32,
  /** Unicode mode: the separator of literal tokens is invisible. */
  Unicode = 64,
  /** Send typographic quotes as ASCII, in the wire text too (equals {@link Flag.Quote}). */
  Quotes = 128,
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
 * `:` at `i` opens a token if `br` or `euro` follows, then `:` or something the pipeline itself
 * turns into a token starting with `:` (a line break, `€`).
 */
function opensToken(text: string, i: number): boolean {
  const j = text.startsWith('br', i + 1) ? i + 3 : text.startsWith('euro', i + 1) ? i + 5 : 0;
  const c = text.charCodeAt(j);
  return j > 0 && (c === 58 || c === 10 || c === 13 || c === 0x20ac);
}

/**
 * Renders `text` with the {@link Render} bits of `flags`; `euroAs` is the delivered text of `€`
 * (wire syntax only). `offsets`, when given, receives for each input code unit the offset in the
 * delivered text where its output starts (used by the per-character explanation).
 */
export function render(
  text: string,
  flags: number,
  unsupportedAs: UnsupportedCharacterPolicy,
  euroAs: string,
  offsets?: number[],
): Rendered {
  const t = gsmTable();
  // Table flags in use: a character without them is copied as is if GSM-7 or if the mode wants.
  const stop = flags & (Flag.Wire | Flag.Platform | Flag.Quote);
  const n = text.length;
  let wire = '';
  let del = '';
  let run = 0;
  const replacements: MessageReplacement[] = [];
  const unsupported: string[] = [];
  let literalTokens = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const v = t[c]!;
    if ((v & stop) === 0 && (v & 3 || !(flags & Render.GsmOnly))) {
      i++;
      continue;
    }
    if (i > run) {
      if (offsets) for (let j = run; j < i; j++) offsets[j] = del.length + j - run;
      const chunk = text.slice(run, i);
      wire += chunk;
      del += chunk;
    }
    if (offsets) offsets[i] = del.length;
    let k = 1;
    let from = text[i]!;
    let to: string;
    if (v & stop & Flag.Wire) {
      if (c === 58) {
        to = ':';
        if (opensToken(text, i)) {
          to += flags & Render.Unicode ? '\u200b' : ' ';
          literalTokens = true;
          replacements.push({ index: i, from, to, reason: 'literal-token' });
        }
        wire += to;
      } else if (c === 0x20ac) {
        wire += ':euro:';
        to = euroAs;
      } else {
        // A line break (CR LF, CR or LF): one `:br:`, delivered as CR LF (2 units).
        if (c === 13 && text.charCodeAt(i + 1) === 10) {
          k = 2;
          if (offsets) offsets[i + 1] = del.length + 1;
        }
        wire += ':br:';
        to = '\r\n';
      }
    } else if (v & stop & Flag.Quote) {
      // Before the platform branch: “ is in the platform's table too.
      to = c >= 0x201c ? '"' : "'";
      wire += to;
      replacements.push({ index: i, from, to, reason: 'quote' });
    } else if (v & stop & Flag.Platform) {
      to = platformTarget(c)!;
      wire += flags & Render.Apply ? to : from;
      replacements.push({ index: i, from, to, reason: 'platform' });
    } else {
      // Not GSM-7 (only reached when gsmOnly): one code point, kept on the wire.
      if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        k = 2;
        from = text.slice(i, i + 2);
        if (offsets) offsets[i + 1] = del.length;
      }
      wire += from;
      if (!unsupported.includes(from)) unsupported.push(from);
      to = unsupportedAs === 'unicode' ? from : unsupportedAs === 'remove' ? '' : '?';
      if (to !== from) replacements.push({ index: i, from, to, reason: 'unsupported' });
    }
    del += to;
    i += k;
    run = i;
  }
  // Nothing rewritten (run 0): wire and delivered are '' + text, the text itself.
  if (offsets) for (let j = run; j < n; j++) offsets[j] = del.length + j - run;
  const tail = text.slice(run);
  return { wire: wire + tail, delivered: del + tail, replacements, unsupported, literalTokens };
}
