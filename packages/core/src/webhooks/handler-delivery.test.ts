import { describe, expect, it, vi } from 'vitest';
import {
  answer,
  DLR,
  post,
  SECRET,
  setup,
  urlDlr,
  urlResponse,
} from '../../test/fixtures/webhooks/handler-kit.js';
import type { DedupeStore } from './dedupe.js';
import { createWebhookHandler } from './handler.js';

describe('deduplication', () => {
  it('calls the handler once for duplicates, answering 200 to each', async () => {
    const { handle, onEvent } = setup();
    const first = await answer(await handle(post(urlDlr, DLR)));
    const second = await answer(
      await handle(post(urlDlr, { ...DLR, date: 1764768999, status: 'Delivered' })),
    );
    const form = new Request(urlDlr, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        msgId: DLR.msgId,
        phone: DLR.phone,
        status: DLR.status,
      }).toString(),
    });
    const third = await answer(await handle(form));
    expect([first, second, third]).toEqual([
      { status: 200, body: { ok: true } },
      { status: 200, body: { ok: true, duplicate: true } },
      { status: 200, body: { ok: true, duplicate: true } },
    ]);
    expect(onEvent).toHaveBeenCalledTimes(1);
    await handle(post(urlDlr, { ...DLR, status: 'not delivered' }));
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it('remembers events for dedupeTtlMs (injected clock)', async () => {
    let now = 0;
    const { handle, onEvent } = setup({ dedupeTtlMs: 1000, now: () => now });
    await handle(post(urlDlr, DLR));
    now = 999;
    await handle(post(urlDlr, DLR));
    now = 1000;
    await handle(post(urlDlr, DLR));
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it('can be turned off, or skipped per event by dedupeKey', async () => {
    const off = setup({ dedupe: false });
    await off.handle(post(urlDlr, DLR));
    await off.handle(post(urlDlr, DLR));
    expect(off.onEvent).toHaveBeenCalledTimes(2);
    const custom = setup({
      dedupeKey: (event) => (event.type === 'reply' ? undefined : event.type),
    });
    const reply = { type: 'response', phone_number: '+33600000000', text: 'Oui' };
    await custom.handle(post(urlResponse, reply));
    await custom.handle(post(urlResponse, reply));
    await custom.handle(post(urlDlr, DLR));
    await custom.handle(post(urlDlr, { ...DLR, msgId: 'other' }));
    expect(custom.onEvent).toHaveBeenCalledTimes(3);
  });

  it('uses a custom store with hashed keys and the configured TTL', async () => {
    const calls: [string, number][] = [];
    const store: DedupeStore = {
      setIfAbsent: async (key, ttl) => {
        calls.push([key, ttl]);
        return calls.length === 1;
      },
      delete: async () => {},
    };
    const { handle, onEvent } = setup({ dedupeStore: store, dedupeTtlMs: 5000 });
    await handle(post(urlDlr, DLR));
    await handle(post(urlDlr, { ...DLR, msgId: 'different' }));
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(
      calls.map(([key, ttl]) => [/^sms-partner:webhook:[0-9a-f]{64}$/.test(key), ttl]),
    ).toEqual([
      [true, 5000],
      [true, 5000],
    ]);
  });
});

describe('handler failures', () => {
  it('answers 500 without leaking the error, reports it, and handles the retry', async () => {
    let fail = true;
    const onError = vi.fn();
    const onDeliveryReport = vi.fn(() => {
      if (fail) throw new Error(`database down (secret ${SECRET})`);
    });
    const handle = createWebhookHandler({ secret: SECRET, onDeliveryReport, onError });
    const response = await handle(post(urlDlr, DLR));
    const text = await response.text();
    expect([response.status, JSON.parse(text)]).toEqual([
      500,
      { ok: false, error: 'handler_failed' },
    ]);
    expect(text).not.toContain('database');
    expect(text).not.toContain(SECRET);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toContain('database down');
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ event: { type: 'delivery_report' } });
    fail = false;
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect(onDeliveryReport).toHaveBeenCalledTimes(2);
    expect(await answer(await handle(post(urlDlr, DLR)))).toEqual({
      status: 200,
      body: { ok: true, duplicate: true },
    });
  });

  it('async rejections count too, and a throwing onError or onRejected is swallowed', async () => {
    const handle = createWebhookHandler({
      secret: SECRET,
      onEvent: async () => Promise.reject(new Error('nope')),
      onError: () => {
        throw new Error('logger broken');
      },
      onRejected: () => {
        throw new Error('logger broken');
      },
    });
    expect((await handle(post(urlDlr, DLR))).status).toBe(500);
    expect((await handle(post(urlDlr, '{'))).status).toBe(400);
  });

  it('a failing dedupe store gives 500 and onError, not a crash', async () => {
    const onEvent = vi.fn();
    const onError = vi.fn();
    const handle = createWebhookHandler({
      secret: SECRET,
      onEvent,
      onError,
      dedupeStore: {
        setIfAbsent: () => Promise.reject(new Error('redis down')),
        delete: async () => {},
      },
    });
    expect((await handle(post(urlDlr, DLR))).status).toBe(500);
    expect(onEvent).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('multipart inbound messages through the handler', () => {
  const part = (position: number, text: string, ref = '77') => ({
    msisdn: '33600000000',
    to: '33700000000',
    messageId: `m${ref}-${position}`,
    text,
    concat: 'true',
    'concat-ref': ref,
    'concat-total': '3',
    'concat-part': String(position),
  });

  it('calls onInboundMessage once with the whole text, parts in any order, duplicates ignored', async () => {
    const { handle, events } = setup();
    const answers = [];
    for (const payload of [part(3, 'C'), part(1, 'A'), part(3, 'C'), part(2, 'B')]) {
      answers.push((await answer(await handle(post(urlResponse, payload)))).body);
    }
    expect(answers).toEqual([
      { ok: true, pending: true },
      { ok: true, pending: true },
      { ok: true, duplicate: true },
      { ok: true },
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'inbound_message',
      text: 'ABC',
      partial: false,
      messageId: 'm77-1',
    });
  });

  it('a handler failure on the last part lets the retry complete the message', async () => {
    let fail = true;
    const texts: string[] = [];
    const handle = createWebhookHandler({
      secret: SECRET,
      onInboundMessage: (message) => {
        if (fail) throw new Error('x');
        texts.push(message.text);
      },
    });
    await handle(post(urlResponse, part(1, 'A', '5')));
    await handle(post(urlResponse, part(2, 'B', '5')));
    expect((await handle(post(urlResponse, part(3, 'C', '5')))).status).toBe(500);
    fail = false;
    expect((await handle(post(urlResponse, part(3, 'C', '5')))).status).toBe(200);
    expect(texts).toEqual(['ABC']);
  });

  it('delivers timed-out messages as partial from flushExpired() and while serving later requests', async () => {
    let now = 0;
    const { handle, events } = setup({ concatTimeoutMs: 1000, now: () => now });
    await handle(post(urlResponse, part(1, 'A', 'x')));
    now = 1000;
    expect(await handle.flushExpired()).toBe(1);
    expect(
      events.map((event) => event.type === 'inbound_message' && [event.text, event.missingParts]),
    ).toEqual([['A', [2, 3]]]);
    await handle(post(urlResponse, part(2, 'B', 'y')));
    now = 2000;
    await handle(post(urlDlr, DLR));
    expect(events.map((event) => event.type === 'inbound_message' && event.text)).toEqual([
      'A',
      false,
      'B',
    ]);
  });

  it("drops timed-out messages with onConcatTimeout: 'drop'", async () => {
    let now = 0;
    const { handle, events } = setup({
      concatTimeoutMs: 1000,
      onConcatTimeout: 'drop',
      now: () => now,
    });
    await handle(post(urlResponse, part(1, 'A', 'd')));
    now = 1500;
    expect((await answer(await handle(post(urlResponse, part(2, 'B', 'd'))))).body).toEqual({
      ok: true,
      dropped: true,
    });
    expect(await handle.flushExpired()).toBe(0);
    expect(events).toEqual([]);
  });
});
