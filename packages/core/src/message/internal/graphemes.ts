/**
 * Grapheme-cluster boundaries, decided one position at a time and only where a segment must end.
 *
 * The common cases (Latin, Greek, Cyrillic, CJK, punctuation, emoji with modifiers, variation
 * selectors, ZWJ sequences, flags, keycaps, combining diacritics) are decided here from code point
 * ranges checked against `Intl.Segmenter` in the tests. Anything else (Indic conjuncts, Hangul
 * jamo, Prepend characters, marks of other scripts) is handed to `Intl.Segmenter` on the smallest
 * window that starts at a known boundary, or, where `Intl.Segmenter` does not exist, to a fallback
 * built on RegExp Unicode property escapes.
 *
 * One deliberate departure from UAX #29: CR LF is breakable, because the reference calculators
 * (Twilio's `sms-segments-calculator`) count and place CR and LF separately, and a carrier
 * splits septets, not graphemes, so a part ending in CR is delivered intact.
 *
 * Generic mode (`legacy`) follows the reference calculator's Unicode 10 rules instead
 * (graphemes-legacy.ts).
 */
import { legacyBreak } from './graphemes-legacy.js';
import {
  CONTROL,
  cpAt,
  cpStartBefore,
  EXTEND,
  hangul,
  insidePair,
  isControl,
  isGraphemeExtend,
  isSpacingMark,
  kind,
  PICT,
  PREPEND,
  RI,
  UNKNOWN,
  ZWJ,
} from './unicode.js';

export { insidePair } from './unicode.js';

/** Result of {@link breakAt}: a break, no break, or "ask Intl.Segmenter". */
export const NO_BREAK = 0;
export const BREAK = 1;
export const UNDECIDED = -1;

/**
 * Whether a grapheme boundary lies at `p` (0 < p < text.length): {@link BREAK},
 * {@link NO_BREAK} or {@link UNDECIDED} when the table cannot tell. With `legacy`, the reference
 * calculator's Unicode 10 rules, always decided.
 */
export function breakAt(text: string, p: number, legacy: boolean): number {
  if (insidePair(text, p)) return NO_BREAK;
  if (legacy) return legacyBreak(text, p) ? BREAK : NO_BREAK;
  const ycp = cpAt(text, p);
  const y = kind(ycp);
  if (y === CONTROL) return BREAK; // GB5 (and CR|LF, see the file comment)
  const xs = cpStartBefore(text, p);
  const x = kind(cpAt(text, xs));
  if (x === CONTROL) return BREAK; // GB4 (lone surrogates included)
  if (y === UNKNOWN) return UNDECIDED;
  if (y === EXTEND || y === ZWJ) return x === UNKNOWN ? UNDECIDED : NO_BREAK; // GB9 unless GB4
  if (x === UNKNOWN) return UNDECIDED; // it could be Prepend (GB9b)
  if (y === RI) {
    if (x !== RI) return BREAK;
    // GB12/13: an odd number of regional indicators before p means p is inside a pair.
    let run = 0;
    for (let i = p; i > 0; ) {
      const s = cpStartBefore(text, i);
      if (kind(cpAt(text, s)) !== RI) break;
      run++;
      i = s;
    }
    return run % 2 === 1 ? NO_BREAK : BREAK;
  }
  if (y === PICT && x === ZWJ) {
    // GB11: ExtPict Extend* ZWJ × ExtPict.
    for (let i = xs; i > 0; ) {
      const s = cpStartBefore(text, i);
      const k = kind(cpAt(text, s));
      if (k === PICT) return NO_BREAK;
      if (k === UNKNOWN) return UNDECIDED;
      if (k !== EXTEND) return BREAK;
      i = s;
    }
  }
  return BREAK;
}

let segmenter: Intl.Segmenter | null | undefined;

function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  return segmenter;
}

/**
 * Fallback for runtimes without `Intl.Segmenter`, for the positions {@link breakAt} leaves
 * undecided: UAX #29 from RegExp property escapes (Grapheme_Extend, spacing marks, controls), the
 * Prepend list and Hangul syllable arithmetic. The Indic conjunct rule GB9c is not applied (its
 * data is not exposed to RegExp), so a conjunct may be split there; limits still hold.
 */
export function fallbackBreak(text: string, p: number): boolean {
  const ycp = cpAt(text, p);
  const xcp = cpAt(text, cpStartBefore(text, p));
  if (isControl(xcp)) return true;
  if (ycp === 0x200d || isGraphemeExtend(ycp) || isSpacingMark(ycp)) return false;
  if (isControl(ycp)) return true;
  if (PREPEND.includes(xcp)) return false;
  const hx = hangul(xcp);
  const hy = hangul(ycp);
  if (hx === 1 && (hy === 1 || hy === 2 || hy === 4 || hy === 5)) return false;
  if ((hx === 2 || hx === 4) && (hy === 2 || hy === 3)) return false;
  if ((hx === 3 || hx === 5) && hy === 3) return false;
  return true;
}

/** Set to true to ignore `Intl.Segmenter` (tests of the fallback). */
export const forceFallback = { value: false };

/**
 * Largest boundary in (`from`, `to`], `from` being a known boundary, or -1. Positions the table
 * decides are taken from it; the others from `Intl.Segmenter` run over text[from .. to + 1 code
 * point] (enough: UAX #29 rules only look at the code point after a boundary), or the fallback.
 */
function resolve(text: string, from: number, to: number): number {
  const seg = forceFallback.value ? null : getSegmenter();
  let marks: Uint8Array | undefined;
  if (seg !== null) {
    marks = new Uint8Array(to - from + 3);
    for (const s of seg.segment(text.slice(from, Math.min(text.length, to + 2)))) {
      marks[s.index] = 1;
      // CR LF is one cluster for Intl but two for the reference calculators.
      if (s.segment === '\r\n') marks[s.index + 1] = 1;
    }
  }
  for (let p = to; p > from; p--) {
    const d = breakAt(text, p, false);
    if (d === BREAK) return p;
    if (d === UNDECIDED && (marks ? marks[p - from] === 1 : fallbackBreak(text, p))) return p;
  }
  return -1;
}

/**
 * Largest grapheme boundary `b` with `start < b <= cut` (`cut < text.length`). When one grapheme
 * spans the whole range, returns the largest code point boundary instead: a part then holds a
 * slice of that grapheme, which is the only way to respect the part size.
 */
export function findBreak(text: string, start: number, cut: number, legacy: boolean): number {
  for (let b = cut; b > start; b--) {
    const d = breakAt(text, b, legacy);
    if (d === BREAK) return b;
    if (d === UNDECIDED) {
      // The nearest boundary the table knows below, then Intl.Segmenter in between.
      let q = b - 1;
      while (q > start && breakAt(text, q, false) !== BREAK) q--;
      const found = resolve(text, q, b);
      if (found > q) return found;
      if (q > start) return q;
      break;
    }
  }
  return insidePair(text, cut) ? cut - 1 : cut;
}
