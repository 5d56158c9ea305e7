/**
 * Splitting a message into the texts of its parts.
 */
import { analyzeInternal } from './analyze.js';
import type { SplitMessageOptions } from './types.js';

/**
 * Splits a message into the texts of the SMS it will be delivered as, with exactly the rules of
 * {@link analyzeMessage}: `splitMessage(text, options).length === analyzeMessage(text, options).segments`
 * for every text.
 *
 * A part never exceeds its limit (153 septets or 67 UTF-16 units when there are several, 160 or
 * 70 for a single one) and never splits a GSM-7 escape pair, a surrogate pair or a grapheme
 * cluster, with two exceptions shared with the reference calculator (Twilio's): CR LF may be
 * split (each is one septet), and a single grapheme longer than a part is cut at a code point
 * boundary, because nothing else fits.
 *
 * In `encoding: 'auto'` mode the parts joined give back the input. In SMS Partner mode they
 * join into `deliveredText` (replacements applied, line breaks as CR LF, STOP mention
 * included): what the recipient's phone shows, part by part.
 *
 * @param text - The message as typed.
 * @param options - The same options as {@link analyzeMessage}.
 * @returns One string per part, at least one (`['']` for an empty message).
 * @throws {SmsPartnerValidationError} When `text` is not a string or an option is invalid.
 *
 * @example
 * ```ts
 * import { splitMessage } from '@sms-partner/core';
 *
 * const parts = splitMessage('a'.repeat(152) + '€' + 'b'.repeat(10), { encoding: 'auto' });
 * parts.map((p) => p.length); // [152, 11]: '€' (2 septets) does not fit at septet 153
 * ```
 */
export function splitMessage(text: string, options?: SplitMessageOptions): string[] {
  const cuts: number[] = [];
  const delivered = analyzeInternal(text, options, cuts).deliveredText;
  const parts: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(delivered.slice(start, cut));
    start = cut;
  }
  parts.push(delivered.slice(start));
  return parts;
}
