/**
 * SMS received on a long (virtual) number, sent to `urlResponse`. One callback per part: a
 * multipart message carries `concat`, `concat-ref`, `concat-total` and `concat-part`, and is put
 * back together by {@link createConcatAssembler} (the webhook handler does it for you).
 *
 * @example
 * ```ts
 * import { parseInboundMessage } from '@sms-partner/core';
 *
 * const message = parseInboundMessage({
 *   msisdn: '33600000000', to: '33700000000', messageId: '1235-1234-1233-4665',
 *   text: 'Test', type: 'text', keyword: 'TEST', 'message-timestamp': '2016-03-10 09:51:46',
 * });
 * message.timestamp?.toISOString(); // '2016-03-10T08:51:46.000Z' (Paris wall time)
 * ```
 * @packageDocumentation
 */

import type { ParseOptions } from './delivery-report.js';
import { WebhookError } from './errors.js';
import { FieldReader } from './internal/fields.js';
import { toWebhookPayload, type WebhookInput } from './payload.js';
import { DEFAULT_STOP_KEYWORDS, isStopKeyword } from './stop-keywords.js';
import type { ConcatInfo, InboundMessageEvent } from './types.js';

/** Field names tried, in order, for each value of a long-number inbound message. */
export const INBOUND_MESSAGE_FIELDS = {
  from: ['msisdn', 'from'],
  to: ['to'],
  messageId: ['messageId', 'message_id', 'msgId'],
  text: ['text', 'message'],
  messageType: ['type'],
  keyword: ['keyword'],
  timestamp: ['message-timestamp', 'message_timestamp', 'messageTimestamp', 'timestamp', 'date'],
  concat: ['concat'],
  concatRef: ['concat-ref', 'concat_ref', 'concatRef'],
  concatTotal: ['concat-total', 'concat_total', 'concatTotal'],
  concatPart: ['concat-part', 'concat_part', 'concatPart'],
} as const satisfies Record<string, readonly string[]>;

/** Highest number of parts a concatenated SMS can have (one byte in the user-data header). */
const MAX_PARTS = 255;

/** Options of {@link parseInboundMessage}. */
export interface ParseInboundMessageOptions extends ParseOptions {
  /**
   * Texts flagged with `isStopKeyword`. SMS Partner documents no STOP handling for long
   * numbers, so such a message stays an `inbound_message`; act on the flag if you wish.
   * @default ['STOP', 'ARRET']
   */
  stopKeywords?: readonly string[];
}

function readConcat(fields: FieldReader): ConcatInfo | undefined {
  const flag = fields.bool(INBOUND_MESSAGE_FIELDS.concat);
  const hasRef = fields.has(INBOUND_MESSAGE_FIELDS.concatRef);
  if (flag !== true && !hasRef) return undefined;
  const ref = fields.id(INBOUND_MESSAGE_FIELDS.concatRef, true);
  const total = fields.int(INBOUND_MESSAGE_FIELDS.concatTotal, true) ?? 0;
  const part = fields.int(INBOUND_MESSAGE_FIELDS.concatPart, true) ?? 0;
  if (total < 1 || total > MAX_PARTS || part < 1 || part > total) {
    throw new WebhookError(
      'invalid_payload',
      `The inbound message part numbers are inconsistent: concat-part must be 1 to concat-total, and concat-total 1 to ${MAX_PARTS}.`,
      { field: 'concat-part' },
    );
  }
  return { ref, total, part };
}

/**
 * Parses one long-number inbound callback. For a part of a multipart message the result has
 * `concat` set and only that part's text; pass it to a {@link ConcatAssembler} to get the whole
 * message. Requires `msisdn` and `messageId`; `text` may be empty.
 *
 * @example
 * ```ts
 * const part = parseInboundMessage('msisdn=33600000000&to=33700000000&messageId=a1&text=Hel' +
 *   '&concat=true&concat-ref=7&concat-total=2&concat-part=1');
 * part.concat; // { ref: '7', total: 2, part: 1 }
 * ```
 */
export function parseInboundMessage(
  input: WebhookInput,
  options: ParseInboundMessageOptions = {},
): InboundMessageEvent {
  const raw = toWebhookPayload(input);
  const fields = new FieldReader(raw, 'inbound message', options.strict ?? false);
  const text = fields.text(INBOUND_MESSAGE_FIELDS.text) ?? '';
  return {
    type: 'inbound_message',
    messageId: fields.id(INBOUND_MESSAGE_FIELDS.messageId, true),
    from: fields.phone(INBOUND_MESSAGE_FIELDS.from, true),
    to: fields.phone(INBOUND_MESSAGE_FIELDS.to),
    text,
    keyword: fields.word(INBOUND_MESSAGE_FIELDS.keyword),
    messageType: fields.word(INBOUND_MESSAGE_FIELDS.messageType),
    timestamp: fields.date(INBOUND_MESSAGE_FIELDS.timestamp),
    concat: readConcat(fields),
    parts: undefined,
    partial: false,
    missingParts: [],
    isStopKeyword: isStopKeyword(text, options.stopKeywords ?? DEFAULT_STOP_KEYWORDS),
    raw,
  };
}
