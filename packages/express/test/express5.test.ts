import { createServer } from 'node:http';
import { listen, runAdapterContract, runAdapterGuarantees } from '@sms-partner/adapter-contract';
import { createCallbackUrls, type DeliveryReportEvent } from '@sms-partner/core';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { getSmsPartner, smsPartnerWebhooks } from '../src/index.js';
import { expressHarness } from './harness.js';

runAdapterContract('Express 5', (options) => expressHarness(express, options));
runAdapterGuarantees('Express 5', (options) => expressHarness(express, options));

describe('Express specifics', () => {
  const secret = 'express-specific-secret-0123456789';

  /** An app whose host parser runs first; resolves to what the handler got for one callback. */
  async function through(parser: express.RequestHandler, body: string, type: string) {
    const seen: DeliveryReportEvent[] = [];
    const app = express();
    app.use(parser);
    app.use(
      smsPartnerWebhooks({
        path: '/sms',
        secret,
        onDeliveryReport: (event) => void seen.push(event),
      }),
    );
    const server = await listen(createServer(app));
    try {
      const { urlDlr } = createCallbackUrls({ baseUrl: `${server.baseUrl}/sms`, secret });
      const response = await fetch(urlDlr, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      return { status: response.status, seen };
    } finally {
      await server.close();
    }
  }

  it.each([
    ['express.urlencoded({ extended: true })', express.urlencoded({ extended: true })],
    ['express.raw()', express.raw({ type: () => true })],
    ['express.text()', express.text({ type: () => true })],
  ])('rebuilds the exact fields after %s ran first', async (_, parser) => {
    const form = 'msgId=77&status=delivered&extra[x]=1&tag=a%20b';
    const { status, seen } = await through(parser, form, 'application/x-www-form-urlencoded');
    expect(status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.raw).toEqual({ msgId: '77', status: 'delivered', 'extra[x]': '1', tag: 'a b' });
  });

  it('refuses to build a router without a secret (fail closed)', () => {
    expect(() => smsPartnerWebhooks({})).toThrow(/secret/);
  });

  it('getSmsPartner says how to fix a missing middleware', () => {
    expect(() => getSmsPartner({} as express.Request)).toThrow(/app\.use\(smsPartner/);
  });
});
