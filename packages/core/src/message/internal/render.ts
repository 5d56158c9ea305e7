/**
 * The SMS Partner text pipeline, from the text a user typed to
 * - the `message` value of the API request (wire syntax `:br:` / `:euro:`), and
 * - the text the recipient receives (the platform's replacement table applied, line breaks as
 *   CR LF so that each counts 2 as the docs say, unsupported characters as the policy says).
 *
 * One pass: the delivered text is packed into GSM-7 parts while it is written (the septets of
 * every delivered code unit, the STOP mention included), so that it is never read again.
 * Characters that need nothing are copied in runs (one `slice` per run, and the wire text and
 * the delivered text each break their runs only where they differ from the input); only the
 * others go through the per-character branches.
 */
import type { MessageReplacement, UnsupportedCharacterPolicy } from '../types.js';
import { Flag, gsmTable } from './gsm-table.js';
import { platformTargets } from './platform-table.js';
import { type Packing, Size } from './segments.js';

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

const runTables: Uint8Array[] = [];

/**
 * The characters of the platform's table and the typographic quotes by `codeUnit & 0x1ff` (no
 * two share an index: packed-tables.test.ts), each kept the first time it is met, so that the
 * `from` of a replacement is not a new string every time (‘ ’ “ are not in V8's cache of
 * one-character strings).
 */
const sources: string[] = [];

/**
 * For one mode (the table flags `stop` acts on), the value of each code unit in the run loop:
 * its septets (1, 2) when it is copied as is, 0 when the run stops there. A character GSM-7
 * cannot encode stops the run too, except in a `pass` table (3), which the loop switches to
 * when the mode keeps such characters and one has been met: the text is not GSM-7 then, so its
 * septets no longer matter. One read and one test per code unit, as in `packGsm`. Built on
 * first use (64 KiB each; a program uses one or two).
 */
function runTable(stop: number, pass: boolean): Uint8Array {
  const key = stop | (pass ? 1 : 0);
  let r = runTables[key];
  if (r === undefined) {
    const t = gsmTable();
    r = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      const v = t[c]!;
      r[c] = v & stop ? 0 : v & 3 || (pass ? 3 : 0);
    }
    runTables[key] = r;
  }
  return r;
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
  /**
   * GSM-7 packing of `delivered` (see `packGsm`), or undefined when it holds a character GSM-7
   * cannot encode.
   */
  gsm: Packing | undefined;
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
 * (wire syntax only) and `tail` is appended to the delivered text only (the STOP mention).
 * `cuts`, when given, receives the start in the delivered text of every GSM-7 part after the
 * first (left empty when the delivered text is not GSM-7 or fits one part). `marks`, when
 * given, receives for each character rendered differently from a plain copy (and the tail) its
 * input index, its length in the input and its offset in the delivered text, then the input
 * length, 0 and where it would land in the delivered text: what {@link deliveredOffsets} needs.
 */
export function render(
  text: string,
  flags: number,
  unsupportedAs: UnsupportedCharacterPolicy,
  euroAs: string,
  tail = '',
  cuts?: number[],
  marks?: number[],
): Rendered {
  const t = gsmTable();
  const targets = platformTargets();
  // Table flags in use: a character without them is copied as is if GSM-7 or if the mode wants.
  const stop = flags & (Flag.Wire | Flag.Platform | Flag.Quote);
  const gsmOnly = (flags & Render.GsmOnly) !== 0;
  let run = runTable(stop, false);
  const n = text.length;
  let wire = '';
  let del = '';
  // Starts of the input not yet copied to each output; a delivered run unit at input index j
  // lands at j + shift in the delivered text.
  let wrun = 0;
  let drun = 0;
  let shift = 0;
  // GSM-7 packing of the delivered text, as packGsm does it.
  let septets = 0;
  let end: number = Size.GsmMulti;
  let segments = 1;
  let gsm = true;
  const replacements: MessageReplacement[] = [];
  const unsupported: string[] = [];
  // The code points of `unsupported`, compared as numbers.
  const codes: number[] = [];
  let literalTokens = false;
  let i = 0;
  let tailDone = false;
  for (;;) {
    // The run: characters copied as they are to both outputs.
    let c = 0;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      let s = run[c]!;
      if (s === 0) {
        // The run stops here, but for a colon that opens no token: one septet, copied.
        if (c !== 58 || opensToken(text, i)) break;
        s = 1;
      }
      septets += s;
      if (septets > end) {
        segments++;
        end = septets - s + Size.GsmMulti;
        cuts?.push(i + shift);
      }
    }
    let k = 1;
    let to: string;
    let from = '';
    // What the wire gets instead of the input characters, when it differs from them.
    let wireTo: string | undefined;
    if (i >= n) {
      if (tailDone || tail === '') break;
      tailDone = true;
      to = tail;
      k = 0;
    } else {
      const v = t[c]!;
      if (v & stop & Flag.Wire) {
        from = text[i]!;
        if (c === 58) {
          // A colon opening a token (the others stay in the run).
          to = `:${flags & Render.Unicode ? '\u200b' : ' '}`;
          literalTokens = true;
          replacements.push({ index: i, from, to, reason: 'literal-token' });
          wireTo = to;
        } else if (c === 0x20ac) {
          wireTo = ':euro:';
          to = euroAs;
        } else {
          // A line break (CR LF, CR or LF): one `:br:`, delivered as CR LF (2 units).
          if (c === 13 && text.charCodeAt(i + 1) === 10) k = 2;
          wireTo = ':br:';
          to = '\r\n';
        }
      } else if (v & stop & Flag.Quote) {
        // Before the platform branch: “ is in the platform's table too.
        from = sources[c & 0x1ff] ??= text[i]!;
        to = c >= 0x201c ? '"' : "'";
        wireTo = to;
        replacements.push({ index: i, from, to, reason: 'quote' });
      } else if (v & stop & Flag.Platform) {
        from = sources[c & 0x1ff] ??= text[i]!;
        to = targets[c & 0x1ff]!;
        if (flags & Render.Apply) wireTo = to;
        replacements.push({ index: i, from, to, reason: 'platform' });
      } else if (!gsmOnly) {
        // Not GSM-7, and kept: so is the rest of the run, which goes on with the pass table.
        gsm = false;
        run = runTable(stop, true);
        continue;
      } else {
        // Not GSM-7: one code point, kept on the wire.
        let cp = c;
        if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          k = 2;
          cp = ((c - 0xd800) << 10) + text.charCodeAt(i + 1) + 0x2400;
        }
        const seen = codes.indexOf(cp);
        if (seen < 0) {
          from = text.slice(i, i + k);
          codes.push(cp);
          unsupported.push(from);
        } else from = unsupported[seen]!;
        to = unsupportedAs === 'unicode' ? from : unsupportedAs === 'remove' ? '' : '?';
        if (to !== from) replacements.push({ index: i, from, to, reason: 'unsupported' });
      }
    }
    if (wireTo !== undefined) {
      wire += text.slice(wrun, i) + wireTo;
      wrun = i + k;
    }
    const at = i + shift;
    marks?.push(i, k, at);
    if (to !== from || k === 0) {
      del += text.slice(drun, i) + to;
      drun = i + k;
    }
    for (let j = 0; j < to.length; j++) {
      const s = t[to.charCodeAt(j)]! & 3;
      if (s === 0) gsm = false;
      septets += s;
      if (septets > end) {
        segments++;
        end = septets - s + Size.GsmMulti;
        cuts?.push(at + j);
      }
    }
    shift += to.length - k;
    i += k;
  }
  marks?.push(n, 0, n + shift);
  let packing: Packing | undefined;
  if (!gsm || septets <= Size.GsmSingle) {
    if (cuts) cuts.length = 0;
    if (gsm) packing = { units: septets, segments: 1, last: septets };
  } else packing = { units: septets, segments, last: septets - (end - Size.GsmMulti) };
  // Nothing rewritten: wire and delivered are '' + text, the text itself.
  return {
    wire: wrun === 0 ? text : wire + text.slice(wrun),
    delivered: drun === 0 && !tailDone ? text : del + text.slice(drun),
    replacements,
    unsupported,
    literalTokens,
    gsm: packing,
  };
}

/**
 * For each code unit of the text given to {@link render}, the offset in the delivered text where
 * its output starts, from the `marks` of that rendering. A code unit copied as is lands at its
 * index plus the shift of everything rendered before it; the LF of CR LF lands inside CR LF, the
 * low half of a pair where the pair starts.
 */
export function deliveredOffsets(text: string, marks: readonly number[]): number[] {
  const offsets: number[] = [];
  let filled = 0;
  for (let e = 0; e < marks.length; e += 3) {
    const i = marks[e]!;
    const k = marks[e + 1]!;
    const at = marks[e + 2]!;
    for (let j = filled; j < i; j++) offsets[j] = j + at - i;
    filled = i + k;
    if (k > 0) offsets[i] = at;
    if (k === 2) offsets[i + 1] = text.charCodeAt(i) === 13 ? at + 1 : at;
  }
  return offsets;
}
