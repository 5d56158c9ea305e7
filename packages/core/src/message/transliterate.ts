/**
 * Opt-in French-aware transliteration that keeps a message in GSM-7.
 */
import { analyzeInternal } from './analyze.js';
import { gsmTable } from './internal/gsm-table.js';
import { transliterateChar } from './internal/transliterate-table.js';
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
  /** Encoding and parts before, in `encoding: 'auto'` mode. */
  before: { encoding: MessageEncoding; segments: number };
  /** Encoding and parts after, in `encoding: 'auto'` mode. */
  after: { encoding: MessageEncoding; segments: number };
  /** `before.segments - after.segments`: the SMS saved per recipient. */
  segmentsSaved: number;
}

const isMark = (c: number) => c >= 0x300 && c <= 0x36f;

/**
 * Replaces the characters GSM-7 cannot encode by their closest GSM-7 spelling, the way a French
 * writer would accept it: typographic quotes → `'` `"`, dashes → `-`, `…` → `...`, no-break and
 * narrow no-break spaces (U+00A0, U+202F) → space, invisible characters removed, `ê â î ô û ë ï ÿ`
 * → `e a i o u e i y` (and capitals), `œ` → `oe`, `ç` → `c` (or `Ç`, see the option), decomposed
 * accents recomposed (`e` + U+0301 → `é`, which GSM-7 has). Characters GSM-7 already has
 * (é è à ù É Ç...) are kept; what has no GSM-7 spelling (emoji, most other scripts) is left.
 *
 * A message with only a few such characters goes back from UCS-2 (70/67 per SMS) to GSM-7
 * (160/153): often half the SMS. Pass it to `analyzeMessage` as the `transliterate` option to
 * analyse (and send) the transliterated text.
 *
 * @param text - The message.
 * @param options - `cedilla` and `extra` replacements.
 * @throws {SmsPartnerValidationError} When `text` is not a string.
 * @example
 * ```ts
 * const r = transliterate('Ça coûte 10 € – à bientôt…');
 * r.text;           // 'Ça coute 10 € - à bientot...'
 * r.after.encoding; // 'gsm7' (before: 'ucs2')
 * ```
 */
export function transliterate(
  text: string,
  options: TransliterateOptions = {},
): TransliterationResult {
  assertText(text);
  const t = gsmTable();
  const n = text.length;
  const replacements: MessageReplacement[] = [];
  let out = '';
  let run = 0;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (t[c]! & 3) {
      i++;
      continue;
    }
    let marks = 0;
    while (isMark(text.charCodeAt(i + marks))) marks++;
    // Marks right after a kept GSM-7 letter: compose with it first (e + U+0301 → é).
    if (marks > 0 && i > run) {
      const from = text.slice(i - 1, i + marks);
      const to = transliterateChar(from, options);
      if (to !== undefined) {
        out += text.slice(run, i - 1) + to;
        replacements.push({ index: i - 1, from, to, reason: 'transliteration' });
        i += marks;
        run = i;
        continue;
      }
    }
    const k = (c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    let m = k;
    while (isMark(text.charCodeAt(i + m))) m++;
    let from = text.slice(i, i + m);
    let to = transliterateChar(from, options);
    if (to === undefined && m > k) {
      m = k;
      from = text.slice(i, i + k);
      to = transliterateChar(from, options);
    }
    if (to === undefined) {
      i += k;
      continue;
    }
    out += text.slice(run, i) + to;
    replacements.push({ index: i, from, to, reason: 'transliteration' });
    i += m;
    run = i;
  }
  out += text.slice(run);
  const a = analyzeInternal(text, { encoding: 'auto' });
  const b = analyzeInternal(out, { encoding: 'auto' });
  return {
    text: out,
    replacements,
    remaining: b.nonGsmCharacters,
    before: { encoding: a.encoding, segments: a.segments },
    after: { encoding: b.encoding, segments: b.segments },
    segmentsSaved: a.segments - b.segments,
  };
}
