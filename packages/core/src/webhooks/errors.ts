/**
 * The error every webhook function throws, with the HTTP status the handler answers with.
 *
 * @example
 * ```ts
 * import { parseDeliveryReport, WebhookError } from '@sms-partner/core';
 *
 * try {
 *   parseDeliveryReport({ status: 'delivered' });
 * } catch (error) {
 *   if (error instanceof WebhookError) console.log(error.code, error.status); // 'invalid_payload' 400
 * }
 * ```
 * @packageDocumentation
 */

/**
 * Why a webhook request or a webhook configuration was refused.
 *
 * | code | status | meaning |
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
export type WebhookErrorCode =
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

const STATUS_BY_CODE: Readonly<Record<WebhookErrorCode, number>> = {
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
 * error.status; // 401
 * ```
 */
export class WebhookError extends Error {
  override name = 'WebhookError';
  /** Stable code to branch on. */
  readonly code: WebhookErrorCode;
  /** HTTP status the webhook handler answers with. */
  readonly status: number;
  /** The payload field or option at fault, when there is one. */
  readonly field: string | undefined;

  constructor(code: WebhookErrorCode, message: string, options: WebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.field = options.field;
  }

  /** A plain object safe to log (no stack, no payload values, no secrets). */
  toJSON(): {
    name: string;
    code: WebhookErrorCode;
    status: number;
    message: string;
    field?: string;
  } {
    const json: {
      name: string;
      code: WebhookErrorCode;
      status: number;
      message: string;
      field?: string;
    } = { name: this.name, code: this.code, status: this.status, message: this.message };
    if (this.field !== undefined) json.field = this.field;
    return json;
  }
}
