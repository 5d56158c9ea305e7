/**
 * Code point primitives for the grapheme-boundary logic.
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
