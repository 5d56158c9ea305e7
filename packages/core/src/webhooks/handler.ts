/**
 * The framework-neutral webhook handler: a Web `Request` in, a Web `Response` out, or the same
 * from plain parts (`handle.handlePlain()`, which the Express and NestJS adapters call with Node's
 * objects). Adapters only hand over the request and the socket address; everything else happens
 * here, once, for both entries.
 *
 * What a request goes through, in order, each step answering with its own status:
 * method (405) → source address (403) → URL token (401) → body size (413) → content type (415)
 * → payload (400) → deduplication (200 for an event already handled, 503 `retry-after: 1` for one
 * whose first copy is still being handled; handler not called) → multipart reassembly (200,
 * handler called when the last part arrives) → your handler (200, or 500 when it throws: the event
 * is then not remembered, so that SMS Partner's retry reaches your handler again).
 * Response bodies are a tiny JSON object with a code, never an error message or the secret.
 * Refusals (4xx) go to `onRejected` when set, else to a rate-limited warning (`logger`).
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from '@sms-partner/core';
 *
 * const handle = createWebhookHandler({
 *   secret: process.env.SMS_PARTNER_WEBHOOK_SECRET,
 *   onDeliveryReport: async (report) => {
 *     await db.messages.update(report.messageId, { status: report.status, at: report.date });
 *   },
 *   onStop: async (stop) => optOuts.add(stop.phoneNumber),
 *   onError: (error) => logger.error(error),
 * });
 * // Any fetch-style server (Bun, Deno, Workers, Hono):
 * export default { fetch: (request: Request) => handle(request) };
 * ```
 * @packageDocumentation
 */

import {
  checkSecrets,
  createTokenVerifier,
  DEFAULT_KIND_PARAM,
  DEFAULT_TOKEN_PARAM,
} from './callback-urls.js';
import { createConcatAssembler, isConcatReady } from './concat.js';
import { defaultDedupeKey, hashDedupeKey } from './dedupe.js';
import { WebhookError } from './errors.js';
import type {
  WebhookEventContext,
  WebhookEventHandler,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookPlainRequest,
  WebhookPlainResponse,
  WebhookRequestContext,
} from './handler-types.js';
import { MemoryDedupeTable } from './internal/memory-dedupe.js';
import { createRefusalWarner } from './internal/rejections.js';
import { type CallbackSource, PlainSource, WebSource } from './internal/sources.js';
import {
  type ParseWebhookEventOptions,
  parseWebhookEvent,
  type WebhookCallbackKind,
} from './parse-event.js';
import { DEFAULT_MAX_BODY_BYTES, payloadOf } from './payload.js';
import { addressFrom, createAddressMatcher } from './source-address.js';
import type {
  InboundMessageEvent,
  SmsPartnerWebhookEvent,
  SmsPartnerWebhookEventType,
} from './types.js';

// The few bodies the handler answers with, serialised once.
const OK = '{"ok":true}';
const DUPLICATE = '{"ok":true,"duplicate":true}';
const IN_FLIGHT = '{"ok":false,"error":"in_flight"}';
const FAILED = '{"ok":false,"error":"handler_failed"}';

function answer(
  status: number,
  body: string,
  extra?: Readonly<Record<string, string>>,
): WebhookPlainResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  };
  if (extra) Object.assign(headers, extra);
  return { status, headers, body };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function toResponse(plain: WebhookPlainResponse): Response {
  return new Response(plain.body, { status: plain.status, headers: plain.headers });
}

/** Refusals decided before the body is read to its end (see `authenticate` and the size check). */
const UNREAD_BODY_REASONS: ReadonlySet<string> = new Set([
  'method_not_allowed',
  'forbidden_source',
  'missing_token',
  'invalid_token',
  'payload_too_large',
]);
const CLOSE: Readonly<Record<string, string>> = { connection: 'close' };
const RETRY_SOON: Readonly<Record<string, string>> = { 'retry-after': '1' };
const NOT_ALLOWED: Readonly<Record<string, string>> = { allow: 'GET, POST', connection: 'close' };

async function safely(task: () => unknown): Promise<void> {
  try {
    await task();
  } catch {
    // Reporting hooks must not turn an answer into a crash.
  }
}

function config(field: string, problem: string): WebhookError {
  return new WebhookError('invalid_configuration', `${field} ${problem}`, { field });
}

/**
 * Creates the webhook handler. Throws `invalid_configuration` at once when no secret is given
 * and `verify` is not `false` (fail closed), or when an option is invalid.
 *
 * One handler serves every callback: the kind comes from the URL written by
 * `createCallbackUrls` (`?kind=dlr|response|hlr`) or, failing that, from the payload's fields.
 *
 * @example
 * ```ts
 * const handle = createWebhookHandler({ secret, allowedSources: ['185.66.232.0/24'], trustProxy: 1,
 *   onInboundMessage: (message) => inbox.push(message.from, message.text) });
 * const response = await handle(request, { remoteAddress: '10.0.0.1' });
 * ```
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const verify = options.verify ?? true;
  if (typeof verify !== 'boolean') throw config('verify', 'must be true or false.');
  const tokenMatches = createTokenVerifier(verify ? checkSecrets(options.secret) : []);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw config('maxBodyBytes', 'must be a positive integer.');
  }
  const trustProxy = options.trustProxy ?? false;
  if (typeof trustProxy !== 'boolean' && !(Number.isSafeInteger(trustProxy) && trustProxy >= 0)) {
    throw config('trustProxy', 'must be a boolean or a non-negative integer.');
  }
  const allowed = options.allowedSources ? createAddressMatcher(options.allowedSources) : undefined;
  const tokenParam = options.tokenParam ?? DEFAULT_TOKEN_PARAM;
  const kindParam = options.kindParam ?? DEFAULT_KIND_PARAM;
  const dedupeTtlMs = options.dedupeTtlMs ?? 86_400_000;
  if (!Number.isSafeInteger(dedupeTtlMs) || dedupeTtlMs < 1) {
    throw config('dedupeTtlMs', 'must be a positive integer.');
  }
  const dedupeLeaseMs = options.dedupeLeaseMs ?? 60_000;
  if (!Number.isSafeInteger(dedupeLeaseMs) || dedupeLeaseMs < 1) {
    throw config('dedupeLeaseMs', 'must be a positive integer.');
  }
  const logger = options.logger ?? globalThis.console;
  if (logger !== false && typeof logger?.warn !== 'function') {
    throw config('logger', 'must have a warn(message) method, or be false.');
  }
  const now = options.now ?? Date.now;
  // The built-in store is called directly when the handler made it: it answers at once, so a
  // callback spends no promise or microtask on deduplication.
  const table =
    options.dedupe === false || options.dedupeStore !== undefined
      ? undefined
      : new MemoryDedupeTable({ now });
  const dedupeStore = options.dedupe === false ? undefined : options.dedupeStore;
  // Two-phase (claim, then markHandled once handled) when the store can; else the one-phase
  // setIfAbsent of older stores, which takes the key for the whole TTL before the handler runs.
  const twoPhase =
    table !== undefined ||
    (typeof dedupeStore?.claim === 'function' && typeof dedupeStore.markHandled === 'function');
  const dedupeKey = options.dedupeKey ?? defaultDedupeKey;
  // Keys go to a store of yours hashed (bounded size, no phone number at rest); the built-in
  // in-memory store keeps them as they are, which saves a Web Crypto digest (~50 µs) per callback.
  const hashKeys = options.dedupeStore !== undefined;
  const concatTimeoutMs = options.concatTimeoutMs ?? 600_000;
  const assembler = createConcatAssembler({
    ...(options.concatStore ? { store: options.concatStore } : {}),
    timeoutMs: concatTimeoutMs,
    onTimeout: options.onConcatTimeout ?? 'deliver_partial',
    ...(options.stopKeywords ? { stopKeywords: options.stopKeywords } : {}),
    now,
  });
  const ignoreQueryParams = kindParam === false ? [tokenParam] : [tokenParam, kindParam];
  const flushEveryMs = Math.min(concatTimeoutMs, 60_000);
  let lastFlush = now();
  const warn =
    options.onRejected === undefined && logger !== false
      ? createRefusalWarner(logger, now)
      : undefined;

  // Worked out once rather than per callback: the parser options for each kind the URL may carry
  // (the options themselves, which the parsers read their own fields from), and each event's
  // handler.
  const parseOptions: ParseWebhookEventOptions = { ...options };
  const parseOptionsByKind: Readonly<Record<WebhookCallbackKind, ParseWebhookEventOptions>> = {
    dlr: { ...options, kind: 'dlr' },
    response: { ...options, kind: 'response' },
    hlr: { ...options, kind: 'hlr' },
  };
  const optionsForKind = (kind: string | null): ParseWebhookEventOptions => {
    if (kind === null) return parseOptions;
    if (kind === 'dlr' || kind === 'response' || kind === 'hlr') return parseOptionsByKind[kind];
    return { ...options, kind: kind as WebhookCallbackKind }; // refused by the parser
  };
  const handlers: Readonly<
    Record<SmsPartnerWebhookEventType, WebhookEventHandler<SmsPartnerWebhookEvent> | undefined>
  > = {
    delivery_report: (options.onDeliveryReport ??
      options.onEvent) as WebhookEventHandler<SmsPartnerWebhookEvent>,
    reply: (options.onReply ?? options.onEvent) as WebhookEventHandler<SmsPartnerWebhookEvent>,
    stop: (options.onStop ?? options.onEvent) as WebhookEventHandler<SmsPartnerWebhookEvent>,
    inbound_message: (options.onInboundMessage ??
      options.onEvent) as WebhookEventHandler<SmsPartnerWebhookEvent>,
    hlr_result: (options.onHlrResult ??
      options.onEvent) as WebhookEventHandler<SmsPartnerWebhookEvent>,
  };

  async function dispatch(
    event: SmsPartnerWebhookEvent,
    context: WebhookEventContext,
  ): Promise<void> {
    await dispatchNow(event, context);
  }

  async function reportError(
    error: unknown,
    event?: SmsPartnerWebhookEvent,
    source?: CallbackSource,
  ) {
    if (options.onError) {
      await safely(() => options.onError?.(error, { event, request: source?.request() }));
    }
  }

  async function flushExpired(): Promise<number> {
    lastFlush = now();
    let events: InboundMessageEvent[];
    try {
      events = await assembler.flushExpired();
    } catch (error) {
      await reportError(error);
      return 0;
    }
    const context: WebhookEventContext = { request: undefined, format: 'flush' };
    for (const event of events) {
      try {
        await dispatch(event, context);
      } catch (error) {
        await reportError(error, event);
      }
    }
    return events.length;
  }

  const addressOf = (source: CallbackSource) =>
    addressFrom(() => source.header('x-forwarded-for'), {
      remoteAddress: source.remoteAddress,
      trustProxy,
    });

  function authenticate(source: CallbackSource): void {
    if (source.method !== 'POST' && source.method !== 'GET') {
      throw new WebhookError(
        'method_not_allowed',
        'Callbacks are POST (or GET with a query string).',
      );
    }
    if (allowed && !allowed(addressOf(source))) {
      throw new WebhookError('forbidden_source', 'The caller address is not in allowedSources.');
    }
    if (verify) {
      const token = source.query().get(tokenParam);
      if (token === null)
        throw new WebhookError('missing_token', 'The callback URL carries no token.');
      if (!tokenMatches(token)) {
        throw new WebhookError('invalid_token', 'The callback token does not match the secret.');
      }
    }
  }

  async function refuse(
    error: WebhookError,
    source: CallbackSource,
  ): Promise<WebhookPlainResponse> {
    if (options.onRejected) {
      const request = source.request();
      if (request) await safely(() => options.onRejected?.(error, request));
    } else {
      warn?.(error, () => ({
        method: source.method,
        path: source.path(),
        address: allowed ? addressOf(source) : source.remoteAddress,
      }));
    }
    const body = `{"ok":false,"error":"${error.reason}"}`;
    // Refused before its body was read to the end: close the connection, or a keep-alive
    // client's next request would wait behind the unread rest, and Node would drain it all.
    if (error.reason === 'method_not_allowed') return answer(error.status, body, NOT_ALLOWED);
    return UNREAD_BODY_REASONS.has(error.reason)
      ? answer(error.status, body, CLOSE)
      : answer(error.status, body);
  }

  /** Calls the user's handler; waits only when it returns a promise (most are async). */
  function dispatchNow(event: SmsPartnerWebhookEvent, context: WebhookEventContext): unknown {
    const handler = handlers[event.type];
    return handler ? handler(event, context) : undefined;
  }

  /** Everything the handler does, whichever entry the callback came through. */
  async function run(source: CallbackSource): Promise<WebhookPlainResponse> {
    let event: SmsPartnerWebhookEvent;
    let context: WebhookEventContext;
    try {
      authenticate(source);
      let body = source.read(maxBodyBytes);
      if (body instanceof Promise) body = await body;
      let read = payloadOf(body.bytes, body.contentType, source, ignoreQueryParams);
      if (read instanceof Promise) read = await read;
      context = source.context(read.format);
      const kind = kindParam === false ? null : source.query().get(kindParam);
      event = parseWebhookEvent(read.payload, optionsForKind(kind));
    } catch (error) {
      if (error instanceof WebhookError && error.status < 500) return refuse(error, source);
      await reportError(error, undefined, source);
      return answer(500, FAILED);
    }

    let claimed: string | undefined;
    let done: WebhookPlainResponse;
    try {
      const key = table || dedupeStore ? dedupeKey(event) : undefined;
      if (key !== undefined) {
        if (table) {
          const found = table.claim(key, dedupeLeaseMs);
          if (found === 'handled') return answer(200, DUPLICATE);
          if (found === 'in_flight') return answer(503, IN_FLIGHT, RETRY_SOON);
          claimed = key;
        } else if (dedupeStore) {
          const hashed = hashKeys ? await hashDedupeKey(key) : key;
          if (twoPhase) {
            const found = await dedupeStore.claim?.(hashed, dedupeLeaseMs);
            if (found === 'handled') return answer(200, DUPLICATE);
            // The first copy is still being handled: its outcome is unknown, so neither
            // acknowledge this one (it would be lost if the first fails) nor handle it twice.
            // Retry shortly.
            if (found === 'in_flight') return answer(503, IN_FLIGHT, RETRY_SOON);
            if (found !== 'claimed') {
              throw new TypeError(
                `dedupeStore.claim() resolved ${JSON.stringify(found)}; expected 'claimed', 'in_flight' or 'handled'.`,
              );
            }
          } else if (!(await dedupeStore.setIfAbsent(hashed, dedupeTtlMs))) {
            return answer(200, DUPLICATE);
          }
          claimed = hashed;
        }
      }
      if (event.type === 'inbound_message' && event.concat) {
        // Multipart: reassembled first; a part that is kept counts as handled, and the message
        // reaches your handler with its last part.
        const result = await assembler.add(event);
        if (isConcatReady(result)) {
          event = result.event;
          await dispatchNow(event, context);
          // Handled: a failure to forget the parts must not make SMS Partner send them again.
          const handled = event;
          await result.commit().catch((error: unknown) => reportError(error, handled, source));
          done = answer(200, OK);
        } else {
          done = answer(200, `{"ok":true,"${result.status}":true}`);
        }
      } else {
        const pending = dispatchNow(event, context);
        if (pending instanceof Promise) await pending;
        else if (isThenable(pending)) await pending;
        done = answer(200, OK);
      }
    } catch (error) {
      if (claimed !== undefined) {
        const key = claimed;
        if (table) table.delete(key);
        else await safely(() => dedupeStore?.delete(key));
      }
      await reportError(error, event, source);
      return answer(500, FAILED);
    }
    if (claimed !== undefined) {
      if (table) table.markHandled(claimed, dedupeTtlMs);
      else if (twoPhase) {
        const key = claimed;
        // Handled already: failing to record it must not turn into a 500 (the retry would run
        // the handler again); the lease then expires and a later copy would be handled once more.
        await dedupeStore
          ?.markHandled?.(key, dedupeTtlMs)
          .catch((error: unknown) => reportError(error, event, source));
      }
    }
    if (lastFlush + flushEveryMs <= now()) await flushExpired();
    return done;
  }

  function handle(request: Request, context?: WebhookRequestContext): Promise<Response> {
    // Not `async`: a `then` on run's promise is one promise and a few microtasks less.
    let source: WebSource;
    try {
      source = new WebSource(request, context?.remoteAddress);
    } catch (error) {
      return Promise.reject(error);
    }
    return run(source).then(toResponse);
  }

  function handlePlain(request: WebhookPlainRequest): Promise<WebhookPlainResponse> {
    return run(new PlainSource(request));
  }

  return Object.assign(handle, { flushExpired, handlePlain });
}
