/**
 * HLR lookup results, POSTed to the `notifyUrl` given to the HLR endpoint.
 *
 * @example
 * ```ts
 * import { parseHlrResult } from '@sms-partner/core';
 *
 * const result = parseHlrResult({
 *   phone: '+3300000000', messageId: '1234-12344-1234-1234', mccMnc: '20815', ported: 1,
 *   errorGrpId: 0, errorName: 'NO_ERROR ', errorDesc: 'No Error', date: '2018-03-05T10:34:52.355+0000',
 * });
 * result.ported; // true
 * result.errorName; // 'NO_ERROR' (the trailing space of the docs' sample is trimmed)
 * ```
 * @packageDocumentation
 */

import type { ParseOptions } from './delivery-report.js';
import { FieldReader } from './internal/fields.js';
import { toWebhookPayload, type WebhookInput } from './payload.js';
import type { HlrResultEvent } from './types.js';

/** Field names tried, in order, for each value of an HLR result. */
export const HLR_RESULT_FIELDS = {
  phoneNumber: ['phone', 'phoneNumber', 'phone_number', 'msisdn', 'number'],
  messageId: ['messageId', 'message_id', 'msgId'],
  mccMnc: ['mccMnc', 'mcc_mnc', 'mccmnc'],
  ported: ['ported'],
  errorGroupId: ['errorGrpId', 'errorGroupId', 'error_grp_id'],
  errorName: ['errorName', 'error_name'],
  errorDescription: ['errorDesc', 'errorDescription', 'error_desc'],
  date: ['date'],
} as const satisfies Record<string, readonly string[]>;

/** Fields that only an HLR result has; their presence marks a payload as one. */
// A pure IIFE: bundlers keep a top-level spread (it may run an iterator) unless told otherwise.
export const HLR_MARKER_FIELDS: readonly string[] = /* @__PURE__ */ (() => [
  ...HLR_RESULT_FIELDS.mccMnc,
  ...HLR_RESULT_FIELDS.ported,
  ...HLR_RESULT_FIELDS.errorGroupId,
  ...HLR_RESULT_FIELDS.errorName,
  ...HLR_RESULT_FIELDS.errorDescription,
])();

/**
 * Parses an HLR result. Requires the number (`phone`); every other field is optional. `mccMnc`
 * stays a string (leading zeros matter), `ported` becomes a boolean (1/0, "1"/"0", true/false),
 * `errorName` is trimmed.
 *
 * @example
 * ```ts
 * parseHlrResult('phone=%2B33600000000&mccMnc=20801&ported=0&errorGrpId=0').mccMnc; // '20801'
 * ```
 */
export function parseHlrResult(input: WebhookInput, options: ParseOptions = {}): HlrResultEvent {
  const raw = toWebhookPayload(input);
  const fields = new FieldReader(raw, 'HLR result', options.strict ?? false);
  return {
    type: 'hlr_result',
    phoneNumber: fields.phone(HLR_RESULT_FIELDS.phoneNumber, true),
    messageId: fields.id(HLR_RESULT_FIELDS.messageId),
    mccMnc: fields.id(HLR_RESULT_FIELDS.mccMnc),
    ported: fields.bool(HLR_RESULT_FIELDS.ported),
    errorGroupId: fields.int(HLR_RESULT_FIELDS.errorGroupId),
    errorName: fields.word(HLR_RESULT_FIELDS.errorName),
    errorDescription: fields.word(HLR_RESULT_FIELDS.errorDescription),
    date: fields.date(HLR_RESULT_FIELDS.date),
    raw,
  };
}
