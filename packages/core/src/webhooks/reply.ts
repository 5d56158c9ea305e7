/**
 * Replies to short-number (Premium) SMS and STOP replies, sent to `urlResponse` or to the reply
 * URL set in the dashboard.
 *
 * @example
 * ```ts
 * import { parseReply } from '@sms-partner/core';
 *
 * parseReply({ type: 'stop', phone_number: '+33600000000', text: 'Stop', message_id: 111111 });
 * // { type: 'stop', phoneNumber: '+33600000000', text: 'Stop', messageId: '111111', detectedBy: 'type', raw }
 * ```
 * @packageDocumentation
 */

import type { ParseOptions } from './delivery-report.js';
import { FieldReader } from './internal/fields.js';
import { toWebhookPayload, type WebhookInput } from './payload.js';
import { DEFAULT_STOP_KEYWORDS, isStopKeyword } from './stop-keywords.js';
import type { ReplyEvent, StopEvent } from './types.js';

/** Field names tried, in order, for each value of a short-number reply. */
export const REPLY_FIELDS = {
  type: ['type'],
  phoneNumber: ['phone_number', 'phoneNumber', 'phone', 'number', 'from'],
  text: ['text', 'message', 'content'],
  messageId: ['message_id', 'messageId', 'msgId'],
} as const satisfies Record<string, readonly string[]>;

/** Options of {@link parseReply}. */
export interface ParseReplyOptions extends ParseOptions {
  /**
   * Texts that make a reply without a `type` field a STOP (compared after trimming whitespace and
   * punctuation, ignoring case and accents). A payload with `type: "response"` stays a reply
   * whatever its text (its `isStopKeyword` says so); `[]` turns text detection off.
   * @default ['STOP', 'ARRET']
   */
  stopKeywords?: readonly string[];
}

/**
 * Parses a short-number reply: `type: "stop"` gives a {@link StopEvent}, any other `type`
 * (normally `"response"`) a {@link ReplyEvent}. Without `type`, the text decides (see
 * `stopKeywords`). Requires the replier's number, and the text for a reply.
 *
 * @example
 * ```ts
 * const event = parseReply({ type: 'response', phone_number: '+33600000000', text: 'Oui', message_id: 1 });
 * if (event.type === 'reply') console.log(event.text); // 'Oui'
 * ```
 */
export function parseReply(
  input: WebhookInput,
  options: ParseReplyOptions = {},
): ReplyEvent | StopEvent {
  const raw = toWebhookPayload(input);
  const fields = new FieldReader(raw, 'reply', options.strict ?? false);
  const rawType = fields.word(REPLY_FIELDS.type);
  const phoneNumber = fields.phone(REPLY_FIELDS.phoneNumber, true);
  const messageId = fields.id(REPLY_FIELDS.messageId);
  const keywords = options.stopKeywords ?? DEFAULT_STOP_KEYWORDS;
  const typeWord = rawType?.toLowerCase();

  if (typeWord === 'stop') {
    const text = fields.text(REPLY_FIELDS.text) ?? '';
    return { type: 'stop', phoneNumber, text, messageId, detectedBy: 'type', raw };
  }
  const text = fields.text(REPLY_FIELDS.text, true) ?? '';
  const stopWord = isStopKeyword(text, keywords);
  if (rawType === undefined && stopWord) {
    return { type: 'stop', phoneNumber, text, messageId, detectedBy: 'text', raw };
  }
  return { type: 'reply', phoneNumber, text, messageId, rawType, isStopKeyword: stopWord, raw };
}
