import { describe, expect, it } from 'vitest';
import {
  answer,
  BASE,
  DLR,
  notifyUrl,
  post,
  SECRET,
  setup,
  urlDlr,
  urlResponse,
} from '../../test/fixtures/webhooks/handler-kit.js';
import { WebhookError } from './errors.js';
import { createWebhookHandler } from './handler.js';
import type { WebhookHandlerOptions } from './handler-types.js';

describe('fail closed configuration', () => {
  it('refuses to start without a secret unless verify is false', () => {
    for (const options of [
      {},
      { secret: undefined },
      { secret: '' },
      { secret: [] },
      { verify: true },
    ]) {
      expect(() => createWebhookHandler(options)).toThrow(WebhookError);
    }
    expect(() => createWebhookHandler({ verify: false })).not.toThrow();
  });
  it('refuses short secrets and bad options, naming the option', () => {
    const fieldOf = (options: WebhookHandlerOptions) => {
      try {
        createWebhookHandler(options);
      } catch (error) {
        return (error as WebhookError).field;
      }
      return 'none';
    };
    expect(fieldOf({ secret: 'short' })).toBe('secret');
    expect(fieldOf({ secret: SECRET, maxBodyBytes: 0 })).toBe('maxBodyBytes');
    expect(fieldOf({ secret: SECRET, trustProxy: -1 })).toBe('trustProxy');
    expect(fieldOf({ secret: SECRET, dedupeTtlMs: 1.5 })).toBe('dedupeTtlMs');
    expect(fieldOf({ secret: SECRET, allowedSources: ['nope'] })).toBe('allowedSources[0]');
    expect(fieldOf({ secret: SECRET, verify: 'no' as never })).toBe('verify');
  });
});

describe('happy path', () => {
  it('answers 200 with a small JSON body and hands the typed event over', async () => {
    const { handle, events } = setup();
    const response = await handle(post(urlDlr, DLR));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await answer(response)).toEqual({ status: 200, body: { ok: true } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'delivery_report',
      messageId: '11111111',
      status: 'delivered',
    });
  });

  it('routes each event type to its handler, then to onEvent, and acknowledges unhandled ones', async () => {
    const calls: string[] = [];
    const handle = createWebhookHandler({
      secret: SECRET,
      onDeliveryReport: () => void calls.push('dlr'),
      onReply: () => void calls.push('reply'),
      onStop: () => void calls.push('stop'),
      onInboundMessage: () => void calls.push('inbound'),
      onHlrResult: () => void calls.push('hlr'),
    });
    await handle(post(urlDlr, DLR));
    await handle(
      post(urlResponse, {
        type: 'response',
        phone_number: '+33600000000',
        text: 'Oui',
        message_id: 1,
      }),
    );
    await handle(
      post(urlResponse, {
        type: 'stop',
        phone_number: '+33600000000',
        text: 'Stop',
        message_id: 1,
      }),
    );
    await handle(
      post(urlResponse, { msisdn: '33600000000', to: '33700000000', messageId: 'i1', text: 'Hi' }),
    );
    await handle(post(notifyUrl, { phone: '+33600000000', mccMnc: '20801' }));
    expect(calls).toEqual(['dlr', 'reply', 'stop', 'inbound', 'hlr']);

    const fallback: string[] = [];
    const partial = createWebhookHandler({
      secret: SECRET,
      onStop: () => void fallback.push('stop'),
      onEvent: (event) => void fallback.push(`event:${event.type}`),
    });
    await partial(post(urlDlr, DLR));
    await partial(post(urlResponse, { type: 'stop', phone_number: '+33600000000', text: 'Stop' }));
    expect(fallback).toEqual(['event:delivery_report', 'stop']);

    const none = createWebhookHandler({ secret: SECRET });
    expect((await none(post(urlDlr, DLR))).status).toBe(200);
  });

  it('passes the request and the payload format to handlers', async () => {
    const { handle, onEvent } = setup();
    const request = new Request(`${urlDlr}&msgId=1&status=delivered`);
    await handle(request);
    expect(onEvent.mock.calls[0]?.[1]).toEqual({ request, format: 'query' });
  });

  it('detects the kind from the fields when the URL carries none, and refuses a wrong kind', async () => {
    const { handle, events } = setup();
    const bare = `${BASE}?token=${SECRET}`;
    expect(
      (await handle(post(bare, { type: 'stop', phone_number: '+33600000000', text: 'STOP' })))
        .status,
    ).toBe(200);
    expect(events[0]?.type).toBe('stop');
    expect(await answer(await handle(post(notifyUrl, DLR)))).toEqual({
      status: 400,
      body: { ok: false, error: 'invalid_payload' },
    });
    expect((await handle(post(`${bare}&kind=weird`, DLR))).status).toBe(400);
  });

  it('ignores the kind parameter when kindParam is false', async () => {
    const { handle, events } = setup({ kindParam: false });
    expect((await handle(post(notifyUrl, DLR))).status).toBe(200);
    expect(events[0]?.type).toBe('delivery_report');
  });
});

describe('refusals never reach handlers', () => {
  it('405 for other methods, with Allow', async () => {
    const { handle, onEvent, onRejected } = setup();
    for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']) {
      const response = await handle(new Request(urlDlr, { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST');
    }
    expect(onEvent).not.toHaveBeenCalled();
    expect(onRejected).toHaveBeenCalledTimes(5);
    expect(onRejected.mock.calls[0]?.[0]).toBeInstanceOf(WebhookError);
  });

  it('401 for a missing, wrong, shorter, longer or differently-cased token', async () => {
    const { handle, onEvent } = setup();
    const withToken = (token: string) => `${BASE}?token=${encodeURIComponent(token)}&kind=dlr`;
    const cases: [string, string][] = [
      [`${BASE}?kind=dlr`, 'missing_token'],
      [withToken('wrong-secret-0123456789abcde'), 'invalid_token'],
      [withToken(SECRET.slice(0, -1)), 'invalid_token'],
      [withToken(`${SECRET}0`), 'invalid_token'],
      [withToken(SECRET.toUpperCase()), 'invalid_token'],
      [withToken(''), 'invalid_token'],
      [`${BASE}?TOKEN=${SECRET}&kind=dlr`, 'missing_token'],
    ];
    for (const [url, code] of cases) {
      const response = await handle(post(url, DLR));
      const text = await response.text();
      expect([response.status, JSON.parse(text)]).toEqual([401, { ok: false, error: code }]);
      expect(text).not.toContain(SECRET);
    }
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('accepts every secret of a rotation list, and no token at all with verify: false', async () => {
    const next = 'next-secret-abcdefghijklmnop';
    const { handle } = setup({ secret: [next, SECRET] });
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect((await handle(post(`${BASE}?token=${next}`, { ...DLR, msgId: '2' }))).status).toBe(200);
    const open = createWebhookHandler({ verify: false });
    expect((await open(post(BASE, DLR))).status).toBe(200);
  });

  it('413 over maxBodyBytes, 415 for XML, 400 for bad JSON and unknown payloads', async () => {
    const { handle, onEvent, onRejected } = setup({ maxBodyBytes: 100 });
    const cases: [Request, number, string][] = [
      [post(urlDlr, { ...DLR, tag: 'x'.repeat(200) }), 413, 'payload_too_large'],
      [
        post(urlDlr, '<dlr/>', { 'content-type': 'application/xml' }),
        415,
        'unsupported_media_type',
      ],
      [post(urlDlr, '{"msgId":'), 400, 'malformed_body'],
      [post(urlDlr, '[]'), 400, 'malformed_body'],
      [post(urlDlr, { msgId: '1' }), 400, 'invalid_payload'],
      [post(`${BASE}?token=${SECRET}`, { hello: 'world' }), 400, 'unknown_event'],
      [new Request(urlDlr), 400, 'malformed_body'],
    ];
    for (const [request, status, code] of cases) {
      expect(await answer(await handle(request))).toEqual({
        status,
        body: { ok: false, error: code },
      });
    }
    expect(onEvent).not.toHaveBeenCalled();
    expect(onRejected.mock.calls.map(([error]) => (error as WebhookError).reason)).toEqual(
      cases.map(([, , c]) => c),
    );
  });

  it('checks the source address against the allow-list (IPv4, IPv6, CIDR)', async () => {
    const { handle, onEvent } = setup({ allowedSources: ['185.66.232.0/24', '2001:db8::/32'] });
    const status = async (remoteAddress?: string) =>
      (await handle(post(urlDlr, DLR), { remoteAddress })).status;
    expect(await status('185.66.232.17')).toBe(200);
    expect(await status('::ffff:185.66.232.18')).toBe(200);
    expect(await status('2001:db8::5')).toBe(200);
    expect(await status('185.66.233.1')).toBe(403);
    expect(await status('2001:db9::5')).toBe(403);
    expect(await status(undefined)).toBe(403);
    expect(await status('not-an-ip')).toBe(403);
    expect(onEvent).toHaveBeenCalledTimes(1); // the first three are one DLR: duplicates after the first
  });

  it('trusts X-Forwarded-For only when told to', async () => {
    const spoofed = () => post(urlDlr, DLR, { 'x-forwarded-for': '185.66.232.17' });
    const untrusting = setup({ allowedSources: ['185.66.232.0/24'] });
    expect((await untrusting.handle(spoofed(), { remoteAddress: '10.0.0.1' })).status).toBe(403);
    const trusting = setup({ allowedSources: ['185.66.232.0/24'], trustProxy: 1 });
    expect((await trusting.handle(spoofed(), { remoteAddress: '10.0.0.1' })).status).toBe(200);
    const chained = post(urlDlr, DLR, { 'x-forwarded-for': '185.66.232.17, 198.51.100.9' });
    expect((await trusting.handle(chained, { remoteAddress: '10.0.0.1' })).status).toBe(403);
  });

  it('checks the method, then the address, then the token, then the body', async () => {
    const { handle } = setup({ allowedSources: ['10.0.0.0/8'], maxBodyBytes: 10 });
    const big = (url: string, method = 'POST') =>
      new Request(url, { method, body: method === 'GET' ? null : '{"x":"'.padEnd(50, 'x') });
    expect(
      (await handle(big(`${BASE}?token=bad`, 'PUT'), { remoteAddress: '192.0.2.1' })).status,
    ).toBe(405);
    expect((await handle(big(`${BASE}?token=bad`), { remoteAddress: '192.0.2.1' })).status).toBe(
      403,
    );
    expect((await handle(big(`${BASE}?token=bad`), { remoteAddress: '10.1.1.1' })).status).toBe(
      401,
    );
    expect((await handle(big(urlDlr), { remoteAddress: '10.1.1.1' })).status).toBe(413);
  });
});
