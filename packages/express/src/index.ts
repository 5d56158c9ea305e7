/**
 * `@sms-partner/express`: SMS Partner callbacks (delivery reports, replies, STOP, inbound SMS,
 * HLR results) on an Express 5 or 4 route, and the client on `req.smsPartner`.
 *
 * The webhook router reads its own request bodies, so it works with or without `express.json()`
 * or `express.urlencoded()` mounted before it; all checks and parsing happen in
 * `@sms-partner/core`'s `createWebhookHandler`.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { getSmsPartner, smsPartner, smsPartnerWebhooks } from '@sms-partner/express';
 *
 * const app = express();
 * app.use(smsPartner({ apiKey: process.env.SMS_PARTNER_API_KEY }));
 * app.use(smsPartnerWebhooks({
 *   secret: process.env.SMS_PARTNER_WEBHOOK_SECRET,
 *   onDeliveryReport: (report) => console.log(report.messageId, report.status),
 * }));
 * app.post('/notify', async (req, res) => {
 *   res.json(await getSmsPartner(req).sms.send({ to: '0612345678', message: 'Bonjour' }));
 * });
 * ```
 * @packageDocumentation
 */
import {
  createWebhookHandler,
  SmsPartnerClient,
  type SmsPartnerClientOptions,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebRequestBody,
} from '@sms-partner/core';
import { type Request, type RequestHandler, Router } from 'express';

declare global {
  namespace Express {
    interface Request {
      /** Set by the `smsPartner()` middleware; prefer `getSmsPartner(req)`, which is never undefined. */
      smsPartner?: SmsPartnerClient;
    }
  }
}

/** The adapter's name, for logs and diagnostics. */
export const frameworkName = 'express';

/** Options of {@link smsPartnerWebhooks}: core's handler options plus the path. */
export interface SmsPartnerWebhooksOptions extends WebhookHandlerOptions {
  /**
   * Path of the route, relative to where the router is mounted. Every method reaches core, which
   * answers 405 to all but GET and POST.
   * @default '/sms-partner/webhooks'
   */
  path?: string;
}

/**
 * A router serving SMS Partner callbacks at `options.path`. Pair it with `createCallbackUrls()`
 * from `@sms-partner/core` to build the `urlDlr` / `urlResponse` you pass when sending.
 * Throws at once (fail closed) when neither `secret` nor `verify: false` is given.
 */
export function smsPartnerWebhooks(options: SmsPartnerWebhooksOptions): Router {
  const { path = '/sms-partner/webhooks', ...handlerOptions } = options;
  const handle: WebhookHandler = createWebhookHandler(handlerOptions);
  const router = Router();
  router.all(path, (req, res, next) => {
    // Node's objects go to core as they are (no Web Request, stream or Response per callback).
    // Stream the body unless a host parser (express.json(), ...) already read it.
    const body = req.readableEnded ? ((req as { rawBody?: Uint8Array }).rawBody ?? req.body) : req;
    // Express 4 does not forward rejected promises to `next`; do it for both versions.
    handle
      .handlePlain({
        method: req.method,
        url: req.originalUrl,
        headers: req.headers,
        body: body as WebRequestBody,
        remoteAddress: req.socket.remoteAddress,
      })
      .then((answer) => {
        // Headers set earlier by other middleware stay; core's win on a clash, as before.
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      })
      .catch(next);
  });
  return router;
}

/**
 * Middleware putting one shared client on `req.smsPartner`. Pass a client, or the options to
 * build one (built once, here, not per request).
 */
export function smsPartner(client: SmsPartnerClient | SmsPartnerClientOptions): RequestHandler {
  const instance = client instanceof SmsPartnerClient ? client : new SmsPartnerClient(client);
  return (req, _res, next) => {
    req.smsPartner = instance;
    next();
  };
}

/** The client `smsPartner()` put on the request; throws a clear error if it is not mounted. */
export function getSmsPartner(req: Request): SmsPartnerClient {
  if (!req.smsPartner) {
    throw new Error(
      'No SMS Partner client on this request. Fix: mount app.use(smsPartner({ apiKey })) before this route.',
    );
  }
  return req.smsPartner;
}
