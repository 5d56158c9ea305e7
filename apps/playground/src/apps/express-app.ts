/**
 * The Express 5 app: `@sms-partner/express` puts the client on each request and serves the
 * webhook route; `POST /send` sends through `getSmsPartner(req)`.
 */
import { createServer } from 'node:http';
import { getSmsPartner, smsPartner, smsPartnerWebhooks } from '@sms-partner/express';
import express from 'express';
import type { AppOptions, RunningApp } from './shared.js';
import { closeServer, listen, sendThroughClient } from './shared.js';

export async function startExpressApp(options: AppOptions): Promise<RunningApp> {
  const { store, secret, webhookPath } = options;
  let webhookUrl = '';
  const app = express();
  app.disable('x-powered-by');
  app.use(smsPartner(options.client));
  app.use(
    smsPartnerWebhooks({
      path: webhookPath,
      secret,
      onDeliveryReport: (event) => store.deliveryReport('express', event),
      onReply: (event) => store.reply('express', event),
      onStop: (event) => store.stop('express', event),
    }),
  );
  app.post('/send', express.json(), async (req, res) => {
    const answer = await sendThroughClient(
      getSmsPartner(req),
      'express',
      req.body,
      webhookUrl,
      secret,
    );
    res.status(answer.status).json(answer.body);
  });

  const server = createServer(app);
  const url = await listen(server, options.host);
  webhookUrl = `${url}${webhookPath}`;
  return { name: 'express', url, webhookUrl, close: () => closeServer(server) };
}
