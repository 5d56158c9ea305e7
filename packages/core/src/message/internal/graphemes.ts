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
 */

const CONTROL = 0;
const OTHER = 1;
const EXTEND = 2;
const ZWJ = 3;
const RI = 4;
const PICT = 5;
const UNKNOWN = 6;

type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Result of {@link breakAt}: a break, no break, or "ask Intl.Segmenter". */
export const NO_BREAK = 0;
export const BREAK = 1;
export const UNDECIDED = -1;

let pictRe: RegExp | undefined;
function isPict(cp: number): boolean {
  pictRe ??= /\p{Extended_Pictographic}/u;
  return pictRe.test(String.fromCodePoint(cp));
}

/**
 * Grapheme-break class of a code point for the ranges this module knows exactly; UNKNOWN for the
 * rest. OTHER means: never joins the previous character and is not Extended_Pictographic.
 */
function kind(cp: number): Kind {
  if (cp < 0x300) {
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad) return CONTROL;
    return cp === 0xa9 || cp === 0xae ? PICT : OTHER;
  }
  if (cp < 0x370) return EXTEND;
  if (cp < 0x483) return OTHER;
  if (cp < 0x48a) return EXTEND;
  if (cp < 0x530) return OTHER;
  if (cp >= 0x2000 && cp < 0x2c00) {
    if (cp < 0x2010) {
      if (cp === 0x200d) return ZWJ;
      if (cp === 0x200c) return EXTEND;
      return cp >= 0x200b ? CONTROL : OTHER;
    }
    if (cp >= 0x2028 && cp <= 0x202e) return CONTROL;
    if (cp >= 0x2060 && cp <= 0x206f) return CONTROL;
    if (cp >= 0x20d0 && cp <= 0x20f0) return EXTEND;
    if (cp >= 0x20f1 && cp < 0x2100) return UNKNOWN;
    return isPict(cp) ? PICT : OTHER;
  }
  if (cp >= 0x3000 && cp < 0xa000) {
    if (cp >= 0x302a && cp <= 0x302f) return EXTEND;
    if (cp === 0x3099 || cp === 0x309a) return EXTEND;
    if (cp === 0x3030 || cp === 0x303d || cp === 0x3297 || cp === 0x3299) return PICT;
    if (cp < 0x3100 || cp >= 0x3400) return OTHER;
    return UNKNOWN;
  }
  if (cp >= 0xd800 && cp <= 0xdfff) return CONTROL; // lone surrogate
  if (cp >= 0xe000 && cp <= 0xf8ff) return OTHER;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return EXTEND;
  if (cp >= 0xfe20 && cp <= 0xfe2f) return EXTEND;
  if (cp === 0xfeff || (cp >= 0xfff0 && cp <= 0xfffb)) return CONTROL;
  if (cp >= 0xff00 && cp <= 0xff9d) return OTHER;
  if (cp >= 0x1f000 && cp < 0x1fb00) {
    if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return RI;
    if (cp >= 0x1f3fb && cp <= 0x1f3ff) return EXTEND;
    return isPict(cp) ? PICT : OTHER;
  }
  if (cp >= 0xe0020 && cp <= 0xe007f) return EXTEND;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return EXTEND;
  return UNKNOWN;
}

/** Code point starting at `i` (a lone surrogate is returned as itself). */
function cpAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Index where the code point ending just before `end` starts. */
function cpStartBefore(text: string, end: number): number {
  const c = text.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = text.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return end - 2;
  }
  return end - 1;
}

/** True when `p` falls between the two halves of a surrogate pair. */
export function insidePair(text: string, p: number): boolean {
  const l = text.charCodeAt(p);
  if (l < 0xdc00 || l > 0xdfff) return false;
  const h = text.charCodeAt(p - 1);
  return h >= 0xd800 && h <= 0xdbff;
}

/**
 * Whether a grapheme boundary lies at `p` (0 < p < text.length): {@link BREAK},
 * {@link NO_BREAK} or {@link UNDECIDED} when this table cannot tell.
 */
export function breakAt(text: string, p: number): number {
  if (insidePair(text, p)) return NO_BREAK;
  const y = kind(cpAt(text, p));
  if (y === CONTROL) return BREAK; // GB5 (and CR|LF, see the file comment)
  if (y === UNKNOWN) return UNDECIDED;
  const xs = cpStartBefore(text, p);
  const xcp = cpAt(text, xs);
  const x = kind(xcp);
  if (x === CONTROL) return BREAK; // GB4
  if (y === EXTEND || y === ZWJ) return NO_BREAK; // GB9 (GB4 already handled)
  if (x === UNKNOWN) return UNDECIDED; // it could be Prepend (GB9b)
  if (y === RI) {
    if (x !== RI) return BREAK;
    // GB12/13: count the regional indicators before p; an odd count means p is inside a pair.
    let count = 0;
    let i = p;
    while (i > 0) {
      const s = cpStartBefore(text, i);
      if (kind(cpAt(text, s)) !== RI) break;
      count++;
      i = s;
    }
    return count % 2 === 1 ? NO_BREAK : BREAK;
  }
  if (y === PICT && x === ZWJ) {
    // GB11: ExtPict Extend* ZWJ × ExtPict.
    let i = xs;
    while (i > 0) {
      const s = cpStartBefore(text, i);
      const k = kind(cpAt(text, s));
      if (k === PICT) return NO_BREAK;
      if (k === UNKNOWN) return UNDECIDED;
      if (k !== EXTEND) return BREAK;
      i = s;
    }
    return BREAK;
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
 * Largest grapheme boundary in (`from`, `to`] for a text where `from` is known to be a boundary,
 * or -1 when there is none. Asks `Intl.Segmenter` over text[from .. to + 1 code point], which is
 * enough because UAX #29 rules only look at the code point after a boundary.
 */
function lastBoundaryByIntl(text: string, from: number, to: number): number {
  const seg = getSegmenter();
  const end = Math.min(text.length, to + 2);
  if (seg === null) return lastBoundaryByFallback(text, from, to);
  let best = -1;
  for (const s of seg.segment(text.slice(from, end))) {
    const at = from + s.index;
    if (at > to) break;
    if (at > from) best = at;
    // CR LF is one cluster for Intl but two for the reference calculators.
    if (s.segment === '\r\n' && at + 1 <= to && at + 1 > from) best = at + 1;
  }
  return best;
}

let markRe: RegExp | undefined;
let controlRe: RegExp | undefined;

/**
 * Fallback for runtimes without `Intl.Segmenter`: UAX #29 from RegExp property escapes
 * (Grapheme_Extend, spacing marks, Extended_Pictographic, controls, Hangul syllable arithmetic,
 * the Prepend list). Indic conjunct rule GB9c is not applied (the data is not exposed to
 * RegExp), so a conjunct may be split there; counts stay within the limits.
 */
export function lastBoundaryByFallback(text: string, from: number, to: number): number {
  markRe ??= /^[\p{Grapheme_Extend}\p{Mc}]$/u;
  controlRe ??= /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;
  for (let p = to; p > from; p--) {
    if (insidePair(text, p)) continue;
    if (fallbackBreak(text, p, markRe, controlRe)) return p;
  }
  return -1;
}

const PREPEND = [
  0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0xd4e, 0x110bd,
  0x110cd, 0x111c2, 0x111c3, 0x1193f, 0x11941, 0x11a3a, 0x11a84, 0x11a85, 0x11a86, 0x11a87, 0x11a88,
  0x11a89, 0x11d46, 0x11f02,
];

function hangul(cp: number): number {
  // 1 = L, 2 = V, 3 = T, 4 = LV, 5 = LVT, 0 = none.
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) return 1;
  if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6)) return 2;
  if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) return 3;
  if (cp >= 0xac00 && cp <= 0xd7a3) return (cp - 0xac00) % 28 === 0 ? 4 : 5;
  return 0;
}

function fallbackBreak(text: string, p: number, mark: RegExp, control: RegExp): boolean {
  const quick = breakAt(text, p);
  if (quick !== UNDECIDED) return quick === BREAK;
  const ycp = cpAt(text, p);
  const xcp = cpAt(text, cpStartBefore(text, p));
  const y = String.fromCodePoint(ycp);
  const x = String.fromCodePoint(xcp);
  const xControl = control.test(x) && xcp !== 0x200c && xcp !== 0x200d && !PREPEND.includes(xcp);
  if (xControl) return true;
  if (ycp === 0x200d || ycp === 0x200c || mark.test(y)) return false;
  if (control.test(y) && !PREPEND.includes(ycp)) return true;
  if (PREPEND.includes(xcp)) return false;
  const hx = hangul(xcp);
  const hy = hangul(ycp);
  if (hx === 1 && (hy === 1 || hy === 2 || hy === 4 || hy === 5)) return false;
  if ((hx === 2 || hx === 4) && (hy === 2 || hy === 3)) return false;
  if ((hx === 3 || hx === 5) && hy === 3) return false;
  return true;
}

/**
 * Largest grapheme boundary `b` with `start < b <= cut` (`cut < text.length`). When one grapheme
 * spans the whole range, returns the largest code point boundary instead: a part then holds a
 * slice of that grapheme, which is the only way to respect the part size.
 */
export function findBreak(text: string, start: number, cut: number): number {
  for (let b = cut; b > start; b--) {
    const d = breakAt(text, b);
    if (d === BREAK) return b;
    if (d === UNDECIDED) {
      // Find the nearest known boundary below, then let Intl.Segmenter decide in between.
      let q = b - 1;
      while (q > start && breakAt(text, q) !== BREAK) q--;
      const found = lastBoundaryByIntl(text, q, b);
      if (found > 0) return found;
      if (q > start) return q;
      break;
    }
  }
  return insidePair(text, cut) ? cut - 1 : cut;
}
