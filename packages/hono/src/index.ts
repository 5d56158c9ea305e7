/**
 * `@sms-partner/hono`: the client in Hono's typed context, and SMS Partner callbacks (delivery
 * reports, replies, STOP, inbound SMS, HLR results) on a Hono route. Only Web APIs: it runs on
 * every Hono runtime (Node, Bun, Deno, Cloudflare Workers...).
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { getSmsPartner, smsPartner, smsPartnerWebhooks, type SmsPartnerEnv } from '@sms-partner/hono';
 *
 * const app = new Hono<SmsPartnerEnv>();
 * app.use(smsPartner({ apiKey: process.env.SMS_PARTNER_API_KEY }));
 * app.all('/webhooks/sms-partner', smsPartnerWebhooks({
 *   secret: process.env.SMS_PARTNER_WEBHOOK_SECRET,
 *   onStop: (stop) => console.log(`${stop.phoneNumber} opted out`),
 * }));
 * app.post('/notify', async (c) =>
 *   c.json(await c.var.smsPartner.sms.send({ to: '0612345678', message: 'Bonjour' })));
 * ```
 * @packageDocumentation
 */
import {
  createWebhookHandler,
  SmsPartnerClient,
  type SmsPartnerClientOptions,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from '@sms-partner/core';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';

/** The adapter's name, for logs and diagnostics. */
export const frameworkName = 'hono';

/** Context variables set by {@link smsPartner}: `c.var.smsPartner`. */
export interface SmsPartnerVariables {
  /** The client the middleware was given (or built from its options). */
  smsPartner: SmsPartnerClient;
}

/** An `Env` to give `new Hono<SmsPartnerEnv>()` (or to merge into yours) so `c.var.smsPartner` is typed. */
export interface SmsPartnerEnv {
  /** Hono's context variables: `c.var.smsPartner`. */
  Variables: SmsPartnerVariables;
}

/**
 * Middleware putting one shared client on the context (`c.var.smsPartner`, or
 * {@link getSmsPartner}). Pass a client, or the options to build one (built once, here).
 */
export function smsPartner(
  client: SmsPartnerClient | SmsPartnerClientOptions,
): MiddlewareHandler<SmsPartnerEnv> {
  const instance = client instanceof SmsPartnerClient ? client : new SmsPartnerClient(client);
  return createMiddleware<SmsPartnerEnv>(async (c, next) => {
    c.set('smsPartner', instance);
    await next();
  });
}

/** The client {@link smsPartner} put on the context; throws a clear error if it is not mounted. */
export function getSmsPartner(c: Context): SmsPartnerClient {
  const client = (c.var as Partial<SmsPartnerVariables>).smsPartner;
  if (!client) {
    throw new Error(
      'No SMS Partner client in this context. Fix: add app.use(smsPartner({ apiKey })) before this route.',
    );
  }
  return client;
}

/** Options of {@link smsPartnerWebhooks}: core's handler options plus how to learn the caller's address. */
export interface SmsPartnerWebhooksOptions extends WebhookHandlerOptions {
  /**
   * The caller's address, needed only with `allowedSources`. Hono has no runtime-neutral way to
   * read it: pass your runtime's `getConnInfo`, e.g. `(c) => getConnInfo(c).remote.address` from
   * `@hono/node-server/conninfo`, `hono/bun`, `hono/deno` or `hono/cloudflare-workers`.
   * @default () => undefined (core then refuses every caller when `allowedSources` is set)
   */
  getRemoteAddress?: (c: Context) => string | undefined;
}

/**
 * A handler serving SMS Partner callbacks: mount it with `app.all(path, ...)` (core answers 405
 * to methods other than GET and POST). Throws at once (fail closed) when neither `secret` nor
 * `verify: false` is given.
 */
export function smsPartnerWebhooks(options: SmsPartnerWebhooksOptions): Handler {
  const { getRemoteAddress, ...handlerOptions } = options;
  const handle = createWebhookHandler(handlerOptions);
  return (c) => {
    const request = c.req.raw;
    // A middleware already read the body (`c.req.json()`, a validator): Hono keeps a copy.
    if (request.bodyUsed) return fromCopy(c, handle, getRemoteAddress);
    // The request as the runtime made it: core reads its body once (with `arrayBuffer()` when the
    // length is declared, which @hono/node-server serves straight from the socket) and answers with
    // a string-bodied Response, which node-server writes without a Web stream. Core's promise is
    // returned as it is (no `async` here: fewer promises per callback).
    return handle(request, { remoteAddress: getRemoteAddress?.(c) });
  };
}

/** Runs the handler on a request rebuilt from the copy of the body that Hono kept. */
async function fromCopy(
  c: Context,
  handle: WebhookHandler,
  getRemoteAddress: SmsPartnerWebhooksOptions['getRemoteAddress'],
): Promise<Response> {
  const raw = c.req.raw;
  const headers = new Headers(raw.headers);
  headers.delete('content-length');
  const body = await c.req.arrayBuffer().catch(() => null);
  const request = new Request(raw.url, { method: raw.method, headers, body });
  return handle(request, { remoteAddress: getRemoteAddress?.(c) });
}
