import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  type HarnessFactory,
  type HarnessOptions,
  listen,
  runAdapterContract,
  runAdapterGuarantees,
} from '@sms-partner/adapter-contract';
import type { SmsPartnerClient } from '@sms-partner/core';
import { type Context, Hono } from 'hono';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getSmsPartner, type SmsPartnerEnv, smsPartner, smsPartnerWebhooks } from '../src/index.js';

/** The app the README shows; with `hostParsesBodies`, a middleware reads every body first. */
function buildApp(options: HarnessOptions, getRemoteAddress?: (c: Context) => string | undefined) {
  const app = new Hono<SmsPartnerEnv>();
  if (options.hostParsesBodies) {
    app.use(async (c, next) => {
      const type = c.req.header('content-type') ?? '';
      if (type.includes('json')) await c.req.json().catch(() => undefined);
      else if (type.includes('form')) await c.req.parseBody();
      await next();
    });
  }
  app.use(smsPartner(options.client));
  app.all(
    options.webhookPath,
    smsPartnerWebhooks({ ...options.webhook, ...options.handlers, getRemoteAddress }),
  );
  app.get(options.appRoute.path, async (c) =>
    c.json(await options.appRoute.handle(c.var.smsPartner)),
  );
  return app;
}

const inProcess: HarnessFactory = async (options) => {
  const app = buildApp(options);
  return {
    baseUrl: 'http://localhost',
    fetch: (request) => Promise.resolve(app.request(request)),
    close: async () => {},
  };
};
const onNode: HarnessFactory = async (options) => {
  const app = buildApp(options, (c) => getConnInfo(c).remote.address);
  return listen(createAdaptorServer({ fetch: app.fetch }) as Server);
};

runAdapterContract('Hono app.request()', inProcess, { transport: 'in-process' });
runAdapterContract('Hono on Node (@hono/node-server)', onNode);
runAdapterGuarantees('Hono app.request()', inProcess, { transport: 'in-process' });
runAdapterGuarantees('Hono on Node (@hono/node-server)', onNode);

describe('Hono specifics', () => {
  it('types the client in the context', () => {
    const app = new Hono<SmsPartnerEnv>();
    app.get('/', (c) => {
      expectTypeOf(c.var.smsPartner).toEqualTypeOf<SmsPartnerClient>();
      expectTypeOf(getSmsPartner(c)).toEqualTypeOf<SmsPartnerClient>();
      return c.text('ok');
    });
  });

  it('getSmsPartner says how to fix a missing middleware', async () => {
    const app = new Hono();
    app.get('/', (c) => c.text(String(getSmsPartner(c))));
    app.onError((error, c) => c.text(error.message, 500));
    expect(await (await app.request('/')).text()).toMatch(/app\.use\(smsPartner/);
  });

  it('refuses to build a webhook handler without a secret (fail closed)', () => {
    expect(() => smsPartnerWebhooks({})).toThrow(/secret/);
  });
});
