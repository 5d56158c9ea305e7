import { SmsPartnerError } from '../../errors.js';
import type { ApiCodeEntry, ApiFamily } from '../error-codes.js';
import {
  SmsPartnerAbortError,
  SmsPartnerNetworkError,
  SmsPartnerRateLimitError,
  SmsPartnerTimeoutError,
} from '../errors.js';
import type {
  RequestEvent,
  RequestOptions,
  ResponseFormat,
  SmsPartnerHooks,
  SmsPartnerLogger,
} from '../options.js';
import type { ApiRecord } from './coerce.js';
import { classifyNetworkError } from './network-errors.js';
import { createRedactor, sanitizeError } from './redact.js';
import { interpret } from './response.js';
import { backoffDelay, parseRetryAfter, type ResolvedRetry, resolveRetry, sleep } from './retry.js';

/**
 * How a call may be retried.
 * - `read`: idempotent; retried on network errors, timeouts, 429, 5xx and unreadable answers.
 * - `write`: sends, charges or changes something; retried only when the request provably never
 *   reached the server (connection refused, DNS failure). Never after a timeout, a reset, a 5xx or
 *   a truncated body, so nothing is ever done twice by the SDK.
 */
export type CallKind = 'read' | 'write';

/** One API call, as resources describe it. */
export interface CallSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path from the host, e.g. `/v1/send`. */
  path: string;
  family: ApiFamily;
  kind: CallKind;
  /** Query parameters besides `apiKey` and `_format` (undefined values are dropped). */
  query?: Record<string, string | number | undefined>;
  /** JSON body besides `apiKey` and `_format` (undefined values are dropped by JSON). */
  body?: Record<string, unknown>;
  format?: ResponseFormat | undefined;
  /** Names of the positional `<entry>` values of the XML answer, in the JSON key order. */
  xmlKeys?: readonly string[];
  /** Meanings of this endpoint's own codes, overriding the family table. */
  codes?: Readonly<Record<number, ApiCodeEntry>>;
  /** Accept a 2xx answer that is neither JSON nor XML, as text in `raw` (file downloads). */
  acceptText?: boolean;
}

/** A successful call. */
export interface CallResult {
  /** The answer as an object (XML positional values named). */
  data: ApiRecord;
  /** The answer as parsed, for `result.raw`. */
  raw: unknown;
  /** HTTP status. */
  status: number;
}

/** Settings the client resolves and hands to its transport. */
export interface TransportSettings {
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeout: number;
  retry: ResolvedRetry;
  logger: SmsPartnerLogger | undefined;
  hooks: SmsPartnerHooks | undefined;
  random: () => number;
  quietWindow: () => { nextWindow: Date; reason?: string };
}

/** What `URLSearchParams` writes unchanged (and a path segment may hold as is). */
const PLAIN = /^[A-Za-z0-9*._-]*$/;
/** A path that `URL` leaves as it is: `/`-separated plain segments, none starting with a dot. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$/;

/**
 * Whether `{ apiKey, ...body }` serialises as the key followed by the body's own JSON: no `apiKey`
 * or `_format` of its own, and no array-index key (those would be placed before `apiKey`).
 */
function plainBody(body: Record<string, unknown>): boolean {
  if (Object.hasOwn(body, 'apiKey') || Object.hasOwn(body, '_format')) return false;
  // Array-index keys come first in property order: looking at the first key is enough.
  for (const key in body) return !Object.hasOwn(body, key) || !/^(?:0|[1-9]\d*)$/.test(key);
  return true;
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // A throwing hook or logger must never change the outcome of a call.
  }
}

/**
 * Sends API calls: builds the URL and body (the key in the query for GET, in the JSON body
 * otherwise), applies the timeout and the caller's signal, retries per {@link CallKind}, parses
 * JSON or XML, and turns every failure into a typed {@link SmsPartnerError} with the key redacted.
 *
 * Keep-alive: every runtime's `fetch` pools connections already (undici on Node, Bun, Deno,
 * Workers); the transport reuses the same `fetch` for every call so the pool is shared.
 */
export class Transport {
  readonly #settings: TransportSettings;
  readonly #redact: (text: string) => string;
  /** `?apiKey=…` as `URLSearchParams` writes it, when the key needs no escaping; else `undefined`. */
  readonly #keyQuery: string | undefined;
  /** `{"apiKey":"…"` , the start of every JSON body. */
  readonly #keyBody: string;
  /** Whether hooks or a logger listen, which is what every redaction and event object is for. */
  readonly #observed: boolean;

  constructor(settings: TransportSettings) {
    this.#settings = settings;
    this.#redact = createRedactor(settings.apiKey);
    this.#keyQuery = PLAIN.test(settings.apiKey) ? `?apiKey=${settings.apiKey}` : undefined;
    this.#keyBody = `{"apiKey":${JSON.stringify(settings.apiKey)}`;
    this.#observed = settings.hooks !== undefined || settings.logger !== undefined;
  }

  /** Redacts the key (and any `apiKey` field) from a string. */
  redact(text: string): string {
    return this.#redact(text);
  }

  /** The base URL, without secrets. */
  get baseUrl(): string {
    return this.#settings.baseUrl;
  }

  /** The default timeout in milliseconds. */
  get timeout(): number {
    return this.#settings.timeout;
  }

  /** The default retry policy. */
  get retry(): ResolvedRetry {
    return this.#settings.retry;
  }

  async call(spec: CallSpec, options: RequestOptions = {}): Promise<CallResult> {
    const policy = resolveRetry(options.retry, this.#settings.retry);
    const endpoint = `${spec.method} ${spec.path}`;
    const { url, body } = this.#build(spec);
    // Redacting costs regex passes over the URL and body: only done when someone is listening.
    const observed = this.#observed;
    const event: RequestEvent = {
      method: spec.method,
      endpoint,
      url: observed ? this.#redact(url) : '',
      attempt: 1,
      ...(body === undefined || !observed ? {} : { body: this.#redact(body) }),
    };
    let mayHaveReached = false;
    for (let attempt = 1; ; attempt++) {
      event.attempt = attempt;
      if (options.signal?.aborted) {
        throw new SmsPartnerAbortError(`${endpoint} was aborted by the caller.`, {
          endpoint,
          outcome: mayHaveReached ? 'unknown' : 'not_sent',
        });
      }
      try {
        return await this.#attempt(spec, url, body, { ...event }, options);
      } catch (caught) {
        if (!(caught instanceof SmsPartnerError)) throw caught;
        const error = caught;
        if (error.outcome !== 'not_sent') mayHaveReached = true;
        const retryable = this.#retryable(spec.kind, error);
        const delay = retryable ? this.#delay(policy, attempt, error) : undefined;
        if (delay === undefined || attempt > policy.maxRetries) {
          safely(() =>
            this.#settings.logger?.error?.(`${endpoint} failed: ${error.message}`, {
              error: error.toJSON(),
              attempt,
            }),
          );
          throw error;
        }
        safely(() => this.#settings.hooks?.onRetry?.({ ...event, error, delayMs: delay }));
        safely(() =>
          this.#settings.logger?.warn?.(
            `${endpoint} attempt ${attempt} failed (${error.code}); retrying in ${delay} ms`,
            { error: error.toJSON(), attempt, delayMs: delay },
          ),
        );
        await sleep(
          delay,
          options.signal,
          () =>
            new SmsPartnerAbortError(
              `${endpoint} was aborted by the caller while waiting to retry.`,
              {
                endpoint,
                outcome: mayHaveReached ? 'unknown' : 'not_sent',
              },
            ),
        );
      }
    }
  }

  #retryable(kind: CallKind, error: SmsPartnerError): boolean {
    if (error.code === 'aborted') return false;
    // Provably never left: safe to retry even a send.
    if (error.code === 'network' && error.outcome === 'not_sent') return true;
    if (kind === 'write') return false;
    return (
      error.code === 'network' ||
      error.code === 'timeout' ||
      error.code === 'rate_limited' ||
      error.code === 'server_error' ||
      error.code === 'invalid_response'
    );
  }

  /** The wait before the next attempt, or `undefined` when waiting is pointless. */
  #delay(policy: ResolvedRetry, attempt: number, error: SmsPartnerError): number | undefined {
    if (error instanceof SmsPartnerRateLimitError && error.retryAfter !== undefined) {
      return error.retryAfter > policy.maxRetryAfter ? undefined : error.retryAfter;
    }
    return backoffDelay(policy, attempt - 1, this.#settings.random);
  }

  /**
   * The URL and body of a call. The common case (a plain path, plain query values, a plain key)
   * is built as a string, byte for byte what `URL` and `URLSearchParams` would write; anything
   * else takes the `URL` route.
   */
  #build(spec: CallSpec): { url: string; body: string | undefined } {
    const get = spec.method === 'GET';
    const xml = spec.format === 'xml';
    let url = this.#plainUrl(spec, get, xml);
    if (url === undefined) url = this.#parsedUrl(spec, get, xml);
    if (get) return { url, body: undefined };
    const body = spec.body;
    if (body === undefined || plainBody(body)) {
      // `{ apiKey, ...body }` then `_format`, without copying the body: its JSON goes after the key.
      const json = body === undefined ? '{}' : JSON.stringify(body);
      const rest = json === '{}' ? '' : `,${json.slice(1, -1)}`;
      return { url, body: `${this.#keyBody}${rest}${xml ? ',"_format":"xml"' : ''}}` };
    }
    const payload: Record<string, unknown> = { apiKey: this.#settings.apiKey, ...body };
    if (xml) payload._format = 'xml';
    return { url, body: JSON.stringify(payload) };
  }

  #plainUrl(spec: CallSpec, get: boolean, xml: boolean): string | undefined {
    if (!PLAIN_PATH.test(spec.path)) return undefined;
    let query = '';
    if (get) {
      if (this.#keyQuery === undefined) return undefined;
      query = this.#keyQuery;
    }
    const params = spec.query;
    if (params !== undefined) {
      for (const key in params) {
        if (!Object.hasOwn(params, key)) continue;
        const value = params[key];
        if (value === undefined) continue;
        const text = String(value);
        // `set` on a name already there would replace it in place: left to URLSearchParams.
        if (!PLAIN.test(key) || !PLAIN.test(text) || key === 'apiKey' || key === '_format') {
          return undefined;
        }
        query += `${query === '' ? '?' : '&'}${key}=${text}`;
      }
    }
    if (get && xml) query += '&_format=xml';
    return `${this.#settings.baseUrl}${spec.path}${query}`;
  }

  #parsedUrl(spec: CallSpec, get: boolean, xml: boolean): string {
    const url = new URL(`${this.#settings.baseUrl}${spec.path}`);
    if (get) url.searchParams.set('apiKey', this.#settings.apiKey);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    if (get && xml) url.searchParams.set('_format', 'xml');
    return url.toString();
  }

  /** The typed error of a failed fetch or body read. */
  #fail(
    caught: unknown,
    phase: 'connect' | 'body',
    endpoint: string,
    timeout: number,
    timedOut: boolean,
    signal: AbortSignal | undefined,
  ): SmsPartnerError {
    const cause = sanitizeError(caught, this.#redact);
    if (timedOut) {
      return new SmsPartnerTimeoutError(
        `${endpoint} got no complete answer within ${timeout} ms. The request may have been processed.`,
        { endpoint, timeout, cause },
      );
    }
    if (signal?.aborted) {
      return new SmsPartnerAbortError(`${endpoint} was aborted by the caller.`, {
        endpoint,
        cause,
      });
    }
    const { neverSent, code } = classifyNetworkError(caught);
    const provablyUnsent = neverSent && phase === 'connect';
    return new SmsPartnerNetworkError(
      provablyUnsent
        ? `${endpoint} could not connect to SMS Partner (${code ?? 'connection failed'}); nothing was sent.`
        : `${endpoint} lost the connection${code ? ` (${code})` : ''}. The request may have been processed.`,
      {
        endpoint,
        cause,
        outcome: provablyUnsent ? 'not_sent' : 'unknown',
        ...(code === undefined ? {} : { networkCode: code }),
      },
    );
  }

  async #attempt(
    spec: CallSpec,
    url: string,
    body: string | undefined,
    event: RequestEvent,
    options: RequestOptions,
  ): Promise<CallResult> {
    const { endpoint } = event;
    const { hooks, logger } = this.#settings;
    const timeout = options.timeout ?? this.#settings.timeout;
    const signal = options.signal;
    // One controller per attempt (the timeout and the caller's signal both abort it); the timer is
    // cleared as soon as the body is read, and the caller's listener removed.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onCallerAbort = signal === undefined ? undefined : () => controller.abort();
    if (onCallerAbort !== undefined) {
      signal?.addEventListener('abort', onCallerAbort, { once: true });
    }
    const init: RequestInit = {
      method: spec.method,
      headers:
        body === undefined
          ? { accept: spec.format === 'xml' ? 'application/xml' : 'application/json' }
          : {
              accept: spec.format === 'xml' ? 'application/xml' : 'application/json',
              'content-type': 'application/json',
            },
      signal: controller.signal,
    };
    if (body !== undefined) init.body = body;

    if (hooks?.onRequest !== undefined) safely(() => hooks.onRequest?.(event));
    if (logger?.debug !== undefined) {
      safely(() => logger.debug?.(`→ ${endpoint}`, { url: event.url, attempt: event.attempt }));
    }
    const started = this.#observed ? Date.now() : 0;
    try {
      let response: Response;
      try {
        response = await this.#settings.fetch(url, init);
      } catch (caught) {
        throw this.#fail(caught, 'connect', endpoint, timeout, timedOut, signal);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (caught) {
        throw this.#fail(caught, 'body', endpoint, timeout, timedOut, signal);
      }
      const status = response.status;
      if (this.#observed) {
        const durationMs = Date.now() - started;
        const onResponse = hooks?.onResponse;
        if (onResponse) {
          const responseBody = this.#redact(text);
          safely(() => onResponse({ ...event, status, durationMs, responseBody }));
        }
        if (logger?.debug !== undefined) {
          safely(() =>
            logger.debug?.(`← ${status} ${endpoint} (${durationMs} ms)`, {
              status,
              durationMs,
              attempt: event.attempt,
            }),
          );
        }
      }
      const outcome = interpret(
        {
          endpoint,
          family: spec.family,
          codes: spec.codes,
          xmlKeys: spec.xmlKeys,
          acceptText: spec.acceptText,
          status,
          // Only a 429's errors carry it: the headers are not read on every answer.
          retryAfter: status === 429 ? parseRetryAfter(response.headers) : undefined,
          redact: this.#redact,
          quietWindow: this.#settings.quietWindow,
        },
        text,
      );
      if (outcome instanceof SmsPartnerError) throw outcome;
      return { data: outcome.data, raw: outcome.raw, status };
    } finally {
      clearTimeout(timer);
      if (onCallerAbort !== undefined) signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}
