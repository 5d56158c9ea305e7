/**
 * Recognising STOP (opt-out) and START (opt-in) keywords in message text.
 *
 * @example
 * ```ts
 * import { isStopKeyword } from '@sms-partner/core';
 *
 * isStopKeyword(' Stop! '); // true
 * isStopKeyword('stop please'); // false: only the keyword alone counts
 * ```
 * @packageDocumentation
 */

/**
 * Default STOP keywords: `STOP` (the word the French commercial-SMS mention asks people to send)
 * and `ARRET`. Compared after {@link normalizeKeyword}.
 */
export const DEFAULT_STOP_KEYWORDS: readonly string[] = ['STOP', 'ARRET'];

/**
 * Upper-cases, removes accents, and trims whitespace and punctuation at both ends, so that
 * `' Stop! '`, `'stop.'` and `'Arrêt'` compare equal to `STOP` / `ARRET`.
 *
 * @example
 * ```ts
 * normalizeKeyword(' Arrêt ! '); // 'ARRET'
 * ```
 */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/**
 * Whether a message's whole text is one of the keywords (after {@link normalizeKeyword}). A
 * sentence that merely contains "stop" is not a STOP: people write "don't stop" too.
 *
 * @param keywords - words to match. @default DEFAULT_STOP_KEYWORDS
 * @example
 * ```ts
 * isStopKeyword('STOP'); // true
 * isStopKeyword('Stop SMS', ['STOP', 'STOP SMS']); // true
 * isStopKeyword('START', ['START']); // true (the same check serves START keywords)
 * ```
 */
export function isStopKeyword(
  text: string,
  keywords: readonly string[] = DEFAULT_STOP_KEYWORDS,
): boolean {
  if (text.length > 200 || keywords.length === 0) return false;
  const word = normalizeKeyword(text);
  return word !== '' && keywords.some((keyword) => normalizeKeyword(keyword) === word);
}
