/**
 * Message analysis for SMS Partner: GSM-7/UCS-2 detection, exact units and parts, splitting,
 * the platform's wire syntax and replacements, French transliteration, per-character explanation.
 *
 * @example
 * ```ts
 * import { analyzeMessage, splitMessage } from '@sms-partner/core';
 *
 * analyzeMessage('Votre code : 123456').segments; // 1
 * splitMessage('x'.repeat(200), { encoding: 'auto' }).length; // 2
 * ```
 * @packageDocumentation
 */
export { analyzeMessage, DEFAULT_STOP_MENTION } from './analyze.js';
export { type CharacterExplanation, explainMessage, type MessageExplanation } from './explain.js';
export { isGsm7Char } from './gsm.js';
export { splitMessage } from './split.js';
export { type TransliterationResult, transliterate } from './transliterate.js';
export type {
  AnalyzeMessageOptions,
  MessageAnalysis,
  MessageEncoding,
  MessageRange,
  MessageReplacement,
  MessageViolation,
  MessageViolationCode,
  ReplacementReason,
  SplitMessageOptions,
  TransliterateOptions,
  Transliterator,
  UnsupportedCharacterPolicy,
} from './types.js';
export {
  type FromWireTextOptions,
  fromWireText,
  type ToWireTextOptions,
  toWireText,
} from './wire.js';
