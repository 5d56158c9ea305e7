import { createServer } from 'node:net';
import {
  type RetryEvent,
  SmsPartnerAbortError,
  type SmsPartnerError,
  SmsPartnerNetworkError,
  SmsPartnerRateLimitError,
  SmsPartnerResponseError,
  SmsPartnerServerError,
  SmsPartnerTimeoutError,
} from '@sms-partner/core';
import type { FaultSpec } from '@sms-partner/testing';
import { describe, expect, it, vi } from 'vitest';
import { rejection, useEmulator } from './helpers.js';

const fixture = useEmulator();

/**
 * The client's timeout in the tests about timeouts. Long enough that, even on a loaded CI machine,
 * the request has reached the emulator (which records it on arrival) before the client gives up;
 * every other test keeps the fixture's generous timeout.
 */
const TIMEOUT_MS = 2_000;
/** The latency fault: several times {@link TIMEOUT_MS}, so the client surely gives up first. */
const LATENCY_MS = 3 * TIMEOUT_MS;
/** Guards the waits below against a hang; never a measure of speed. */
const SETTLE_LIMIT_MS = LATENCY_MS + 30_000;

type ErrorClass = abstract new (...args: never[]) => SmsPartnerError;

interface FaultCase {
  name: string;
  fault: Omit<FaultSpec, 'route' | 'times'>;
  error: ErrorClass;
  outcome: SmsPartnerError['outcome'];
  /** Whether the emulator processes the request despite the fault (the SMS is sent). */
  processed: boolean;
}

/** Every fault mode of the emulator, and what the client must make of it. */
const FAULTS: FaultCase[] = [
  {
    name: 'latency beyond the timeout',
    fault: { kind: 'latency', latencyMs: LATENCY_MS },
    error: SmsPartnerTimeoutError,
    outcome: 'unknown',
    // The body arrived before the client gave up: a slow server still sends the SMS.
    processed: true,
  },
  {
    name: 'a reset before the body is read',
    fault: { kind: 'reset-before-body' },
    error: SmsPartnerNetworkError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'a reset after the body is read',
    fault: { kind: 'reset-after-body' },
    error: SmsPartnerNetworkError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'a reset after processing',
    fault: { kind: 'reset-after-processing' },
    error: SmsPartnerNetworkError,
    outcome: 'unknown',
    processed: true,
  },
  {
    name: 'HTTP 500 with a JSON body',
    fault: { kind: 'server-error' },
    error: SmsPartnerServerError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'HTTP 503 with a JSON body',
    fault: { kind: 'server-error', status: 503 },
    error: SmsPartnerServerError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'HTTP 429 with Retry-After',
    fault: { kind: 'rate-limit', retryAfter: 1 },
    error: SmsPartnerRateLimitError,
    outcome: 'rejected',
    processed: false,
  },
  {
    name: 'an HTML error page (502)',
    fault: { kind: 'html' },
    error: SmsPartnerServerError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'an HTML page with status 200',
    fault: { kind: 'html', status: 200 },
    error: SmsPartnerResponseError,
    outcome: 'unknown',
    processed: false,
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated-json' },
    error: SmsPartnerResponseError,
    outcome: 'unknown',
    processed: true,
  },
  {
    name: 'a success without message_id',
    fault: { kind: 'success-without-id' },
    error: SmsPartnerResponseError,
    outcome: 'unknown',
    processed: false,
  },
];

/** The client timeout for a case: short only where the case is about the timeout. */
const timeoutFor = (c: FaultCase) => (c.fault.kind === 'latency' ? { timeout: TIMEOUT_MS } : {});

/**
 * Waits until the emulator has recorded at least `count` requests on `route` and finished with
 * every request it received (its record has `durationMs`), including one whose client gave up
 * during a latency fault. The test then counts exactly: a surplus still fails it.
 */
async function settled(route: string, count: number): Promise<void> {
  await vi.waitFor(
    () => {
      expect(fixture.emulator.requests({ route }).length).toBeGreaterThanOrEqual(count);
      for (const request of fixture.emulator.requests()) {
        expect(request.durationMs).toBeDefined();
      }
    },
    { timeout: SETTLE_LIMIT_MS, interval: 20 },
  );
}

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
