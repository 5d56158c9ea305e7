/**
 * The Hono app on `@hono/node-server`: `@sms-partner/hono` puts the client in the typed context
 * and serves the webhook route; `POST /send` sends through `c.var.smsPartner`.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { type SmsPartnerEnv, smsPartner, smsPartnerWebhooks } from '@sms-partner/hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppOptions, RunningApp } from './shared.js';
import { closeServer, listen, sendThroughClient } from './shared.js';

export async function startHonoApp(options: AppOptions): Promise<RunningApp> {
  const { store, secret, webhookPath } = options;
  let webhookUrl = '';
  const app = new Hono<SmsPartnerEnv>();
  app.use(smsPartner(options.client));
  app.all(
    webhookPath,
    smsPartnerWebhooks({
      secret,
      onDeliveryReport: (event) => store.deliveryReport('hono', event),
      onReply: (event) => store.reply('hono', event),
      onStop: (event) => store.stop('hono', event),
    }),
  );
  app.post('/send', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const answer = await sendThroughClient(c.var.smsPartner, 'hono', body, webhookUrl, secret);
    return c.json(answer.body, answer.status as ContentfulStatusCode);
  });

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const url = await listen(server, options.host);
  webhookUrl = `${url}${webhookPath}`;
  return { name: 'hono', url, webhookUrl, close: () => closeServer(server) };
}
