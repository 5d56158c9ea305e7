/**
 * The Worker the workerd test runs: a Hono app as a Cloudflare Workers user would write it, with
 * `@sms-partner/hono`'s client middleware and webhook route, and `@sms-partner/core`'s callback
 * URLs. Bundled from the workspace sources by the test; nothing here uses a Node API.
 *
 * Routes: `POST /send` sends `{ to, message }` through the client with `urlDlr` pointing back at
 * this Worker; `ALL /webhooks/sms-partner` is the webhook route; `GET /events` lists the events
 * the handlers received (kept in the isolate's memory, which workerd keeps for the test's run).
 */
import { createCallbackUrls, type SmsPartnerWebhookEvent } from '@sms-partner/core';
import { type SmsPartnerEnv, smsPartner, smsPartnerWebhooks } from '@sms-partner/hono';
import { Hono } from 'hono';

/** Text bindings from the workerd configuration. */
interface Bindings {
  /** The emulator's API base, e.g. `http://127.0.0.1:41234/v1/`. */
  EMULATOR_BASE_URL: string;
  API_KEY: string;
  WEBHOOK_SECRET: string;
  /** Where this Worker listens, e.g. `http://127.0.0.1:41235`. */
  SELF_URL: string;
}

type Env = { Bindings: Bindings; Variables: SmsPartnerEnv['Variables'] };

const events: { event: SmsPartnerWebhookEvent; runtime: string }[] = [];
const record = (event: SmsPartnerWebhookEvent) => {
  events.push({ event, runtime: navigator.userAgent });
};

// Bindings arrive with the first request, so the client and the handler are built then, once.
let client: ReturnType<typeof smsPartner> | undefined;
let webhooks: ReturnType<typeof smsPartnerWebhooks> | undefined;

const app = new Hono<Env>();
app.use((c, next) => {
  client ??= smsPartner({ apiKey: c.env.API_KEY, baseUrl: c.env.EMULATOR_BASE_URL, retry: false });
  // The middleware is typed for `SmsPartnerEnv`; this app's Env adds the Worker's bindings.
  return client(c as unknown as Parameters<typeof client>[0], next);
});

app.post('/send', async (c) => {
  const { to, message } = await c.req.json<{ to: string; message: string }>();
  const urls = createCallbackUrls({
    baseUrl: `${c.env.SELF_URL}/webhooks/sms-partner`,
    secret: c.env.WEBHOOK_SECRET,
    // The test's loopback: real deployments give an https URL.
    allowInsecureHttp: true,
  });
  const result = await c.var.smsPartner.sms.send({ to, message, urlDlr: urls.urlDlr });
  return c.json({ messageId: result.messageId, urlDlr: urls.urlDlr });
});

app.all('/webhooks/sms-partner', (c, next) => {
  webhooks ??= smsPartnerWebhooks({
    secret: c.env.WEBHOOK_SECRET,
    onDeliveryReport: record,
    onReply: record,
    onStop: record,
  });
  return webhooks(c, next);
});

app.get('/events', (c) => c.json(events));

export default app;
