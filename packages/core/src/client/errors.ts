import {
  SmsPartnerError,
  type SmsPartnerErrorJSON,
  type SmsPartnerErrorOptions,
} from '../errors.js';

/** One item of SMS Partner's `error` / `errors` array, normalised. */
export interface ApiErrorDetail {
  /** The request field at fault (from `elementId: "children[sender].data"`), when given. */
  field?: string;
  /** The phone number at fault, when given. */
  phoneNumber?: string;
  /** The item's own code, when given (the API sends it as a string at times). */
  code?: number;
  /** The item's message, as SMS Partner wrote it (often French). */
  message: string;
}

/** Options of the API-answer errors. */
export interface ApiErrorOptions extends SmsPartnerErrorOptions {
  /** English meaning of `apiCode` for this endpoint family. */
  meaning?: string;
  /** Per-field or per-number problems SMS Partner listed. */
  details?: readonly ApiErrorDetail[];
}

/** Base of the errors built from an SMS Partner answer with a `code`. */
export class SmsPartnerApiError extends SmsPartnerError {
  override name = 'SmsPartnerApiError';
  /** English meaning of {@link SmsPartnerError.apiCode} for this endpoint family. */
  readonly meaning: string | undefined;
  /** Per-field or per-number problems SMS Partner listed (from `error` / `errors`). */
  readonly details: readonly ApiErrorDetail[];

  constructor(
    message: string,
    options: ApiErrorOptions = {},
    code: SmsPartnerError['code'] = 'api_error',
  ) {
    super(code, message, { outcome: 'rejected', ...options });
    this.meaning = options.meaning;
    this.details = options.details ?? [];
  }

  override toJSON(): SmsPartnerErrorJSON {
    const json = super.toJSON();
    if (this.meaning !== undefined) json.meaning = this.meaning;
    if (this.details.length > 0) json.details = this.details.map((detail) => ({ ...detail }));
    return json;
  }
}

/** The API key is missing, wrong, or not allowed from this IP (codes 1, 10, 40, 96). */
export class SmsPartnerAuthenticationError extends SmsPartnerApiError {
  override name = 'SmsPartnerAuthenticationError';
  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, options, 'authentication');
  }
}

/** Not enough credit on the account (code 11). */
export class SmsPartnerInsufficientCreditError extends SmsPartnerApiError {
  override name = 'SmsPartnerInsufficientCreditError';
  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, options, 'insufficient_credit');
  }
}

/** The recipient is on the STOP list (code 14). */
export class SmsPartnerStopListedError extends SmsPartnerApiError {
  override name = 'SmsPartnerStopListedError';
  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, options, 'stop_listed');
  }
}

/** Options of {@link SmsPartnerAccountDisabledError}. */
export interface AccountDisabledErrorOptions extends ApiErrorOptions {
  /** `'deactivated'` (code 20) or `'blocked'` (code 30). */
  state: 'deactivated' | 'blocked';
}

/**
 * The account is deactivated (code 20) or blocked (code 30): every call will be refused until
 * SMS Partner support re-enables it, so retrying or changing the request does not help.
 */
export class SmsPartnerAccountDisabledError extends SmsPartnerApiError {
  override name = 'SmsPartnerAccountDisabledError';
  /** `'deactivated'` (code 20) or `'blocked'` (code 30). */
  readonly state: 'deactivated' | 'blocked';
  constructor(message: string, options: AccountDisabledErrorOptions) {
    super(message, options, 'account_disabled');
    this.state = options.state;
  }
  override toJSON(): SmsPartnerErrorJSON {
    return { ...super.toJSON(), state: this.state };
  }
}

/** Options of {@link SmsPartnerQuietHoursError}. */
export interface QuietHoursErrorOptions extends ApiErrorOptions {
  /** When commercial SMS may be sent again. */
  nextWindow: Date;
  /** Why now is quiet (night, Sunday, a public holiday), when known. */
  reason?: string;
}

/**
 * A commercial SMS falls in quiet hours: refused by SMS Partner (codes 22, 23) or by the client
 * under `quietHours: 'reject'`. `nextWindow` says when sending is allowed again.
 */
export class SmsPartnerQuietHoursError extends SmsPartnerApiError {
  override name = 'SmsPartnerQuietHoursError';
  /** When commercial SMS may be sent again. */
  readonly nextWindow: Date;
  /** Why now is quiet, when known. */
  readonly reason: string | undefined;
  constructor(message: string, options: QuietHoursErrorOptions) {
    super(message, options, 'quiet_hours');
    this.nextWindow = options.nextWindow;
    this.reason = options.reason;
  }
  override toJSON(): SmsPartnerErrorJSON {
    const json: SmsPartnerErrorJSON = {
      ...super.toJSON(),
      nextWindow: this.nextWindow.toISOString(),
    };
    if (this.reason !== undefined) json.reason = this.reason;
    return json;
  }
}

/** Options of {@link SmsPartnerRateLimitError}. */
export interface RateLimitErrorOptions extends ApiErrorOptions {
  /** How long to wait before trying again, in milliseconds, when the server said so. */
  retryAfter?: number;
}

/** HTTP 429: too many requests. `retryAfter` (ms) comes from the `Retry-After` header. */
export class SmsPartnerRateLimitError extends SmsPartnerApiError {
  override name = 'SmsPartnerRateLimitError';
  /** Milliseconds to wait before trying again, when the server said so. */
  readonly retryAfter: number | undefined;
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, options, 'rate_limited');
    this.retryAfter = options.retryAfter;
  }
  override toJSON(): SmsPartnerErrorJSON {
    const json = super.toJSON();
    if (this.retryAfter !== undefined) json.retryAfter = this.retryAfter;
    return json;
  }
}

/** Options of the errors that carry a piece of the response body. */
export interface ResponseErrorOptions extends ApiErrorOptions {
  /** The start of the response body (at most 200 characters, API key redacted). */
  snippet?: string;
}

/**
 * HTTP 5xx. The request may or may not have been processed (`outcome: 'unknown'`); the SDK never
 * retries a send after one.
 */
export class SmsPartnerServerError extends SmsPartnerApiError {
  override name = 'SmsPartnerServerError';
  /** The start of the response body, key redacted. */
  readonly snippet: string | undefined;
  constructor(
    message: string,
    options: ResponseErrorOptions = {},
    code: SmsPartnerError['code'] = 'server_error',
  ) {
    super(message, { outcome: 'unknown', ...options }, code);
    this.snippet = options.snippet;
  }
  override toJSON(): SmsPartnerErrorJSON {
    const json = super.toJSON();
    if (this.snippet !== undefined) json.snippet = this.snippet;
    return json;
  }
}

/**
 * SMS Partner failed to queue the SMS (code 500). Whether it will still leave is not known
 * (`outcome: 'unknown'`): check the send's status before sending again. The SDK never retries it.
 * A kind of {@link SmsPartnerServerError}, whatever the HTTP status of the answer.
 */
export class SmsPartnerQueueError extends SmsPartnerServerError {
  override name = 'SmsPartnerQueueError';
  constructor(message: string, options: ResponseErrorOptions = {}) {
    super(message, options, 'queue_failed');
  }
}

/**
 * The answer could not be understood: an HTML error page, truncated JSON, an empty body, or a
 * "success" without the field that proves it (a send without `message_id`).
 */
export class SmsPartnerResponseError extends SmsPartnerError {
  override name = 'SmsPartnerResponseError';
  /** The start of the response body, key redacted. */
  readonly snippet: string | undefined;
  constructor(message: string, options: ResponseErrorOptions = {}) {
    super('invalid_response', message, { outcome: 'unknown', ...options });
    this.snippet = options.snippet;
  }
  override toJSON(): SmsPartnerErrorJSON {
    const json = super.toJSON();
    if (this.snippet !== undefined) json.snippet = this.snippet;
    return json;
  }
}

/** Options of {@link SmsPartnerTimeoutError}. */
export interface TimeoutErrorOptions extends SmsPartnerErrorOptions {
  /** The timeout that elapsed, in milliseconds. */
  timeout: number;
}

/**
 * No complete answer within the timeout. The request may have been processed
 * (`outcome: 'unknown'`); the SDK never retries a send after a timeout.
 */
export class SmsPartnerTimeoutError extends SmsPartnerError {
  override name = 'SmsPartnerTimeoutError';
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, options: TimeoutErrorOptions) {
    super('timeout', message, { outcome: 'unknown', ...options });
    this.timeout = options.timeout;
  }
  override toJSON(): SmsPartnerErrorJSON {
    return { ...super.toJSON(), timeout: this.timeout };
  }
}

/**
 * The connection failed. `outcome` tells whether the request provably never left
 * (`'not_sent'`: connection refused, DNS failure) or may have been processed (`'unknown'`: a reset).
 */
export class SmsPartnerNetworkError extends SmsPartnerError {
  override name = 'SmsPartnerNetworkError';
  /** The runtime's error code when one was found (`ECONNREFUSED`, `ECONNRESET`, …). */
  readonly networkCode: string | undefined;
  constructor(message: string, options: SmsPartnerErrorOptions & { networkCode?: string } = {}) {
    super('network', message, { outcome: 'unknown', ...options });
    this.networkCode = options.networkCode;
  }
  override toJSON(): SmsPartnerErrorJSON {
    const json = super.toJSON();
    if (this.networkCode !== undefined) json.networkCode = this.networkCode;
    return json;
  }
}

/** The caller's `AbortSignal` fired. */
export class SmsPartnerAbortError extends SmsPartnerError {
  override name = 'SmsPartnerAbortError';
  constructor(message: string, options: SmsPartnerErrorOptions = {}) {
    super('aborted', message, { outcome: 'unknown', ...options });
  }
}
