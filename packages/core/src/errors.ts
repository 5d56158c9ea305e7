/**
 * The one error hierarchy of `@sms-partner/core`.
 *
 * Every error the SDK throws is an {@link SmsPartnerError} with a stable `code`; callers branch on
 * the subclass (`instanceof`) or on `code`. Subclasses that only make sense for HTTP calls live in
 * `client/errors.ts`, `ScheduleError` in `schedule/errors.ts` and `WebhookError` in
 * `webhooks/errors.ts`; the validation error lives here because every module validates input.
 *
 * @example
 * ```ts
 * try {
 *   await client.sms.send({ to: '0612345678', message: 'Bonjour' });
 * } catch (error) {
 *   if (error instanceof SmsPartnerValidationError) console.error(error.field, error.fix);
 *   else if (error instanceof SmsPartnerError && error.outcome === 'unknown') {
 *     // the request may have been processed: check its status before sending again
 *   }
 * }
 * ```
 * @packageDocumentation
 */

/**
 * Stable machine-readable error codes. One per subclass callers branch on; `'schedule'` is
 * `ScheduleError` and `'webhook'` is `WebhookError`, each with its specific problem in `reason`.
 */
export type SmsPartnerErrorCode =
  | 'validation'
  | 'authentication'
  | 'insufficient_credit'
  | 'stop_listed'
  | 'quiet_hours'
  | 'account_disabled'
  | 'queue_failed'
  | 'rate_limited'
  | 'api_error'
  | 'server_error'
  | 'invalid_response'
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'schedule'
  | 'webhook';

/**
 * What is known about the effect of the failed request on the platform.
 *
 * - `'not_sent'`: the request never reached SMS Partner (bad input caught locally, connection
 *   refused, DNS failure). Nothing happened; sending again is safe.
 * - `'rejected'`: SMS Partner answered and refused it (an API error code). Nothing was sent.
 * - `'unknown'`: the request may have been processed (timeout, connection reset, 5xx, truncated
 *   body). Before sending again, check the message status or your stop-list.
 */
export type RequestOutcome = 'not_sent' | 'rejected' | 'unknown';

/** Fields shared by every {@link SmsPartnerError}. */
export interface SmsPartnerErrorOptions {
  /** The underlying error, already stripped of secrets. */
  cause?: unknown;
  /** `METHOD /path` of the API call, without query string (so never the API key). */
  endpoint?: string;
  /**
   * HTTP status of SMS Partner's response, when there was one (see
   * {@link SmsPartnerError.httpStatus}).
   */
  httpStatus?: number;
  /**
   * The HTTP status the error asks *your* server to answer with: set by `WebhookError` only.
   * Client errors leave it unset (see {@link SmsPartnerError.status}).
   */
  status?: number;
  /** The `code` field of SMS Partner's answer, when there was one. */
  apiCode?: number;
  /** The `message` SMS Partner sent (often French), when there was one. */
  apiMessage?: string;
  /** See {@link RequestOutcome}. @default 'not_sent' */
  outcome?: RequestOutcome;
}

/** The serialisable view of an error, as returned by `toJSON()`. */
export interface SmsPartnerErrorJSON {
  name: string;
  code: SmsPartnerErrorCode;
  message: string;
  endpoint?: string;
  status?: number;
  httpStatus?: number;
  apiCode?: number;
  apiMessage?: string;
  outcome: RequestOutcome;
  [extra: string]: unknown;
}

/**
 * Base class of every error thrown by the SDK.
 *
 * Messages, fields and `toJSON()` never contain the API key: the client redacts it from anything
 * it puts in an error (URLs, bodies, underlying network errors).
 */
export class SmsPartnerError extends Error {
  override name = 'SmsPartnerError';
  // The fields are `declare`d and assigned in the constructor, in this order (the order of the
  // object's own keys), so that a bundle does not carry a second list of their names.
  /** Stable code to branch on. */
  declare readonly code: SmsPartnerErrorCode;
  /** `METHOD /path` of the API call (no query string), when the error comes from one. */
  declare readonly endpoint: string | undefined;
  /**
   * The HTTP status this error asks your own server to answer with: only `WebhookError` sets it
   * (401 for a bad token, 400 for a bad payload...). Errors of API calls leave it `undefined` on
   * purpose: Express, Koa and others answer with `error.status` when it is a number, so SMS
   * Partner's 401 for a wrong key would become your endpoint's 401. SMS Partner's status is in
   * {@link SmsPartnerError.httpStatus}.
   *
   * Deprecated for client errors: before `httpStatus` existed they carried SMS Partner's status
   * here. Read `httpStatus` instead; `status` stays reserved for the status to answer with.
   */
  declare readonly status: number | undefined;
  /** HTTP status of SMS Partner's response, when one arrived. */
  declare readonly httpStatus: number | undefined;
  /** SMS Partner's numeric `code`, when its answer carried one. */
  declare readonly apiCode: number | undefined;
  /** SMS Partner's own `message` text (often French), when its answer carried one. */
  declare readonly apiMessage: string | undefined;
  /** What is known about the request's effect. See {@link RequestOutcome}. */
  declare readonly outcome: RequestOutcome;

  constructor(code: SmsPartnerErrorCode, message: string, options: SmsPartnerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const self = this as Record<string, unknown>;
    self.code = code;
    // Only fields that are set become own properties: a client error has no `status` key at all,
    // so no framework can mistake it for the status of its own answer.
    for (const key of OPTIONAL_FIELDS) if (options[key] !== undefined) self[key] = options[key];
    self.outcome = options.outcome ?? 'not_sent';
  }

  /** A plain object safe to log or send over the wire (no stack, no secrets). */
  toJSON(): SmsPartnerErrorJSON {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      outcome: this.outcome,
    };
    for (const key of OPTIONAL_FIELDS) if (this[key] !== undefined) json[key] = this[key];
    return json as SmsPartnerErrorJSON;
  }
}

/** The fields copied from {@link SmsPartnerErrorOptions} and serialised only when set. */
const OPTIONAL_FIELDS = ['endpoint', 'status', 'httpStatus', 'apiCode', 'apiMessage'] as const;

/** One problem found in the input. */
export interface ValidationIssue {
  /** The option or field at fault, as the caller wrote it (e.g. `'to[3]'`, `'sender'`). */
  field: string;
  /** What is wrong, in one sentence. */
  problem: string;
  /** How to fix it, in one sentence. */
  fix: string;
}

/**
 * Input was rejected before any network call. `field` names the culprit and `fix` says what to do;
 * `issues` lists every problem found when there are several.
 */
export class SmsPartnerValidationError extends SmsPartnerError {
  override name = 'SmsPartnerValidationError';
  /** The first field at fault. */
  declare readonly field: string;
  /** How to fix the first problem. */
  declare readonly fix: string;
  /** Every problem found (the first one is `field`/`fix`). */
  declare readonly issues: readonly ValidationIssue[];

  constructor(
    issues: ValidationIssue | readonly ValidationIssue[],
    options?: SmsPartnerErrorOptions,
  ) {
    const list = Array.isArray(issues)
      ? (issues as readonly ValidationIssue[])
      : [issues as ValidationIssue];
    const first = list[0] ?? { field: 'input', problem: 'is invalid', fix: 'check the input' };
    const more =
      list.length > 1 ? ` (and ${list.length - 1} more problem${list.length > 2 ? 's' : ''})` : '';
    super('validation', `Invalid ${first.field}: ${first.problem} Fix: ${first.fix}${more}`, {
      ...options,
      outcome: 'not_sent',
    });
    this.field = first.field;
    this.fix = first.fix;
    this.issues = list;
  }

  override toJSON(): SmsPartnerErrorJSON {
    return { ...super.toJSON(), field: this.field, fix: this.fix, issues: [...this.issues] };
  }
}
