/**
 * Grapheme-cluster boundaries, decided only where a part must end, never over the whole text.
 *
 * - Generic mode (`legacy`) reproduces the reference calculator's Unicode 10 rules exactly
 *   (graphemes-legacy.ts), so that counts equal Twilio's.
 * - SMS Partner mode follows current Unicode: positions where a break is certain (next to a
 *   control, before a character that joins nothing) are decided from tables; the others by
 *   `Intl.Segmenter` over the smallest window starting at a certain boundary, or, where
 *   `Intl.Segmenter` does not exist, by the Unicode 10 rules (a correct UAX #29 of 2017: only
 *   emoji sequences standardised later may be split there).
 *
 * One deliberate departure from UAX #29 in both: CR LF is breakable, because the reference
 * calculators count and place CR and LF separately, and a carrier splits septets, not
 * graphemes, so a part ending in CR is delivered intact. A lone surrogate is a Control, as UAX
 * #29 says (ICU reads it as U+FFFD).
 */
import { certainBreak, legacyBreak } from './graphemes-legacy.js';
import { insidePair } from './unicode.js';

let segmenter: Intl.Segmenter | null | undefined;

/** Set to true to ignore `Intl.Segmenter` (tests of the fallback). */
export const forceFallback = { value: false };

/** Largest boundary in (`from`, `to`], `from` being a boundary, or -1 (current Unicode). */
function resolve(text: string, from: number, to: number): number {
  segmenter ??=
    typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
      ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
      : null;
  if (segmenter === null || forceFallback.value) {
    for (let p = to; p > from; p--) if (!insidePair(text, p) && legacyBreak(text, p)) return p;
    return -1;
  }
  // UAX #29 rules look at one code point after a boundary: text up to to + 2 units is enough.
  let best = -1;
  for (const { index, segment } of segmenter.segment(text.slice(from, to + 2))) {
    const at = from + index;
    if (at > to) break;
    if (at > from) best = at;
    if (segment === '\r\n' && at < to) best = at + 1;
  }
  return best;
}

/**
 * Largest grapheme boundary `b` with `start < b <= cut` (`cut < text.length`). When one grapheme
 * spans the whole range, returns the largest code point boundary instead: a part then holds a
 * slice of that grapheme, which is the only way to respect the part size.
 */
export function findBreak(text: string, start: number, cut: number, legacy: boolean): number {
  for (let b = cut; b > start; b--) {
    if (insidePair(text, b)) continue;
    if (legacy ? legacyBreak(text, b) : certainBreak(text, b, false)) return b;
    if (!legacy) {
      let q = b - 1;
      while (q > start && (insidePair(text, q) || !certainBreak(text, q, false))) q--;
      const found = resolve(text, q, b);
      if (found > q) return found;
      if (q > start) return q;
      break;
    }
  }
  return insidePair(text, cut) ? cut - 1 : cut;
}
