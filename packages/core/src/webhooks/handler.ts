/**
 * The framework-neutral webhook handler: a Web `Request` in, a Web `Response` out. Adapters
 * (Express, Hono, NestJS) only translate their request into a `Request` and pass the socket
 * address; everything else happens here.
 *
 * What a request goes through, in order, each step answering with its own status:
 * method (405) → source address (403) → URL token (401) → body size (413) → content type (415)
 * → payload (400) → deduplication (200, handler not called) → multipart reassembly (200, handler
 * called when the last part arrives) → your handler (200, or 500 when it throws).
 * Response bodies are a tiny JSON object with a code, never an error message or the secret.
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
  DEFAULT_KIND_PARAM,
  DEFAULT_TOKEN_PARAM,
  verifyWebhookToken,
} from './callback-urls.js';
import {
  type ConcatStore,
  type ConcatTimeoutPolicy,
  createConcatAssembler,
  isConcatReady,
} from './concat.js';
import {
  createMemoryDedupeStore,
  type DedupeStore,
  defaultDedupeKey,
  hashDedupeKey,
} from './dedupe.js';
import { WebhookError } from './errors.js';
import {
  type ParseWebhookEventOptions,
  parseWebhookEvent,
  type WebhookCallbackKind,
} from './parse-event.js';
import { DEFAULT_MAX_BODY_BYTES, readWebhookPayload } from './payload.js';
import { createAddressMatcher, resolveRemoteAddress, type TrustProxy } from './source-address.js';
import type {
  DeliveryReportEvent,
  HlrResultEvent,
  InboundMessageEvent,
  ReplyEvent,
  SmsPartnerWebhookEvent,
  StopEvent,
  WebhookPayloadFormat,
} from './types.js';

/** What a user handler receives besides the event. */
export interface WebhookEventContext {
  /** The request the event came in (body already read); absent for events settled by `flushExpired()`. */
  request: Request | undefined;
  /** How the payload was encoded (`'flush'` for partial messages settled by a timeout). */
  format: WebhookPayloadFormat | 'flush';
}

/** A user handler. Throwing (or rejecting) makes the webhook answer 500 and calls `onError`. */
export type WebhookEventHandler<E> = (event: E, context: WebhookEventContext) => unknown;

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions extends Omit<ParseWebhookEventOptions, 'kind'> {
  /**
   * The secret carried by the callback URLs (see `createCallbackUrls`), or several during a
   * rotation (new first). Required unless `verify` is `false`.
   */
  secret?: string | readonly string[] | undefined;
  /**
   * Check the URL token. Set `false` to accept callbacks without one, deliberately (for example
   * behind a gateway that authenticates them); leaving `secret` out is not enough.
   * @default true
   */
  verify?: boolean;
  /** Query parameter carrying the token; must match `createCallbackUrls`. @default 'token' */
  tokenParam?: string;
  /** Query parameter carrying the kind; `false` to always detect it. @default 'kind' */
  kindParam?: string | false;
  /** Called for each delivery report. */
  onDeliveryReport?: WebhookEventHandler<DeliveryReportEvent>;
  /** Called for each short-number reply that is not a STOP. */
  onReply?: WebhookEventHandler<ReplyEvent>;
  /** Called for each STOP (opt-out). */
  onStop?: WebhookEventHandler<StopEvent>;
  /** Called for each long-number message, once complete (or partial after the timeout). */
  onInboundMessage?: WebhookEventHandler<InboundMessageEvent>;
  /** Called for each HLR result. */
  onHlrResult?: WebhookEventHandler<HlrResultEvent>;
  /** Called for events whose specific handler above is not set. Events with neither are acknowledged and dropped. */
  onEvent?: WebhookEventHandler<SmsPartnerWebhookEvent>;
  /**
   * Called when a user handler or a store throws (the response is then 500 and the event will be
   * handled again if SMS Partner retries). Errors thrown here are swallowed.
   */
  onError?: (
    error: unknown,
    context: { event?: SmsPartnerWebhookEvent; request?: Request },
  ) => unknown;
  /** Called for each refused request (4xx), for logging. Errors thrown here are swallowed. */
  onRejected?: (error: WebhookError, request: Request) => unknown;
  /** @default 65536 */
  maxBodyBytes?: number;
  /**
   * IPv4/IPv6 addresses and CIDR ranges allowed to call; requests from elsewhere, or whose
   * address is unknown, get 403. Unset: no address check.
   * @example ['185.66.232.0/24']
   */
  allowedSources?: readonly string[];
  /** Whether to believe `X-Forwarded-For` (see {@link TrustProxy}). @default false */
  trustProxy?: TrustProxy;
  /** Set `false` to call handlers for every duplicate too. @default true */
  dedupe?: boolean;
  /** @default createMemoryDedupeStore() */
  dedupeStore?: DedupeStore;
  /** How long a handled event is remembered. @default 86400000 (24 hours) */
  dedupeTtlMs?: number;
  /** Key per event; return `undefined` to skip deduplication for it. @default defaultDedupeKey */
  dedupeKey?: (event: SmsPartnerWebhookEvent) => string | undefined;
  /** Where multipart inbound parts wait. @default createMemoryConcatStore() */
  concatStore?: ConcatStore;
  /** See `ConcatAssemblerOptions.timeoutMs`. @default 600000 */
  concatTimeoutMs?: number;
  /** See `ConcatAssemblerOptions.onTimeout`. @default 'deliver_partial' */
  onConcatTimeout?: ConcatTimeoutPolicy;
  /** Clock in epoch milliseconds (inject one in tests). @default Date.now */
  now?: () => number;
}

/** Per-request information only the adapter knows. */
export interface WebhookRequestContext {
  /** The connection's peer address, for `allowedSources`. */
  remoteAddress?: string | undefined;
}

/** The function returned by {@link createWebhookHandler}. */
export interface WebhookHandler {
  (request: Request, context?: WebhookRequestContext): Promise<Response>;
  /**
   * Settles multipart messages that timed out (the handler also does it now and then while
   * serving requests). Resolves to the number of partial messages handed to your handler.
   */
  flushExpired(): Promise<number>;
}

function json(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

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
  const secrets = verify ? checkSecrets(options.secret) : [];
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
  const now = options.now ?? Date.now;
  const dedupeStore =
    options.dedupe === false
      ? undefined
      : (options.dedupeStore ?? createMemoryDedupeStore({ now }));
  const dedupeKey = options.dedupeKey ?? defaultDedupeKey;
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

  async function dispatch(
    event: SmsPartnerWebhookEvent,
    context: WebhookEventContext,
  ): Promise<void> {
    const specific = {
      delivery_report: options.onDeliveryReport,
      reply: options.onReply,
      stop: options.onStop,
      inbound_message: options.onInboundMessage,
      hlr_result: options.onHlrResult,
    }[event.type] as WebhookEventHandler<SmsPartnerWebhookEvent> | undefined;
    const handler = specific ?? options.onEvent;
    if (handler) await handler(event, context);
  }

  async function reportError(error: unknown, event?: SmsPartnerWebhookEvent, request?: Request) {
    if (options.onError) await safely(() => options.onError?.(error, { event, request }));
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

  async function authenticate(
    request: Request,
    context: WebhookRequestContext | undefined,
    url: URL,
  ) {
    if (request.method !== 'POST' && request.method !== 'GET') {
      throw new WebhookError(
        'method_not_allowed',
        'Callbacks are POST (or GET with a query string).',
      );
    }
    if (allowed) {
      const address = resolveRemoteAddress(request, {
        remoteAddress: context?.remoteAddress,
        trustProxy,
      });
      if (!allowed(address)) {
        throw new WebhookError('forbidden_source', 'The caller address is not in allowedSources.');
      }
    }
    if (verify) {
      const token = url.searchParams.get(tokenParam);
      if (token === null)
        throw new WebhookError('missing_token', 'The callback URL carries no token.');
      if (!verifyWebhookToken(token, secrets)) {
        throw new WebhookError('invalid_token', 'The callback token does not match the secret.');
      }
    }
  }

  async function handle(request: Request, context?: WebhookRequestContext): Promise<Response> {
    let event: SmsPartnerWebhookEvent;
    let format: WebhookPayloadFormat;
    try {
      const url = new URL(request.url);
      await authenticate(request, context, url);
      const read = await readWebhookPayload(request, { maxBodyBytes, ignoreQueryParams });
      format = read.format;
      const kind = kindParam === false ? null : url.searchParams.get(kindParam);
      event = parseWebhookEvent(read.payload, {
        ...options,
        ...(kind === null ? {} : { kind: kind as WebhookCallbackKind }),
      });
    } catch (error) {
      if (error instanceof WebhookError && error.status < 500) {
        if (options.onRejected) await safely(() => options.onRejected?.(error, request));
        const headers: Record<string, string> =
          error.code === 'method_not_allowed' ? { allow: 'GET, POST' } : {};
        return json(error.status, { ok: false, error: error.code }, headers);
      }
      await reportError(error, undefined, request);
      return json(500, { ok: false, error: 'handler_failed' });
    }

    let claimed: string | undefined;
    try {
      const key = dedupeStore ? dedupeKey(event) : undefined;
      if (dedupeStore && key !== undefined) {
        const hashed = await hashDedupeKey(key);
        if (!(await dedupeStore.setIfAbsent(hashed, dedupeTtlMs)))
          return json(200, { ok: true, duplicate: true });
        claimed = hashed;
      }
      let commit = async () => {};
      if (event.type === 'inbound_message' && event.concat) {
        const result = await assembler.add(event);
        if (!isConcatReady(result)) return json(200, { ok: true, [result.status]: true });
        event = result.event;
        commit = result.commit;
      }
      await dispatch(event, { request, format });
      // Handled: a failure to forget the parts must not make SMS Partner send them again.
      await commit().catch((error: unknown) => reportError(error, event, request));
    } catch (error) {
      if (claimed !== undefined) {
        const key = claimed;
        await safely(() => dedupeStore?.delete(key));
      }
      await reportError(error, event, request);
      return json(500, { ok: false, error: 'handler_failed' });
    }
    if (lastFlush + flushEveryMs <= now()) await flushExpired();
    return json(200, { ok: true });
  }

  return Object.assign(handle, { flushExpired });
}
