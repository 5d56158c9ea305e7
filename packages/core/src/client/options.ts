import type { SmsPartnerError } from '../errors.js';
import type { AnalyzeMessageOptions } from '../message/index.js';

/**
 * Where log lines go. Any subset of the four levels; pass `console` to log everything. Every line
 * and every `data` object the client hands over has the API key redacted.
 */
export interface SmsPartnerLogger {
  /** One line per request and per response. */
  debug?(message: string, data?: Record<string, unknown>): void;
  /** Unused by the client today; reserved for notable events. */
  info?(message: string, data?: Record<string, unknown>): void;
  /** Retries and ignored oddities in answers. */
  warn?(message: string, data?: Record<string, unknown>): void;
  /** Requests that failed for good. */
  error?(message: string, data?: Record<string, unknown>): void;
}

/** Describes one HTTP attempt, for hooks. URLs and bodies have the API key redacted. */
export interface RequestEvent {
  /** HTTP method. */
  method: string;
  /** `METHOD /path`, the name errors use. */
  endpoint: string;
  /** Full URL with the key redacted. */
  url: string;
  /** Request body as sent, key redacted, when there is one. */
  body?: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/** Describes one HTTP answer, for hooks. */
export interface ResponseEvent extends RequestEvent {
  /** HTTP status. */
  status: number;
  /** Milliseconds from sending the request to reading the whole body. */
  durationMs: number;
  /** Response body, key redacted. */
  responseBody: string;
}

/** Describes a retry about to happen, for hooks. */
export interface RetryEvent extends RequestEvent {
  /** The error that caused the retry. */
  error: SmsPartnerError;
  /** Milliseconds the client waits before the next attempt. */
  delayMs: number;
}

/** Callbacks around each HTTP attempt. Exceptions thrown by hooks are ignored. */
export interface SmsPartnerHooks {
  /** Before each attempt. */
  onRequest?(event: RequestEvent): void;
  /** After each answer that arrived whole (any status). */
  onResponse?(event: ResponseEvent): void;
  /** Before waiting for a retry. */
  onRetry?(event: RetryEvent): void;
}

/**
 * Retry policy. Reads (idempotent calls) are retried on network errors, 429 and 5xx; calls that
 * send, charge or change something are retried only when the request provably never reached the
 * server (connection refused, DNS failure), so no SMS is ever sent twice by the SDK.
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt (0 disables retrying).
   * @default 2
   */
  maxRetries?: number;
  /**
   * Upper bound of the first backoff, in milliseconds; it doubles on each retry ("full jitter": the
   * actual wait is uniformly random between 0 and the bound).
   * @default 500
   */
  initialDelay?: number;
  /**
   * Cap of the backoff bound, in milliseconds.
   * @default 8000
   */
  maxDelay?: number;
  /**
   * Longest `Retry-After` the client waits for; a longer one throws the rate-limit error at once.
   * @default 60000
   */
  maxRetryAfter?: number;
}

/** Options of a single call, the last argument of every method. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait). Throws {@link SmsPartnerAbortError}. */
  signal?: AbortSignal;
  /** Overrides the client's `timeout` for this call, in milliseconds. */
  timeout?: number;
  /** Overrides the client's `retry` for this call. */
  retry?: RetryOptions | number | false;
}

/** Response format asked of SMS Partner (`_format`). The client parses both. */
export type ResponseFormat = 'json' | 'xml';

/** What the client does with a commercial SMS that would leave in quiet hours. */
export type QuietHoursMode = 'allow' | 'defer' | 'reject';

/**
 * Prices used to estimate a message's cost before sending, per SMS segment. SMS Partner's prices
 * depend on the account and the destination, so there is no built-in default: the estimate is
 * absent until prices are given. Each send's answer carries the real `cost`.
 */
export interface SmsPricing {
  /** Price of one Premium segment. */
  premium?: number;
  /** Price of one Low Cost (ECO) segment. */
  lowcost?: number;
  /**
   * Currency of the prices.
   * @default 'EUR'
   */
  currency?: string;
}

/** Message-analysis options the client applies to every send (all of `analyzeMessage`'s SMS Partner options but the per-send flags). */
export type MessageDefaults = Omit<
  AnalyzeMessageOptions,
  'encoding' | 'isUnicode' | 'isStopSms' | 'range' | 'gamme'
>;

/** A calendar day: a `Date` (read on the Paris wall clock, the platform's) or a `'YYYY-MM-DD'` string. */
export type DayInput = Date | string;
