/**
 * Delivery reports (`urlDlr`). SMS Partner does not document this callback; the parser accepts
 * every shape the evidence allows (see the README) and says which one it read.
 *
 * @example
 * ```ts
 * import { parseDeliveryReport } from '@sms-partner/core';
 *
 * const report = parseDeliveryReport({
 *   status: 'delivered', msgId: '11111111', date: 1764768485,
 *   phone: '+33600000000', cost: '0.049', currency: 'EUR', tag: 'mytag',
 * });
 * report.status; // 'delivered'
 * report.date?.toISOString(); // '2025-12-03T13:28:05.000Z'
 * ```
 * @packageDocumentation
 */

import { FieldReader } from './internal/fields.js';
import { toWebhookPayload, type WebhookInput } from './payload.js';
import type { DeliveryReportEvent, DeliveryStatus } from './types.js';

/** Field names tried, in order, for each value of a delivery report. */
export const DELIVERY_REPORT_FIELDS = {
  messageId: ['msgId', 'messageId', 'message_id', 'msg_id', 'id'],
  phoneNumber: ['phone', 'phoneNumber', 'phone_number', 'number', 'msisdn'],
  status: ['status', 'statut'],
  errorCode: ['errorCode', 'error_code', 'err', 'statusCode', 'status_code'],
  date: ['date', 'deliveryDate', 'delivery_date', 'statusDate', 'status_date', 'timestamp'],
  cost: ['cost', 'price', 'cout'],
  currency: ['currency', 'devise'],
  tag: ['tag'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Status words and what they mean, keyed by their normalised form (lower case, runs of spaces,
 * `_` and `-` turned into one space). Sources: the "status list" and "status error codes" of SMS
 * Partner's error-codes page, the capitalised words of the status API, and `sent` (a third-party
 * integration maps it; harmless).
 */
export const DEFAULT_DELIVERY_STATUS_MAP: Readonly<Record<string, DeliveryStatus>> = {
  delivered: 'delivered',
  delivrd: 'delivered',
  'not delivered': 'not_delivered',
  notdelivered: 'not_delivered',
  undeliv: 'not_delivered',
  undelivered: 'not_delivered',
  expired: 'not_delivered',
  rejectd: 'not_delivered',
  rejected: 'not_delivered',
  waiting: 'waiting',
  pending: 'waiting',
  acceptd: 'waiting',
  accepted: 'waiting',
  enroute: 'waiting',
  'en route': 'waiting',
  sent: 'waiting',
  ko: 'ko',
  unknown: 'unknown',
};

function statusKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/**
 * Maps a status word to a {@link DeliveryStatus}, case-insensitively. Unknown words give
 * `'unknown'`.
 *
 * @param raw - the status as received (`'Not delivered'`, `'DELIVRD'`, ...).
 * @param statusMap - extra or overriding words, keyed as written (they are normalised too).
 * @example
 * ```ts
 * normalizeDeliveryStatus('Not delivered'); // 'not_delivered'
 * normalizeDeliveryStatus('DELIVRD'); // 'delivered'
 * normalizeDeliveryStatus('BUFFERED', { buffered: 'waiting' }); // 'waiting'
 * ```
 */
export function normalizeDeliveryStatus(
  raw: string,
  statusMap?: Readonly<Record<string, DeliveryStatus>>,
): DeliveryStatus {
  // The usual case: a word of the default table as it stands ('delivered').
  if (!statusMap && Object.hasOwn(DEFAULT_DELIVERY_STATUS_MAP, raw)) {
    return DEFAULT_DELIVERY_STATUS_MAP[raw] as DeliveryStatus;
  }
  const key = statusKey(raw);
  if (statusMap) {
    for (const [word, status] of Object.entries(statusMap)) {
      if (statusKey(word) === key) return status;
    }
  }
  return Object.hasOwn(DEFAULT_DELIVERY_STATUS_MAP, key)
    ? (DEFAULT_DELIVERY_STATUS_MAP[key] as DeliveryStatus)
    : 'unknown';
}

/** Options shared by the parsers. */
export interface ParseOptions {
  /**
   * Throw `invalid_payload` when an optional field (date, cost, ...) is present but unusable.
   * By default such a field is left `undefined` and its value stays in `raw`, because losing a
   * callback over a date format the vendor never documented is worse.
   * @default false
   */
  strict?: boolean;
}

/** Options of {@link parseDeliveryReport}. */
export interface ParseDeliveryReportOptions extends ParseOptions {
  /**
   * Extra status words, or overrides of the default mapping (see
   * {@link DEFAULT_DELIVERY_STATUS_MAP}).
   * @default {}
   * @example { buffered: 'waiting', failed: 'ko' }
   */
  statusMap?: Readonly<Record<string, DeliveryStatus>>;
}

/**
 * Parses a delivery report. Accepts a parsed JSON object, form or query fields, or the raw body.
 *
 * Requires a message id (`msgId`, `messageId`, `message_id`) and a status (`status`, `statut`);
 * throws {@link WebhookError} `invalid_payload` or `malformed_body` otherwise. The date may be
 * epoch seconds (number or string), epoch milliseconds, `YYYY-MM-DD HH:mm:ss` read as
 * Europe/Paris time, or ISO-8601 with a zone; `0` means no date.
 *
 * @example
 * ```ts
 * parseDeliveryReport('msgId=42&phoneNumber=%2B33600000000&statut=Not%20delivered&date=2025-12-03%2014:28:05');
 * // { type: 'delivery_report', messageId: '42', status: 'not_delivered',
 * //   rawStatus: 'Not delivered', date: 2025-12-03T13:28:05.000Z, ... }
 * ```
 */
export function parseDeliveryReport(
  input: WebhookInput,
  options: ParseDeliveryReportOptions = {},
): DeliveryReportEvent {
  const raw = toWebhookPayload(input);
  const fields = new FieldReader(raw, 'delivery report', options.strict ?? false);
  const rawStatus = fields.word(DELIVERY_REPORT_FIELDS.status, true);
  return {
    type: 'delivery_report',
    messageId: fields.id(DELIVERY_REPORT_FIELDS.messageId, true),
    phoneNumber: fields.phone(DELIVERY_REPORT_FIELDS.phoneNumber),
    status: normalizeDeliveryStatus(rawStatus, options.statusMap),
    rawStatus,
    errorCode: fields.word(DELIVERY_REPORT_FIELDS.errorCode),
    date: fields.date(DELIVERY_REPORT_FIELDS.date),
    cost: fields.decimal(DELIVERY_REPORT_FIELDS.cost),
    currency: fields.word(DELIVERY_REPORT_FIELDS.currency),
    tag: fields.word(DELIVERY_REPORT_FIELDS.tag),
    raw,
  };
}
