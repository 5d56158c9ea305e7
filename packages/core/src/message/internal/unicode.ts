/**
 * Code point primitives shared by the grapheme-boundary logic: a small exact classification of
 * the ranges SMS text actually uses, and RegExp-property fallbacks for the rest.
 */

export const CONTROL = 0;
export const OTHER = 1;
export const EXTEND = 2;
export const ZWJ = 3;
export const RI = 4;
export const PICT = 5;
export const UNKNOWN = 6;

export type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6;

let pictRe: RegExp | undefined;
function isPict(cp: number): boolean {
  pictRe ??= /\p{Extended_Pictographic}/u;
  return pictRe.test(String.fromCodePoint(cp));
}

/**
 * Grapheme-break class of a code point, exact for the ranges listed (checked against
 * Intl.Segmenter in the tests), UNKNOWN elsewhere. OTHER: never joins the previous character
 * and is not Extended_Pictographic. EXTEND includes the emoji modifiers.
 */
export function kind(cp: number): Kind {
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
export function cpAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Index where the code point ending just before `end` starts. */
export function cpStartBefore(text: string, end: number): number {
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

/** Grapheme_Cluster_Break=Prepend (Unicode 15). */
export const PREPEND = [
  0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0xd4e, 0x110bd,
  0x110cd, 0x111c2, 0x111c3, 0x1193f, 0x11941, 0x11a3a, 0x11a84, 0x11a85, 0x11a86, 0x11a87, 0x11a88,
  0x11a89, 0x11d46, 0x11f02,
];

/** Hangul syllable type: 1 = L, 2 = V, 3 = T, 4 = LV, 5 = LVT, 0 = none. */
export function hangul(cp: number): number {
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) return 1;
  if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6)) return 2;
  if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) return 3;
  if (cp >= 0xac00 && cp <= 0xd7a3) return (cp - 0xac00) % 28 === 0 ? 4 : 5;
  return 0;
}

let extendRe: RegExp | undefined;
let spacingRe: RegExp | undefined;
let controlRe: RegExp | undefined;

/** Grapheme_Extend (RegExp property), for code points {@link kind} does not know. */
export function isGraphemeExtend(cp: number): boolean {
  extendRe ??= /^\p{Grapheme_Extend}$/u;
  return extendRe.test(String.fromCodePoint(cp));
}

/** Spacing marks: General_Category Mc, plus the Thai and Lao AM vowels (Lo). */
export function isSpacingMark(cp: number): boolean {
  spacingRe ??= /^\p{Mc}$/u;
  return cp === 0xe33 || cp === 0xeb3 || spacingRe.test(String.fromCodePoint(cp));
}

/** Grapheme_Cluster_Break=Control: controls, formats (but ZWNJ, ZWJ, Prepend), separators. */
export function isControl(cp: number): boolean {
  if (cp === 0x200c || cp === 0x200d || PREPEND.includes(cp)) return false;
  controlRe ??= /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;
  return controlRe.test(String.fromCodePoint(cp));
}
