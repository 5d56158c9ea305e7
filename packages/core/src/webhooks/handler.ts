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
import { createConcatAssembler, isConcatReady } from './concat.js';
import { createMemoryDedupeStore, defaultDedupeKey, hashDedupeKey } from './dedupe.js';
import { WebhookError } from './errors.js';
import type {
  WebhookEventContext,
  WebhookEventHandler,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookRequestContext,
} from './handler-types.js';
import { parseWebhookEvent, type WebhookCallbackKind } from './parse-event.js';
import { DEFAULT_MAX_BODY_BYTES, readWebhookPayload } from './payload.js';
import { createAddressMatcher, resolveRemoteAddress } from './source-address.js';
import type { InboundMessageEvent, SmsPartnerWebhookEvent, WebhookPayloadFormat } from './types.js';

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

/** Refusals decided before the body is read to its end (see `authenticate` and the size check). */
const UNREAD_BODY_REASONS: ReadonlySet<string> = new Set([
  'method_not_allowed',
  'forbidden_source',
  'missing_token',
  'invalid_token',
  'payload_too_large',
]);

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
          error.reason === 'method_not_allowed' ? { allow: 'GET, POST' } : {};
        // Refused before its body was read to the end: close the connection, or a keep-alive
        // client's next request would wait behind the unread rest, and Node would drain it all.
        if (UNREAD_BODY_REASONS.has(error.reason)) headers.connection = 'close';
        return json(error.status, { ok: false, error: error.reason }, headers);
      }
      await reportError(error, undefined, request);
      return json(500, { ok: false, error: 'handler_failed' });
    }

    let claimed: string | undefined;
    try {
      const key = dedupeStore ? dedupeKey(event) : undefined;
      if (dedupeStore && key !== undefined) {
        const hashed = hashKeys ? await hashDedupeKey(key) : key;
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
