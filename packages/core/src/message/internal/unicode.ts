/**
 * Code point primitives for the grapheme-boundary logic, and RegExp property tests for the
 * characters its tables do not list.
 */

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

let propertyRe: RegExp | undefined;

/**
 * Grapheme-break class from RegExp property escapes, for characters the tables do not list:
 * 1 Grapheme_Extend, 2 spacing mark (General_Category Mc, plus the Thai and Lao AM vowels), 3
 * control (Cc, Cf but ZWNJ, ZWJ and Prepend, Zl, Zp, lone surrogates), 0 anything else.
 */
export function propertyClass(cp: number): number {
  propertyRe ??= /(\p{Grapheme_Extend})|([\p{Mc}\u0e33\u0eb3])|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
  const m = propertyRe.exec(String.fromCodePoint(cp));
  return m === null ? 0 : m[1] ? 1 : m[2] ? 2 : PREPEND.includes(cp) || cp === 0x200d ? 0 : 3;
}
