/**
 * Opt-in French-aware transliteration that keeps a message in GSM-7.
 */
import { analyzeInternal } from './analyze.js';
import { render } from './internal/render.js';
import { assertText } from './internal/validate.js';
import type { MessageEncoding, MessageReplacement, TransliterateOptions } from './types.js';

/** The result of {@link transliterate}. */
export interface TransliterationResult {
  /** The transliterated text. */
  text: string;
  /** Every replacement made (`reason: 'transliteration'`), with its index in the input. */
  replacements: readonly MessageReplacement[];
  /** Characters still outside GSM-7 afterwards (emoji, other scripts...). */
  remaining: readonly string[];
  /** Encoding and parts before and after, in `encoding: 'auto'` mode. */
  before: { encoding: MessageEncoding; segments: number };
  after: { encoding: MessageEncoding; segments: number };
  /** `before.segments - after.segments`: the SMS saved per recipient. */
  segmentsSaved: number;
}

/**
 * Replaces the characters GSM-7 cannot encode by their closest GSM-7 spelling, the way a French
 * writer would accept: typographic quotes → `'` `"`, dashes → `-`, `…` → `...`, no-break and
 * narrow no-break spaces (U+00A0, U+202F) → space, invisible characters removed, `ê â î ô û ë ï`
 * → `e a i o u e i` (and capitals), `œ` → `oe`, `ç` → `c` (or `Ç`, see the option), decomposed
 * accents recomposed (`e` + U+0301 → `é`, which GSM-7 has). Characters that are already GSM-7
 * (é è à ù É Ç ...) are kept. What has no GSM-7 spelling (emoji, most other scripts) is left.
 *
 * A message that only had a few such characters goes back from UCS-2 (70/67 per SMS) to GSM-7
 * (160/153): often half the SMS.
 *
 * @example
 * ```ts
 * const r = transliterate('Ça coûte 10 € – à bientôt…');
 * r.text;          // 'Ca coute 10 € - à bientot...'
 * r.segmentsSaved; // 0 (one SMS either way), but r.after.encoding === 'gsm7'
 * ```
 */
export function transliterate(
  text: string,
  options: TransliterateOptions = {},
): TransliterationResult {
  assertText(text);
  const r = render(text, {
    wireSyntax: false,
    platform: false,
    applyReplacements: false,
    gsmOnly: false,
    unsupported: 'unicode',
    euroAs: '€',
    unicode: true,
    translit: options,
  });
  const a = analyzeInternal(text, { encoding: 'auto' });
  const b = analyzeInternal(r.wire, { encoding: 'auto' });
  return {
    text: r.wire,
    replacements: r.replacements,
    remaining: b.nonGsmCharacters,
    before: { encoding: a.encoding, segments: a.segments },
    after: { encoding: b.encoding, segments: b.segments },
    segmentsSaved: a.segments - b.segments,
  };
}
