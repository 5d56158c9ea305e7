import { SmsPartnerError, type SmsPartnerErrorJSON } from '../errors.js';

/**
 * The error every webhook function throws, with the HTTP status the handler answers with. It is an
 * `SmsPartnerError` with `code: 'webhook'`; the specific problem is in `reason`.
 *
 * @example
 * ```ts
 * import { parseDeliveryReport, WebhookError } from '@sms-partner/core';
 *
 * try {
 *   parseDeliveryReport({ status: 'delivered' });
 * } catch (error) {
 *   if (error instanceof WebhookError) console.log(error.reason, error.status); // 'invalid_payload' 400
 * }
 * ```
 * @packageDocumentation
 */

/**
 * Why a webhook request or a webhook configuration was refused, as {@link WebhookError.reason}.
 * The handler answers with `{ ok: false, error: reason }` and the status below.
 *
 * | reason | status | meaning |
 * |---|---|---|
 * | `invalid_configuration` | 500 | the handler or helper was created with bad options (thrown at creation) |
 * | `method_not_allowed` | 405 | neither POST nor GET |
 * | `forbidden_source` | 403 | the remote address is not in `allowedSources`, or unknown |
 * | `missing_token` | 401 | the callback URL carried no token |
 * | `invalid_token` | 401 | the token does not match the secret |
 * | `payload_too_large` | 413 | the body is over `maxBodyBytes` |
 * | `unsupported_media_type` | 415 | a content type that is neither JSON, form nor text |
 * | `malformed_body` | 400 | the body cannot be decoded (bad JSON, not an object, bad charset) |
 * | `invalid_payload` | 400 | a required field is missing or unusable |
 * | `unknown_event` | 400 | the payload matches no known callback |
 * | `handler_failed` | 500 | a user handler or a store threw (never thrown by parsers) |
 */
export type WebhookErrorReason =
  | 'invalid_configuration'
  | 'method_not_allowed'
  | 'forbidden_source'
  | 'missing_token'
  | 'invalid_token'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'malformed_body'
  | 'invalid_payload'
  | 'unknown_event'
  | 'handler_failed';

const STATUS_BY_REASON: Readonly<Record<WebhookErrorReason, number>> = {
  invalid_configuration: 500,
  method_not_allowed: 405,
  forbidden_source: 403,
  missing_token: 401,
  invalid_token: 401,
  payload_too_large: 413,
  unsupported_media_type: 415,
  malformed_body: 400,
  invalid_payload: 400,
  unknown_event: 400,
  handler_failed: 500,
};

/** Extra details of a {@link WebhookError}. */
export interface WebhookErrorOptions {
  /** The payload field or option at fault, when there is one (never its value). */
  field?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * A webhook request (or a webhook helper's configuration) was refused.
 *
 * `status` is the HTTP status `createWebhookHandler` answers with. Messages name the field at fault
 * and how to fix it, but never include a payload value, a token or a secret.
 *
 * @example
 * ```ts
 * const error = new WebhookError('invalid_token', 'The token does not match.');
 * error.code; // 'webhook' (the SDK-wide code)
 * error.reason; // 'invalid_token'
 * error.status; // 401
 * ```
 */
export class WebhookError extends SmsPartnerError {
  /** `'WebhookError'`, in stack traces and `toJSON()`. */
  override name = 'WebhookError';
  declare readonly code: 'webhook';
  /** HTTP status the webhook handler answers with. */
  declare readonly status: number;
  /** Why the request or configuration was refused; see {@link WebhookErrorReason}. */
  readonly reason: WebhookErrorReason;
  /** The payload field or option at fault, when there is one. */
  readonly field: string | undefined;

  constructor(reason: WebhookErrorReason, message: string, options: WebhookErrorOptions = {}) {
    super('webhook', message, { cause: options.cause, status: STATUS_BY_REASON[reason] });
    this.reason = reason;
    this.field = options.field;
  }

  /** A plain object safe to log (no stack, no payload values, no secrets). */
  override toJSON(): SmsPartnerErrorJSON & { reason: WebhookErrorReason; field?: string } {
    const json: SmsPartnerErrorJSON & { reason: WebhookErrorReason; field?: string } = {
      ...super.toJSON(),
      reason: this.reason,
    };
    if (this.field !== undefined) json.field = this.field;
    return json;
  }
}
