/**
 * The Hono app on `@hono/node-server`: the client in the context, the webhook route, and
 * `POST /send`.
 *
 * TEMPORARY: `@sms-partner/hono` is not written yet, so the route calls core's handler directly
 * (Hono speaks Web `Request`/`Response` already); replaced by the adapter once it lands.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createWebhookHandler, SmsPartnerClient } from '@sms-partner/core';
import { Hono } from 'hono';
import type { AppOptions, RunningApp } from './shared.js';
import { closeServer, listen, sendThroughClient } from './shared.js';

export async function startHonoApp(options: AppOptions): Promise<RunningApp> {
  const { store, secret, webhookPath } = options;
  let webhookUrl = '';
  const client = new SmsPartnerClient(options.client);
  const handle = createWebhookHandler({
    secret,
    onDeliveryReport: (event) => store.deliveryReport('hono', event),
    onReply: (event) => store.reply('hono', event),
    onStop: (event) => store.stop('hono', event),
  });
  const app = new Hono<{ Variables: { smsPartner: SmsPartnerClient } }>();
  app.use(async (c, next) => {
    c.set('smsPartner', client);
    await next();
  });
  app.all(webhookPath, (c) => handle(c.req.raw));
  app.post('/send', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const answer = await sendThroughClient(c.get('smsPartner'), 'hono', body, webhookUrl, secret);
    return c.json(answer.body, answer.status as 200);
  });

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const url = await listen(server, options.host);
  webhookUrl = `${url}${webhookPath}`;
  return { name: 'hono', url, webhookUrl, close: () => closeServer(server) };
}
