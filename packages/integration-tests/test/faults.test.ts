import { createServer } from 'node:net';
import {
  type RetryEvent,
  SmsPartnerAbortError,
  SmsPartnerNetworkError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
} from '@sms-partner/core';
import { describe, expect, it, vi } from 'vitest';
import {
  FAULTS,
  LATENCY_MS,
  SETTLE_LIMIT_MS,
  settled as settledOn,
  timeoutFor,
} from './fault-cases.js';
import { rejection, useEmulator } from './helpers.js';

const fixture = useEmulator();

const settled = (route: string, count: number) => settledOn(fixture.emulator, route, count);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('a send under every fault mode', () => {
  it.each(FAULTS)(
    '$name: typed error, and the SMS reached the emulator at most once',
    async (c) => {
      // One faulty answer only: if the client retried, the retry would succeed and be counted.
      fixture.emulator.faults.inject({ ...c.fault, route: 'send', times: 1 });
      const retries: RetryEvent[] = [];
      const client = fixture.client({
        ...timeoutFor(c),
        hooks: { onRetry: (event) => retries.push(event) },
      });
      const error = await rejection(
        () => client.sms.send({ to: ['0612345678', '0698765432'], message: 'Une seule fois' }),
        c.error,
      );
      await settled('send', 1);
      expect(error.outcome).toBe(c.outcome);
      expect(error.endpoint).toBe('POST /v1/send');
      expect(retries).toHaveLength(0);
      expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1);
      expect(fixture.emulator.messages()).toHaveLength(c.processed ? 1 : 0);
    },
  );

  it.each(FAULTS)('$name on the long-number send: never retried either', async (c) => {
    fixture.emulator.faults.inject({ ...c.fault, route: 'vn/send', times: 1 });
    const client = fixture.client(timeoutFor(c));
    await rejection(
      () =>
        client.sms.sendFromLongNumber({
          from: '33700000000',
          to: '0612345678',
          message: 'Une fois',
        }),
      c.error,
    );
    await settled('vn/send', 1);
    expect(fixture.emulator.requests({ route: 'vn/send' })).toHaveLength(1);
    expect(fixture.emulator.messages()).toHaveLength(c.processed ? 1 : 0);
  });

  it('a truncated or HTML body yields a snippet without the key', async () => {
    fixture.emulator.faults.inject({ kind: 'truncated-json', route: 'send', times: 1 });
    const error = await rejection(
      () => fixture.client().sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerResponseError,
    );
    expect(error.snippet).toMatch(/^\{"success":true/);
    fixture.emulator.faults.inject({ kind: 'html', route: 'send', times: 1 });
    const html = await rejection(
      () => fixture.client().sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerServerError,
    );
    expect(html.httpStatus).toBe(502);
    expect(html.snippet?.toLowerCase()).toContain('<html');
  });

  it('a refused connection is provably unsent, so even a send is retried', async () => {
    const port = await closedPort();
    const retries: RetryEvent[] = [];
    const client = fixture.client({
      baseUrl: `http://127.0.0.1:${port}`,
      hooks: { onRetry: (event) => retries.push(event) },
    });
    const error = await rejection(
      () => client.sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerNetworkError,
    );
    expect(error.outcome).toBe('not_sent');
    expect(error.networkCode).toBe('ECONNREFUSED');
    expect(retries.map((event) => event.attempt)).toEqual([1, 2]);
  });

  it('a send refused once at connection time then accepted reaches the emulator exactly once', async () => {
    const port = await closedPort();
    let calls = 0;
    const origin = fixture.emulator.url;
    const client = fixture.client({
      // The first attempt goes to a closed port (a real ECONNREFUSED), the next ones to the emulator.
      fetch: (input, init) =>
        fetch(
          calls++ === 0 ? String(input).replace(origin, `http://127.0.0.1:${port}`) : input,
          init,
        ),
    });
    const result = await client.sms.send({ to: '0612345678', message: 'x' });
    expect(calls).toBe(2);
    expect(result.messageId).toBe(String(fixture.emulator.messages()[0]?.messageId));
    expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1);
  });

  it('an unknown host is provably unsent', async () => {
    const client = fixture.client({ baseUrl: 'http://sms-partner-emulator.invalid', retry: false });
    const error = await rejection(
      () => client.sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerNetworkError,
    );
    expect(error.outcome).toBe('not_sent');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.networkCode);
  });

  it("the caller's AbortSignal stops a send in flight, without a retry", async () => {
    // The latency keeps the request in flight while the test sees it arrive and aborts it.
    fixture.emulator.faults.inject({
      kind: 'latency',
      latencyMs: LATENCY_MS,
      route: 'send',
      times: 1,
    });
    const controller = new AbortController();
    const pending = fixture
      .client()
      .sms.send({ to: '0612345678', message: 'x' }, { signal: controller.signal });
    await vi.waitFor(() => expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1), {
      timeout: SETTLE_LIMIT_MS,
      interval: 10,
    });
    controller.abort();
    const error = await rejection(() => pending, SmsPartnerAbortError);
    expect(error.outcome).toBe('unknown');
    await settled('send', 1);
    expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const error = await rejection(
      () =>
        fixture
          .client()
          .sms.send({ to: '0612345678', message: 'x' }, { signal: AbortSignal.abort() }),
      SmsPartnerAbortError,
    );
    expect(error.outcome).toBe('not_sent');
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});

describe('a read under every fault mode', () => {
  // `/v1/me` answers `success` without credits under this fault: a response error, not retried.
  const READ_FAULTS = FAULTS.filter((c) => c.fault.kind !== 'success-without-id');

  it.each(READ_FAULTS)('$name once: retried, then succeeds', async (c) => {
    fixture.emulator.faults.inject({ ...c.fault, route: 'me', times: 1 });
    const retries: RetryEvent[] = [];
    const client = fixture.client({
      ...timeoutFor(c),
      hooks: { onRetry: (event) => retries.push(event) },
    });
    const me = await client.account.me();
    expect(me.credits.currency).toBe('EUR');
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(c.error);
    await settled('me', 2);
    expect(fixture.emulator.requests({ route: 'me' })).toHaveLength(2);
  });

  it.each(READ_FAULTS)(
    '$name every time: the typed error after 1 + maxRetries attempts',
    async (c) => {
      fixture.emulator.faults.inject({
        ...c.fault,
        route: 'me',
        ...(c.fault.kind === 'rate-limit' ? { retryAfter: 0 } : {}),
      });
      const client = fixture.client(timeoutFor(c));
      await rejection(() => client.account.me(), c.error);
      await settled('me', 3);
      expect(fixture.emulator.requests({ route: 'me' })).toHaveLength(3);
    },
  );

  it('waits what Retry-After says before retrying a read', async () => {
    fixture.emulator.faults.inject({ kind: 'rate-limit', retryAfter: 1, route: 'me', times: 1 });
    const retries: RetryEvent[] = [];
    await fixture.client({ hooks: { onRetry: (event) => retries.push(event) } }).account.me();
    expect(retries[0]?.delayMs).toBe(1000);
    const error = retries[0]?.error as SmsPartnerRateLimitError;
    expect(error.retryAfter).toBe(1000);
    expect(error.httpStatus).toBe(429);
  });

  it('gives up at once when Retry-After exceeds maxRetryAfter', async () => {
    fixture.emulator.faults.inject({ kind: 'rate-limit', retryAfter: 120, route: 'me' });
    const error = await rejection(
      () => fixture.client({ retry: { maxRetryAfter: 1_000 } }).account.me(),
      SmsPartnerRateLimitError,
    );
    expect(error.retryAfter).toBe(120_000);
    expect(fixture.emulator.requests({ route: 'me' })).toHaveLength(1);
  });

  it('retry: false makes a single attempt', async () => {
    fixture.emulator.faults.inject({ kind: 'server-error', route: 'me' });
    await rejection(() => fixture.client({ retry: false }).account.me(), SmsPartnerServerError);
    expect(fixture.emulator.requests({ route: 'me' })).toHaveLength(1);
  });

  it('a per-call retry override wins over the client setting', async () => {
    fixture.emulator.faults.inject({ kind: 'server-error', route: 'me' });
    await rejection(
      () => fixture.client({ retry: false }).account.me({ retry: 1 }),
      SmsPartnerServerError,
    );
    expect(fixture.emulator.requests({ route: 'me' })).toHaveLength(2);
  });
});
