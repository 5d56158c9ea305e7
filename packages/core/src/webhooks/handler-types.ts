/**
 * Types of the webhook handler: its options, the context user handlers receive, and the handler
 * function itself.
 *
 * @example
 * ```ts
 * import type { WebhookHandlerOptions } from '@sms-partner/core';
 *
 * const options: WebhookHandlerOptions = {
 *   secret: process.env.SMS_PARTNER_WEBHOOK_SECRET,
 *   onDeliveryReport: (report, { format }) => console.log(report.status, format),
 * };
 * ```
 * @packageDocumentation
 */

import type { ConcatTimeoutPolicy } from './concat.js';
import type { ConcatStore } from './concat-store.js';
import type { DedupeStore } from './dedupe.js';
import type { WebhookError } from './errors.js';
import type { ParseWebhookEventOptions } from './parse-event.js';
import type { TrustProxy } from './source-address.js';
import type { WebRequestParts } from './to-web-request.js';
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
  /**
   * The request the event came in (its body already read), absent for events settled by
   * `flushExpired()`. Through {@link WebhookHandler.handlePlain} (the Express and NestJS adapters)
   * it is built from the parts on first access, with the body that was read (a getter: read it
   * from the context, a spread copy of the context leaves it out).
   */
  request: Request | undefined;
  /** How the payload was encoded (`'flush'` for partial messages settled by a timeout). */
  format: WebhookPayloadFormat | 'flush';
}

/**
 * A user handler. Throwing (or rejecting) makes the webhook answer 500 and calls `onError`; the
 * event is then not remembered as handled, so SMS Partner's retry reaches the handler again.
 */
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
  /**
   * Called for each refused request (4xx), for logging. Errors thrown here are swallowed. When
   * set, the default warning (see `logger`) is not written.
   */
  onRejected?: (error: WebhookError, request: Request) => unknown;
  /**
   * Where refused callbacks are reported when `onRejected` is not set: one line per reason per
   * minute at most (with how many more were refused meanwhile), naming the status, the reason,
   * the method and path and how to fix it, never the token, the secret or a payload value. A
   * wrong secret or public URL otherwise fails silently: every report gets 401 and nothing else
   * happens. `false` writes nothing.
   * @default console
   */
  logger?: WebhookLogger | false;
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
  /**
   * Where handled events are remembered. A store with `claim` and `markHandled` (the built-in one
   * has them) never loses an event; one with only `setIfAbsent`/`delete` may (see `DedupeStore`).
   * @default createMemoryDedupeStore()
   */
  dedupeStore?: DedupeStore;
  /** How long a handled event is remembered. @default 86400000 (24 hours) */
  dedupeTtlMs?: number;
  /**
   * How long an event stays "in flight" while your handler runs (two-phase stores only). Copies
   * arriving meanwhile get 503 with `retry-after: 1` and do not reach your handler; if the process
   * dies mid-handler, the lease expires and the next retry is handled. Make it longer than your
   * slowest handler: past it, a retry may run the handler a second time.
   * @default 60000 (1 minute)
   */
  dedupeLeaseMs?: number;
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

/** Where the handler writes its warnings (`console`, a pino or Nest `Logger`...). */
export interface WebhookLogger {
  /** Writes one warning line. */
  warn(message: string): unknown;
}

/** Per-request information only the adapter knows. */
export interface WebhookRequestContext {
  /** The connection's peer address, for `allowedSources`. */
  remoteAddress?: string | undefined;
}

/**
 * A callback request as plain parts, for {@link WebhookHandler.handlePlain}: what a Node server
 * hands out, taken as is (`req.method`, `req.url`, `req.headers`, `req` itself as the body, or a
 * body another middleware already read or parsed; see `WebRequestBody`).
 */
export interface WebhookPlainRequest extends WebRequestParts {
  /** The connection's peer address, for `allowedSources` (`req.socket.remoteAddress`). */
  remoteAddress?: string | undefined;
}

/** The answer of {@link WebhookHandler.handlePlain}, to write as is. */
export interface WebhookPlainResponse {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** Response body (a small JSON object, or empty). */
  body: string;
}

/** The function returned by {@link createWebhookHandler}. */
export interface WebhookHandler {
  (request: Request, context?: WebhookRequestContext): Promise<Response>;
  /**
   * The same handler for servers that do not speak Web `Request`/`Response` (Node's `http`,
   * Express, Fastify): plain parts in, a plain answer out, with exactly the same checks and
   * answers. It builds no `Request`, `Headers`, stream or `Response` per callback, which makes it
   * several times cheaper on Node. The body is read with the same size limit while streaming.
   *
   * @example
   * ```ts
   * http.createServer(async (req, res) => {
   *   const answer = await handle.handlePlain({
   *     method: req.method, url: req.url ?? '/', headers: req.headers, body: req,
   *     remoteAddress: req.socket.remoteAddress,
   *   });
   *   res.writeHead(answer.status, answer.headers).end(answer.body);
   * });
   * ```
   */
  handlePlain(request: WebhookPlainRequest): Promise<WebhookPlainResponse>;
  /**
   * Settles multipart messages that timed out (the handler also does it now and then while
   * serving requests). Resolves to the number of partial messages handed to your handler.
   */
  flushExpired(): Promise<number>;
}
