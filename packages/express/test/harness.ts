import { createServer } from 'node:http';
import { type HarnessOptions, listen } from '@sms-partner/adapter-contract';
import type express from 'express';
import { getSmsPartner, smsPartner, smsPartnerWebhooks } from '../src/index.js';

/** Mounts the adapter on an app of the given Express, the way the README shows. */
export async function expressHarness(lib: typeof express, options: HarnessOptions) {
  const app = lib();
  if (options.hostParsesBodies) app.use(lib.json(), lib.urlencoded({ extended: false }));
  app.use(smsPartner(options.client));
  app.use(
    smsPartnerWebhooks({ path: options.webhookPath, ...options.webhook, ...options.handlers }),
  );
  app.get(options.appRoute.path, (req, res, next) => {
    options.appRoute
      .handle(getSmsPartner(req))
      .then((body) => res.json(body))
      .catch(next);
  });
  return listen(createServer(app));
}
