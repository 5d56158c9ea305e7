/**
 * Refused callbacks are loud by default: one warning line per reason per minute (never the token
 * or the secret), unless `onRejected` handles them or `logger: false` silences them. And a body
 * type the handler does not read gets 415, as the README says.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  answer,
  BASE,
  DLR,
  post,
  SECRET,
  urlDlr,
} from '../../test/fixtures/webhooks/handler-kit.js';
import { createWebhookHandler } from './handler.js';

const WRONG = 'wrong-secret-0123456789abcdefgh';

function logged(options: Parameters<typeof createWebhookHandler>[0] = {}) {
  const lines: string[] = [];
  let now = 1_000_000;
  const handle = createWebhookHandler({
    secret: SECRET,
    logger: { warn: (line) => void lines.push(line) },
    now: () => now,
    ...options,
  });
  return {
    handle,
    lines,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('refused callbacks are reported by default', () => {
  it('warns once per reason per minute, then counts what it held back', async () => {
    const { handle, lines, advance } = logged();
    const wrong = `${BASE}?token=${WRONG}&kind=dlr`;
    for (let n = 0; n < 5; n++) expect((await handle(post(wrong, DLR))).status).toBe(401);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('401 invalid_token');
    expect(lines[0]).toContain('POST /sms-partner');
    expect(lines[0]).toContain('secret');
    // Another reason gets its own line at once.
    expect((await handle(post(`${BASE}?kind=dlr`, DLR))).status).toBe(401);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('missing_token');
    advance(59_999);
    await handle(post(wrong, DLR));
    expect(lines).toHaveLength(2);
    advance(1);
    await handle(post(wrong, DLR));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('invalid_token');
    expect(lines[2]).toContain('5 more refused');
  });

  it('never writes the token, the secret, the query string or a payload value', async () => {
    const { handle, lines } = logged({ allowedSources: ['10.0.0.0/8'] });
    const secretish = `${SECRET.slice(0, -1)}Z`;
    await handle(post(`${BASE}?token=${encodeURIComponent(secretish)}&kind=dlr`, DLR), {
      remoteAddress: '10.0.0.1',
    });
    await handle(post(urlDlr, { msgId: 'PAYLOAD-VALUE-42', phone: '+33611112222' }), {
      remoteAddress: '10.0.0.1',
    });
    await handle(post(urlDlr, DLR), { remoteAddress: '192.0.2.7' });
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      '[sms-partner] Webhook callback refused with 401 invalid_token',
      '[sms-partner] Webhook callback refused with 400 invalid_payload',
      '[sms-partner] Webhook callback refused with 403 forbidden_source',
    ]);
    // The address helps with a 403 and is not a secret.
    expect(lines[2]).toContain('from 192.0.2.7');
    for (const line of lines) {
      for (const hidden of [SECRET, secretish, 'token=', 'kind=dlr', 'PAYLOAD-VALUE-42', '+336']) {
        expect(line).not.toContain(hidden);
      }
    }
  });

  it('stays silent with onRejected (which gets the error) or logger: false', async () => {
    const onRejected = vi.fn();
    const quiet = logged({ onRejected });
    await quiet.handle(post(`${BASE}?token=${WRONG}`, DLR));
    expect(quiet.lines).toEqual([]);
    expect(onRejected).toHaveBeenCalledTimes(1);
    expect(onRejected.mock.calls[0]?.[0]).toMatchObject({ reason: 'invalid_token' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const off = createWebhookHandler({ secret: SECRET, logger: false });
      await off(post(`${BASE}?token=${WRONG}`, DLR));
      expect(warn).not.toHaveBeenCalled();
      // And console is the default.
      const loud = createWebhookHandler({ secret: SECRET });
      await loud(post(`${BASE}?token=${WRONG}`, DLR));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('invalid_token');
    } finally {
      warn.mockRestore();
    }
  });

  it('a throwing logger changes nothing; a logger without warn is refused at creation', async () => {
    const handle = createWebhookHandler({
      secret: SECRET,
      logger: {
        warn: () => {
          throw new Error('log sink down');
        },
      },
    });
    expect((await handle(post(`${BASE}?token=${WRONG}`, DLR))).status).toBe(401);
    expect(() => createWebhookHandler({ secret: SECRET, logger: {} as never })).toThrow(
      expect.objectContaining({ field: 'logger' }),
    );
  });

  it('accepted callbacks write nothing', async () => {
    const { handle, lines } = logged();
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect((await handle(post(urlDlr, DLR))).status).toBe(200); // duplicate
    expect(lines).toEqual([]);
  });
});

describe('content types', () => {
  it('415 for text/plain that is not JSON, as for XML; JSON labelled text/plain is still read', async () => {
    const { handle, lines } = logged();
    const text = post(urlDlr, 'msgId=1&status=delivered&phone=%2B33600000000', {
      'content-type': 'text/plain',
    });
    expect(await answer(await handle(text))).toEqual({
      status: 415,
      body: { ok: false, error: 'unsupported_media_type' },
    });
    const words = post(urlDlr, 'delivered', { 'content-type': 'text/plain; charset=utf-8' });
    expect((await handle(words)).status).toBe(415);
    const bytes = post(urlDlr, 'msgId=1&status=delivered', {
      'content-type': 'application/octet-stream',
    });
    expect((await handle(bytes)).status).toBe(415);
    expect(lines[0]).toContain('415 unsupported_media_type');
    // What `fetch(url, { body: JSON.stringify(report) })` sends: text/plain;charset=UTF-8.
    const fetchLike = post(urlDlr, DLR, { 'content-type': 'text/plain;charset=UTF-8' });
    expect((await handle(fetchLike)).status).toBe(200);
  });
});
