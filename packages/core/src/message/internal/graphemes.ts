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

/*
 * Unicode 10 emoji properties, for the reference-compatible mode: Twilio's calculator segments
 * with grapheme-splitter 1.0.4, which implements UAX #29 of Unicode 10 (E_Base, E_Modifier,
 * Glue_After_Zwj, E_Base_GAZ instead of today's Extended_Pictographic rules). Facts from the
 * Unicode 10 GraphemeBreakProperty.txt, as ranges: each pair of code points is first..last.
 */
/** E_Base and E_Base_GAZ (a skin-tone modifier joins them). */
const E_BASE =
  '☝☝⛹⛹✊✍🎅🎅🏂🏄🏇🏇🏊🏌👂👃👆👐👮👮👰👸👼👼💁💃💅💇💪💪🕴🕵🕺🕺🖐🖐🖕🖖🙅🙇🙋🙏🚣🚣🚴🚶🛀🛀🛌🛌🤘🤜🤞🤟🤦🤦🤰🤹🤽🤾🧑🧝👦👩';
/** Glue_After_Zwj and E_Base_GAZ (a ZWJ joins them to what precedes). */
const GLUE_AFTER_ZWJ = '♀♀♂♂⚕⚖✈✈❤❤🌈🌈🌾🌾🍳🍳🎓🎓🎤🎤🎨🎨🏫🏫🏭🏭💋💋💻💼🔧🔧🔬🔬🗨🗨🚀🚀🚒🚒👦👩';

function inRanges(ranges: string, cp: number): boolean {
  for (let i = 0; i < ranges.length; ) {
    const a = ranges.codePointAt(i)!;
    i += a > 0xffff ? 2 : 1;
    const b = ranges.codePointAt(i)!;
    i += b > 0xffff ? 2 : 1;
    if (cp >= a && cp <= b) return true;
  }
  return false;
}

/** Grapheme_Cluster_Break=Prepend (Unicode 15). */
const PREPEND = [
  0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0xd4e, 0x110bd,
  0x110cd, 0x111c2, 0x111c3, 0x1193f, 0x11941, 0x11a3a, 0x11a84, 0x11a85, 0x11a86, 0x11a87, 0x11a88,
  0x11a89, 0x11d46, 0x11f02,
];

function isModifier(cp: number): boolean {
  return cp >= 0x1f3fb && cp <= 0x1f3ff;
}

/**
 * Unicode 10 GB10, (E_Base | E_Base_GAZ) Extend* × E_Modifier, exactly as grapheme-splitter 1.0.4
 * evaluates it: it only looks behind the last Extend of the cluster, so it joins the modifier
 * when the character before it is E_Base, or is a single Extend preceded by E_Base, and only if
 * no other Extend occurs earlier in the cluster (`👩‍❤️‍👨🏻` is split before 🏻).
 */
function legacyModifier(text: string, xs: number, xcp: number, x: Kind): number {
  if (x === EXTEND && !isModifier(xcp)) {
    return xs > 0 && inRanges(E_BASE, cpAt(text, cpStartBefore(text, xs))) ? NO_BREAK : BREAK;
  }
  if (!inRanges(E_BASE, xcp)) return BREAK;
  for (let q = xs; q > 0; ) {
    if (breakAt(text, q, true) !== NO_BREAK) break; // q starts the cluster
    const s = cpStartBefore(text, q);
    const cp = cpAt(text, s);
    if (kind(cp) === EXTEND && !isModifier(cp)) return BREAK;
    q = s;
  }
  return NO_BREAK;
}

let markCatRe: RegExp | undefined;
function isMark(cp: number): boolean {
  markCatRe ??= /\p{M}/u;
  return markCatRe.test(String.fromCodePoint(cp));
}

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
  if (cp >= 0xe0000 && cp <= 0xe0fff) return CONTROL; // format and unassigned default-ignorables
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
 * {@link NO_BREAK} or {@link UNDECIDED} when this table cannot tell. With `legacy`, the emoji
 * rules are Unicode 10's (see {@link E_BASE}), as in the reference calculator.
 */
export function breakAt(text: string, p: number, legacy: boolean): number {
  if (insidePair(text, p)) return NO_BREAK;
  const ycp = cpAt(text, p);
  const y = kind(ycp);
  if (y === CONTROL) return BREAK; // GB5 (and CR|LF, see the file comment)
  const xs = cpStartBefore(text, p);
  const xcp = cpAt(text, xs);
  if (legacy && ycp >= 0x900 && ycp <= 0xd7f && !isMark(ycp)) {
    // Unicode 10 has no Indic conjunct rule (GB9c): a letter after a virama starts a cluster.
    return PREPEND.includes(xcp) ? NO_BREAK : BREAK;
  }
  const x = kind(xcp);
  if (x === CONTROL) return BREAK; // GB4 (lone surrogates included, as in the reference)
  if (y === UNKNOWN) return UNDECIDED;
  if (legacy && isModifier(ycp)) return legacyModifier(text, xs, xcp, x);
  if (y === EXTEND || y === ZWJ) return x === UNKNOWN ? UNDECIDED : NO_BREAK; // GB9 unless GB4
  if (legacy && x === ZWJ) {
    // Unicode 10 GB11: ZWJ × (Glue_After_Zwj | E_Base_GAZ), whatever precedes the ZWJ.
    return inRanges(GLUE_AFTER_ZWJ, ycp) ? NO_BREAK : BREAK;
  }
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

let markRe: RegExp | undefined;
let controlRe: RegExp | undefined;

function hangul(cp: number): number {
  // 1 = L, 2 = V, 3 = T, 4 = LV, 5 = LVT, 0 = none.
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) return 1;
  if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6)) return 2;
  if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) return 3;
  if (cp >= 0xac00 && cp <= 0xd7a3) return (cp - 0xac00) % 28 === 0 ? 4 : 5;
  return 0;
}

/**
 * Fallback for runtimes without `Intl.Segmenter`, for the positions {@link breakAt} leaves
 * undecided: UAX #29 from RegExp property escapes (Grapheme_Extend and spacing marks, controls),
 * the Prepend list and Hangul syllable arithmetic. The Indic conjunct rule GB9c is not applied
 * (its data is not exposed to RegExp), so a conjunct may be split there; limits still hold.
 */
export function fallbackBreak(text: string, p: number): boolean {
  markRe ??= /^[\p{Grapheme_Extend}\p{Mc}]$/u;
  controlRe ??= /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;
  const ycp = cpAt(text, p);
  const xcp = cpAt(text, cpStartBefore(text, p));
  const y = String.fromCodePoint(ycp);
  const x = String.fromCodePoint(xcp);
  if (controlRe.test(x) && xcp !== 0x200c && xcp !== 0x200d && !PREPEND.includes(xcp)) return true;
  if (ycp === 0x200d || ycp === 0x200c || markRe.test(y)) return false;
  if (controlRe.test(y) && !PREPEND.includes(ycp)) return true;
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
function resolve(text: string, from: number, to: number, legacy: boolean): number {
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
    const d = breakAt(text, p, legacy);
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
      while (q > start && breakAt(text, q, legacy) !== BREAK) q--;
      const found = resolve(text, q, b, legacy);
      if (found > q) return found;
      if (q > start) return q;
      break;
    }
  }
  return insidePair(text, cut) ? cut - 1 : cut;
}
