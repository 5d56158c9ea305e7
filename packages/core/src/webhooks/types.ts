/**
 * The typed events SMS Partner callbacks are parsed into.
 *
 * @example
 * ```ts
 * import type { SmsPartnerWebhookEvent } from '@sms-partner/core';
 *
 * function describe(event: SmsPartnerWebhookEvent): string {
 *   switch (event.type) {
 *     case 'delivery_report': return `${event.messageId}: ${event.status}`;
 *     case 'stop': return `${event.phoneNumber} opted out`;
 *     case 'reply': return `${event.phoneNumber} replied ${event.text}`;
 *     case 'inbound_message': return `${event.from} wrote ${event.text}`;
 *     case 'hlr_result': return `${event.phoneNumber}: ${event.errorName ?? 'ok'}`;
 *   }
 * }
 * ```
 * @packageDocumentation
 */

/**
 * A callback payload as received: a flat object of the JSON body, or of the form / query fields
 * (first value of each name). Kept on every event as `raw`.
 */
export type WebhookPayload = Readonly<Record<string, unknown>>;

/** How the payload arrived. */
export type WebhookPayloadFormat = 'json' | 'form' | 'multipart' | 'query' | 'object';

/**
 * Normalised delivery status.
 *
 * - `delivered`: on the handset (`delivered`, `Delivered`, `DELIVRD`).
 * - `not_delivered`: final failure at the operator (`not delivered`, `UNDELIV`, `EXPIRED`, `REJECTD`).
 * - `waiting`: sent, final status not known yet (`waiting`, `PENDING`, `ACCEPTD`, `ENROUTE`, `sent`).
 * - `ko`: SMS Partner could not send it (`ko`: "problem, contact support").
 * - `unknown`: `UNKNOWN` or any word the SDK does not know (see `rawStatus`).
 */
export type DeliveryStatus = 'delivered' | 'not_delivered' | 'waiting' | 'ko' | 'unknown';

/** Fields shared by every event. */
export interface WebhookEventBase {
  /** The payload exactly as received (see {@link WebhookPayload}). */
  readonly raw: WebhookPayload;
}

/**
 * A delivery report sent to `urlDlr`. Provisional: SMS Partner does not document this callback;
 * the field names follow the best evidence (see the README).
 */
export interface DeliveryReportEvent extends WebhookEventBase {
  /** Discriminant: a delivery report (`urlDlr`). */
  readonly type: 'delivery_report';
  /** The send's id (`message_id` returned by `/v1/send`), from `msgId`, `messageId` or `message_id`. */
  readonly messageId: string;
  /** The recipient, as received (`phone`, `phoneNumber`, `phone_number`, `number` or `msisdn`). */
  readonly phoneNumber: string | undefined;
  /** Normalised status. */
  readonly status: DeliveryStatus;
  /** The status word as received, trimmed (`status` or `statut`). */
  readonly rawStatus: string;
  /** The operator / SMPP error code, when the payload carries one. */
  readonly errorCode: string | undefined;
  /** When the status was reached (epoch seconds, or Europe/Paris wall time, or ISO-8601). */
  readonly date: Date | undefined;
  /** Price of this SMS as a decimal string (`"0.049"`), never a float. */
  readonly cost: string | undefined;
  /** Currency of `cost` (`"EUR"`). */
  readonly currency: string | undefined;
  /** The `tag` given when sending. */
  readonly tag: string | undefined;
}

/** A reply to a short-number (Premium) SMS, sent to `urlResponse`. */
export interface ReplyEvent extends WebhookEventBase {
  /** Discriminant: a reply (`urlResponse`). */
  readonly type: 'reply';
  /** Who replied, as received (international, with `+`). */
  readonly phoneNumber: string;
  /** The reply text. */
  readonly text: string;
  /** The id of the send being replied to, when present. */
  readonly messageId: string | undefined;
  /** The `type` field as received (`response`, or an unknown word). */
  readonly rawType: string | undefined;
  /**
   * True when the text is a STOP keyword although SMS Partner did not flag it as a STOP (see
   * `stopKeywords`). SMS Partner's own classification wins; this is a hint.
   */
  readonly isStopKeyword: boolean;
}

/**
 * An opt-out: a short-number reply SMS Partner flagged `type: "stop"`, or one without `type` whose
 * text is a STOP keyword. Update your opt-out list (see `createOptOutTracker`).
 */
export interface StopEvent extends WebhookEventBase {
  /** Discriminant: an opt-out (STOP). */
  readonly type: 'stop';
  /** Who opted out, as received. */
  readonly phoneNumber: string;
  /** The text they sent (`"Stop"`, `"STOP"` ...), possibly empty. */
  readonly text: string;
  /** The id of the send being replied to, when present. */
  readonly messageId: string | undefined;
  /** Why this is a STOP: SMS Partner said so (`type`), or the text matched a keyword (`text`). */
  readonly detectedBy: 'type' | 'text';
}

/** Where one part of a concatenated inbound message sits. */
export interface ConcatInfo {
  /** Reference shared by every part (`concat-ref`). */
  readonly ref: string;
  /** Number of parts (`concat-total`). */
  readonly total: number;
  /** This part's position, from 1 (`concat-part`). */
  readonly part: number;
}

/** One received part of a reassembled inbound message. */
export interface InboundMessagePart {
  /** Position, from 1. */
  readonly part: number;
  /** This part's `messageId`. */
  readonly messageId: string;
  /** This part's text. */
  readonly text: string;
  /** This part's payload. */
  readonly raw: WebhookPayload;
}

/**
 * An SMS received on a long (virtual) number, sent to `urlResponse`. Multipart messages are
 * reassembled by the handler before they reach `onInboundMessage`.
 */
export interface InboundMessageEvent extends WebhookEventBase {
  /** Discriminant: an SMS to your long number. */
  readonly type: 'inbound_message';
  /** The inbound id (`messageId`); for a reassembled message, the id of its lowest part. */
  readonly messageId: string;
  /** The sender (`msisdn`), as received: international digits without `+`. */
  readonly from: string;
  /** Your virtual number (`to`), as received. */
  readonly to: string | undefined;
  /** The text; for a reassembled message, the parts joined in order. */
  readonly text: string;
  /** First word of the text as SMS Partner reports it (`keyword`). */
  readonly keyword: string | undefined;
  /** The `type` field (`text`, `unicode`, ...). */
  readonly messageType: string | undefined;
  /** `message-timestamp` (Europe/Paris wall time, as the docs give no zone). */
  readonly timestamp: Date | undefined;
  /** Set on a single part of a concatenated message (what the parser returns for one callback). */
  readonly concat: ConcatInfo | undefined;
  /** The received parts, in order, when this event is a reassembled message. */
  readonly parts: readonly InboundMessagePart[] | undefined;
  /** True when the reassembly timed out before every part arrived (see `missingParts`). */
  readonly partial: boolean;
  /** Positions that never arrived (empty unless `partial`). */
  readonly missingParts: readonly number[];
  /** True when the text is a STOP keyword (SMS Partner documents no STOP flag for long numbers). */
  readonly isStopKeyword: boolean;
}

/** The result of an HLR lookup, sent to `notifyUrl`. */
export interface HlrResultEvent extends WebhookEventBase {
  /** Discriminant: an HLR result (`notifyUrl`). */
  readonly type: 'hlr_result';
  /** The number looked up (`phone`). */
  readonly phoneNumber: string;
  /** The lookup id (`messageId`), when present. */
  readonly messageId: string | undefined;
  /** Network code `mccMnc` (`"20815"`), as a string to keep leading zeros. */
  readonly mccMnc: string | undefined;
  /** Whether the number was ported to another network. */
  readonly ported: boolean | undefined;
  /** `errorGrpId` (0 = no error). */
  readonly errorGroupId: number | undefined;
  /** `errorName`, trimmed (`"NO_ERROR"`). */
  readonly errorName: string | undefined;
  /** `errorDesc`. */
  readonly errorDescription: string | undefined;
  /** When the lookup was made. */
  readonly date: Date | undefined;
}

/** Every event a callback can produce. Branch on `type`. */
export type SmsPartnerWebhookEvent =
  | DeliveryReportEvent
  | ReplyEvent
  | StopEvent
  | InboundMessageEvent
  | HlrResultEvent;

/** The `type` of a {@link SmsPartnerWebhookEvent}. */
export type SmsPartnerWebhookEventType = SmsPartnerWebhookEvent['type'];
