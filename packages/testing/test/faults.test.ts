import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { get, post } from './helpers.js';

const KEY = 'fault-key';
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    accounts: [{ apiKey: KEY }],
    clock: { frozen: true, start: '2025-03-12T10:00:00+01:00' },
  });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const sendBody = { apiKey: KEY, phoneNumbers: '0611111111', message: 'x' };
const sendOnce = () => post(emu.baseUrl, 'send', sendBody);

/**
 * A client timeout long enough that, even on a loaded CI machine, the request has reached the
 * emulator (which records it on arrival) before the client gives up.
 */
const TIMEOUT_MS = 2_000;
/**
 * The latency of the tests below: several times {@link TIMEOUT_MS}, so a client surely gives up
 * (or a test surely acts) while the emulator is still waiting.
 */
const LATENCY_MS = 3 * TIMEOUT_MS;
/** Polls until something has happened; the limit only guards against a hang. */
const UNTIL = { timeout: LATENCY_MS + 30_000, interval: 10 };

describe('connection resets', () => {
  it('before the body: the client gets a network error and nothing is sent', async () => {
    emu.faults.inject({ kind: 'reset-before-body', route: 'send', times: 1 });
    await expect(sendOnce()).rejects.toThrow();
    expect(emu.messages()).toHaveLength(0);
    expect(emu.lastRequest({ route: 'send' })?.fault).toBe('reset-before-body');
    expect((await sendOnce()).json.success).toBe(true);
  });

  it('after the body: the body is recorded, nothing is sent', async () => {
    emu.faults.inject({ kind: 'reset-after-body', route: '/v1/send', times: 1 });
    await expect(sendOnce()).rejects.toThrow();
    expect(emu.messages()).toHaveLength(0);
    expect(emu.lastRequest({ route: 'send' })?.rawBody).toBe(JSON.stringify(sendBody));
  });

  it('after processing: the SMS is sent but the client never hears it (a retry would double-send)', async () => {
    emu.faults.inject({ kind: 'reset-after-processing', route: 'send', times: 1 });
    await expect(sendOnce()).rejects.toThrow();
    expect(emu.messages()).toHaveLength(1);
  });
});

describe('error answers', () => {
  it('5xx for the next N calls only', async () => {
    const handle = emu.faults.inject({ kind: 'server-error', status: 503, times: 2 });
    expect((await sendOnce()).status).toBe(503);
    expect((await get(emu.baseUrl, 'me', { apiKey: KEY })).status).toBe(503);
    expect(handle.remaining).toBe(0);
    expect((await sendOnce()).status).toBe(200);
    expect(emu.messages()).toHaveLength(1);
  });

  it('429 with Retry-After', async () => {
    emu.faults.inject({ kind: 'rate-limit', retryAfter: 7, times: 1 });
    const r = await sendOnce();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(emu.messages()).toHaveLength(0);
  });

  it('an HTML error page', async () => {
    emu.faults.inject({ kind: 'html', times: 1 });
    const r = await sendOnce();
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toMatch(/^<html>/);
  });

  it('truncated JSON after processing', async () => {
    emu.faults.inject({ kind: 'truncated-json', route: 'send', times: 1 });
    const r = await sendOnce();
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(r.text.startsWith('{"success":true')).toBe(true);
    expect(emu.messages()).toHaveLength(1);
  });

  it('a stalled body: headers and half the answer, then silence until the client leaves; sent', async () => {
    emu.faults.inject({ kind: 'stall-body', route: 'send', times: 1 });
    const response = await fetch(`${emu.baseUrl}send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sendBody),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    expect(response.status).toBe(200);
    // The headers came; the body never completes, so only the client's own deadline ends it.
    await expect(response.text()).rejects.toThrow();
    expect(emu.messages()).toHaveLength(1);
    await vi.waitFor(
      () => expect(emu.lastRequest({ route: 'send' })?.durationMs).toBeDefined(),
      UNTIL,
    );
    expect(emu.lastRequest({ route: 'send' })?.fault).toBe('stall-body');
    expect((await sendOnce()).json.success).toBe(true);
  });

  it('"success" without message_id (the reported incident), nothing sent', async () => {
    emu.faults.inject({ kind: 'success-without-id', times: 1 });
    const r = await sendOnce();
    expect(r.json).toEqual({ success: true, code: 200, message: 'Request queued for processing' });
    expect(emu.messages()).toHaveLength(0);
  });
});

describe('matching and latency', () => {
  it('only affects the named route and method', async () => {
    emu.faults.inject({ kind: 'server-error', route: 'send' });
    expect((await get(emu.baseUrl, 'me', { apiKey: KEY })).status).toBe(200);
    expect((await sendOnce()).status).toBe(500);
    emu.faults.clear();
    emu.faults.inject({ kind: 'server-error', method: 'GET' });
    expect((await sendOnce()).status).toBe(200);
  });

  it('latency makes a client with a shorter timeout give up', async () => {
    emu.faults.inject({ kind: 'latency', latencyMs: LATENCY_MS, times: 1 });
    await expect(
      fetch(`${emu.baseUrl}me?apiKey=${KEY}`, { signal: AbortSignal.timeout(TIMEOUT_MS) }),
    ).rejects.toThrow(/abort|timeout/i);
    // The request did reach the emulator and met the latency: that is what the client gave up on.
    await vi.waitFor(() => expect(emu.requests({ route: 'me' })).toHaveLength(1), UNTIL);
    expect(emu.lastRequest({ route: 'me' })?.fault).toBe('latency');
  });

  it('a client that gives up during latency: the send is processed and its record completed', async () => {
    emu.faults.inject({ kind: 'latency', latencyMs: LATENCY_MS, route: 'send', times: 1 });
    const controller = new AbortController();
    const pending = fetch(`${emu.baseUrl}send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sendBody),
      signal: controller.signal,
    });
    // The client gives up once the emulator has the request, well within the latency.
    await vi.waitFor(() => expect(emu.requests({ route: 'send' })).toHaveLength(1), UNTIL);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    // Polls until the emulator is done.
    await vi.waitFor(
      () => expect(emu.lastRequest({ route: 'send' })?.durationMs).toBeDefined(),
      UNTIL,
    );
    const record = emu.lastRequest({ route: 'send' });
    expect(record?.clientDisconnected).toBe(true);
    expect(record?.rawBody).toBe(JSON.stringify(sendBody));
    expect(record?.response?.status).toBe(200);
    expect(JSON.parse(record?.response?.body ?? '{}')).toMatchObject({ success: true });
    expect(emu.messages()).toHaveLength(1);
    // The emulator still serves the next request.
    expect((await sendOnce()).json.success).toBe(true);
  });

  it('a client that leaves in the middle of its body: the record is completed, nothing is sent', async () => {
    emu.faults.inject({ kind: 'latency', latencyMs: 200, route: 'send', times: 1 });
    const { port, hostname } = new URL(emu.baseUrl);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST /v1/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"apiKey":',
    );
    await vi.waitFor(() => expect(emu.requests({ route: 'send' })).toHaveLength(1), UNTIL);
    socket.destroy();
    // Whether the latency is over by then or not, the body never completes: same outcome.
    await vi.waitFor(
      () => expect(emu.lastRequest({ route: 'send' })?.durationMs).toBeDefined(),
      UNTIL,
    );
    const record = emu.lastRequest({ route: 'send' });
    expect(record?.clientDisconnected).toBe(true);
    expect(record?.response).toBeUndefined();
    expect(emu.messages()).toHaveLength(0);
  });

  it('a request pending across reset() leaves the new state alone', async () => {
    // The reset must come during the latency: it does, within milliseconds of the arrival.
    emu.faults.inject({ kind: 'latency', latencyMs: LATENCY_MS, route: 'send', times: 1 });
    const pending = sendOnce();
    await vi.waitFor(() => expect(emu.requests({ route: 'send' })).toHaveLength(1), UNTIL);
    await emu.reset();
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(emu.messages()).toHaveLength(0);
    expect(emu.requests()).toHaveLength(0);
  });

  it('rejects unknown fault kinds with a helpful message', () => {
    expect(() => emu.faults.inject({ kind: 'explode' as never })).toThrow(
      /Unknown fault kind "explode"/,
    );
  });
});

describe('documented rate limits', () => {
  it('statistics/cost-resume allows 5 per minute, then 429 with Retry-After until the window moves', async () => {
    const statsCall = () =>
      get(emu.baseUrl, 'statistics/cost-resume', { apiKey: KEY, interval: 'last_month' });
    for (let i = 0; i < 5; i++) expect((await statsCall()).status).toBe(200);
    const limited = await statsCall();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    await emu.clock.advance(30_000);
    expect((await statsCall()).headers.get('retry-after')).toBe('30');
    await emu.clock.advance(30_000);
    expect((await statsCall()).status).toBe(200);
  });

  it('limits are configurable and can be disabled', async () => {
    emu.configure({ rateLimits: false });
    for (let i = 0; i < 7; i++) {
      expect(
        (await get(emu.baseUrl, 'statistics/cost-resume', { apiKey: KEY, interval: 'last_month' }))
          .status,
      ).toBe(200);
    }
  });
});

describe('outside the API', () => {
  it('answers CORS preflights and lists the endpoints at the root', async () => {
    const preflight = await fetch(`${emu.baseUrl}send`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const root = await get(emu.url, '/');
    expect(root.json.endpoints).toContain('POST /v1/send');
    expect((await get(emu.baseUrl, 'nowhere', { apiKey: KEY })).status).toBe(404);
  });
});
