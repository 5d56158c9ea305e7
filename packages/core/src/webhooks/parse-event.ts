/**
 * One parser for every callback: tells delivery reports, replies, STOPs, long-number messages and
 * HLR results apart from their fields, or from the kind carried by the callback URL.
 *
 * @example
 * ```ts
 * import { parseWebhookEvent } from '@sms-partner/core';
 *
 * const event = parseWebhookEvent({ type: 'stop', phone_number: '+33600000000', text: 'STOP' });
 * if (event.type === 'stop') console.log(`${event.phoneNumber} opted out`);
 * ```
 * @packageDocumentation
 */

import {
  DELIVERY_REPORT_FIELDS,
  type ParseDeliveryReportOptions,
  parseDeliveryReport,
} from './delivery-report.js';
import { WebhookError } from './errors.js';
import { HLR_MARKER_FIELDS, parseHlrResult } from './hlr.js';
import { INBOUND_MESSAGE_FIELDS, parseInboundMessage } from './inbound-message.js';
import { FieldReader } from './internal/fields.js';
import { toWebhookPayload, type WebhookInput } from './payload.js';
import { type ParseReplyOptions, parseReply } from './reply.js';
import type { SmsPartnerWebhookEvent, WebhookPayload } from './types.js';

/**
 * Which SMS Partner URL a callback was sent to, as `createCallbackUrls` writes it in the URL:
 * `dlr` (`urlDlr`), `response` (`urlResponse`: short-number replies, STOP and long-number
 * messages) or `hlr` (the HLR `notifyUrl`).
 */
export type WebhookCallbackKind = 'dlr' | 'response' | 'hlr';

/** Every {@link WebhookCallbackKind}. */
export const WEBHOOK_CALLBACK_KINDS: readonly WebhookCallbackKind[] = ['dlr', 'response', 'hlr'];

/** Options of {@link parseWebhookEvent}: those of every parser, plus the kind. */
export interface ParseWebhookEventOptions extends ParseDeliveryReportOptions, ParseReplyOptions {
  /**
   * The URL the callback was sent to. When given, only the parsers of that kind are tried;
   * otherwise the kind is detected from the fields (see {@link detectWebhookEventType}).
   */
  kind?: WebhookCallbackKind;
}

type DetectedType = 'delivery_report' | 'reply' | 'inbound_message' | 'hlr_result';

const KIND_EVENT_TYPES: Readonly<Record<string, readonly DetectedType[]>> = {
  dlr: ['delivery_report'],
  response: ['reply', 'inbound_message'],
  hlr: ['hlr_result'],
};

// A pure IIFE: bundlers keep a top-level spread (it may run an iterator) unless told otherwise.
const INBOUND_MARKERS = /* @__PURE__ */ (() => [
  ...INBOUND_MESSAGE_FIELDS.timestamp.slice(0, 3),
  ...INBOUND_MESSAGE_FIELDS.concat,
  ...INBOUND_MESSAGE_FIELDS.concatRef,
  ...INBOUND_MESSAGE_FIELDS.keyword,
  ...INBOUND_MESSAGE_FIELDS.to,
])();

function isInbound(fields: FieldReader): boolean {
  return fields.has(['msisdn']) && (fields.has(INBOUND_MARKERS) || fields.has(['text']));
}

/**
 * The event type a payload looks like, or `undefined`:
 *
 * 1. an HLR-only field (`mccMnc`, `ported`, `errorGrpId`, `errorName`, `errorDesc`): `hlr_result`;
 * 2. a `status` or `statut` field: `delivery_report`;
 * 3. `msisdn` with `to`, `keyword`, `message-timestamp`, `concat*` or `text`: `inbound_message`;
 * 4. `type`, `text` or a number field (`phone_number`, ...): `reply` (which includes STOP).
 *
 * @example
 * ```ts
 * detectWebhookEventType({ msgId: '1', status: 'delivered' }); // 'delivery_report'
 * detectWebhookEventType({ msisdn: '336', to: '337', text: 'hi', messageId: 'x' }); // 'inbound_message'
 * ```
 */
export function detectWebhookEventType(payload: WebhookPayload): DetectedType | undefined {
  const fields = new FieldReader(payload, 'callback', false);
  if (fields.has(HLR_MARKER_FIELDS)) return 'hlr_result';
  if (fields.has(DELIVERY_REPORT_FIELDS.status)) return 'delivery_report';
  if (isInbound(fields)) return 'inbound_message';
  if (fields.has(['type', 'text', 'phone_number', 'phoneNumber'])) return 'reply';
  return undefined;
}

/**
 * Parses any callback into a {@link SmsPartnerWebhookEvent}. Throws {@link WebhookError}:
 * `unknown_event` when the payload matches no callback, `invalid_payload` or `malformed_body`
 * when it matches one but lacks what it needs.
 *
 * @example
 * ```ts
 * parseWebhookEvent('msgId=1&status=delivered', { kind: 'dlr' }).type; // 'delivery_report'
 * ```
 */
export function parseWebhookEvent(
  input: WebhookInput,
  options: ParseWebhookEventOptions = {},
): SmsPartnerWebhookEvent {
  const payload = toWebhookPayload(input);
  const detected = detectWebhookEventType(payload);
  if (options.kind !== undefined) {
    const allowed = Object.hasOwn(KIND_EVENT_TYPES, options.kind)
      ? KIND_EVENT_TYPES[options.kind]
      : undefined;
    if (!allowed) {
      throw new WebhookError('invalid_payload', 'The callback kind is not dlr, response or hlr.', {
        field: 'kind',
      });
    }
    // The URL says what the callback should be; a payload that clearly is something else was
    // sent to the wrong URL, and guessing would hide the mistake.
    if (detected !== undefined && !allowed.includes(detected)) {
      throw new WebhookError(
        'invalid_payload',
        `The callback URL is for "${options.kind}" callbacks but the payload looks like a ${detected.replace('_', ' ')}. ` +
          'Fix: pass the matching URL from createCallbackUrls.',
        { field: 'kind' },
      );
    }
    if (options.kind === 'dlr') return parseDeliveryReport(payload, options);
    if (options.kind === 'hlr') return parseHlrResult(payload, options);
    return isInbound(new FieldReader(payload, 'callback', false))
      ? parseInboundMessage(payload, options)
      : parseReply(payload, options);
  }
  switch (detected) {
    case 'hlr_result':
      return parseHlrResult(payload, options);
    case 'delivery_report':
      return parseDeliveryReport(payload, options);
    case 'inbound_message':
      return parseInboundMessage(payload, options);
    case 'reply':
      return parseReply(payload, options);
    default:
      throw new WebhookError(
        'unknown_event',
        'The payload is not a delivery report, reply, inbound message or HLR result. ' +
          'Fix: check what is posting to this URL.',
      );
  }
}
