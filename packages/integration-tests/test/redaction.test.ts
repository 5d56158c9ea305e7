import { createServer } from 'node:net';
import { inspect } from 'node:util';
import {
  SmsPartnerClient,
  SmsPartnerError,
  type SmsPartnerLogger,
  SmsPartnerTimeoutError,
  SmsPartnerValidationError,
} from '@sms-partner/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_KEY, useEmulator } from './helpers.js';

const fixture = useEmulator({ accounts: [{ apiKey: SECRET_KEY }] });

/** Every spelling of the key that could leak. */
const NEEDLES = [SECRET_KEY, encodeURIComponent(SECRET_KEY), SECRET_KEY.slice(0, 16)];

function expectNoKey(label: string, text: string): void {
  for (const needle of NEEDLES) expect(text, `${label} leaks the key`).not.toContain(needle);
}

function everyView(value: unknown): string[] {
  return [
    JSON.stringify(value) ?? '',
    String(value),
    inspect(value, { depth: 10, showHidden: true, getters: true }),
  ];
}

describe('the API key never shows', () => {
  const logged: string[] = [];
  const logger: SmsPartnerLogger = {
    debug: (...args) => logged.push(JSON.stringify(args)),
    info: (...args) => logged.push(JSON.stringify(args)),
    warn: (...args) => logged.push(JSON.stringify(args)),
    error: (...args) => logged.push(JSON.stringify(args)),
  };
  const events: string[] = [];
  const hooks = {
    onRequest: (event: unknown) => events.push(JSON.stringify(event)),
    onResponse: (event: unknown) => events.push(JSON.stringify(event)),
    onRetry: (event: unknown) => events.push(JSON.stringify(event)),
  };
  beforeEach(() => {
    logged.length = 0;
    events.length = 0;
  });
  afterEach(() => {
    for (const line of logged) expectNoKey('a log line', line);
    for (const event of events) expectNoKey('a hook event', event);
  });

  function client(patch = {}) {
    // The fixture's generous timeout: a success here must never be retried because of load.
    return fixture.client({ apiKey: SECRET_KEY, logger, hooks, ...patch });
  }

  it('in the client itself, however it is shown', () => {
    const subject = client();
    for (const view of everyView(subject)) expectNoKey('the client', view);
    for (const view of everyView(subject.sms)) expectNoKey('a resource', view);
    expect(JSON.parse(JSON.stringify(subject))).toMatchObject({
      apiKey: '[redacted]',
      baseUrl: fixture.emulator.url,
    });
    expect(`${subject}`).toContain('SmsPartnerClient');
  });

  it('in logs and hook events of successful GET (key in the query) and POST (key in the body) calls', async () => {
    const subject = client();
    await subject.account.me();
    await subject.sms.send({ to: '0612345678', message: 'x' });
    expect(logged.length).toBeGreaterThanOrEqual(4);
    expect(events.length).toBe(4);
    // The requests did carry the key: the redaction is doing the work, not an accident.
    expect(fixture.emulator.requests()[0]?.query.apiKey).toBe(SECRET_KEY);
  });

  it('in every error, even when the server echoes the key back', async () => {
    const subject = client();
    const errors: unknown[] = [];
    const collect = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        errors.push(error);
      }
    };
    fixture.emulator.faults.inject({
      kind: 'html',
      route: 'send',
      times: 1,
      body: `<html><body>key=${SECRET_KEY}</body></html>`,
    });
    await collect(() => subject.sms.send({ to: '0612345678', message: 'x' }));
    fixture.emulator.faults.inject({
      kind: 'server-error',
      route: 'me',
      body: JSON.stringify({ apiKey: SECRET_KEY, code: 500 }),
    });
    await collect(() => subject.account.me());
    fixture.emulator.faults.clear();
    fixture.emulator.faults.inject({ kind: 'truncated-json', route: 'send', times: 1 });
    await collect(() =>
      subject.sms.send({ to: '0612345678', message: SECRET_KEY.replace(/[^a-z]/gi, '') }),
    );
    // A timeout: this call only gives up after 2 s (so its request surely reached the emulator),
    // against a latency three times as long.
    fixture.emulator.faults.inject({ kind: 'latency', latencyMs: 6_000, route: 'send', times: 1 });
    await collect(() => subject.sms.send({ to: '0612345678', message: 'x' }, { timeout: 2_000 }));
    fixture.emulator.faults.inject({ kind: 'reset-after-body', route: 'me' });
    await collect(() => subject.account.me());
    fixture.emulator.faults.clear();
    await collect(() => subject.sms.send({ to: 'nope', message: 'x' }));
    await collect(() => subject.stops.remove(987654));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await collect(() => client({ baseUrl: `http://127.0.0.1:${port}` }).account.me());

    expect(errors).toHaveLength(8);
    expect(errors[3]).toBeInstanceOf(SmsPartnerTimeoutError);
    for (const error of errors) {
      expect(error).toBeInstanceOf(SmsPartnerError);
      for (const view of everyView(error)) expectNoKey((error as Error).name, view);
      expectNoKey('a cause', inspect((error as Error).cause, { depth: 10 }));
    }
    expect(logged.some((line) => line.includes('[redacted]'))).toBe(true);
  });

  it('in the error for a missing key, which says how to fix it', () => {
    const saved = process.env.SMS_PARTNER_API_KEY;
    delete process.env.SMS_PARTNER_API_KEY;
    try {
      expect(() => new SmsPartnerClient()).toThrow(SmsPartnerValidationError);
      expect(() => new SmsPartnerClient()).toThrow(/SMS_PARTNER_API_KEY/);
      expect(() => new SmsPartnerClient({ apiKey: '  ' })).toThrow(/apiKey/);
    } finally {
      if (saved !== undefined) process.env.SMS_PARTNER_API_KEY = saved;
    }
  });
});

describe('client construction', () => {
  it('falls back to SMS_PARTNER_API_KEY', async () => {
    const saved = process.env.SMS_PARTNER_API_KEY;
    process.env.SMS_PARTNER_API_KEY = SECRET_KEY;
    try {
      const subject = new SmsPartnerClient({ baseUrl: fixture.emulator.url });
      await subject.account.me();
      expect(fixture.emulator.lastRequest()?.query.apiKey).toBe(SECRET_KEY);
    } finally {
      if (saved === undefined) delete process.env.SMS_PARTNER_API_KEY;
      else process.env.SMS_PARTNER_API_KEY = saved;
    }
  });

  it.each(['', '/', '/v1', '/v1/'])(
    'accepts the base URL with %j after the host',
    async (suffix) => {
      const subject = fixture.client({ baseUrl: `${fixture.emulator.url}${suffix}` });
      await subject.account.me();
      expect(fixture.emulator.lastRequest()?.path).toBe('/v1/me');
    },
  );

  it('refuses a base URL that is not http(s) and a bad timeout', () => {
    expect(() => new SmsPartnerClient({ apiKey: 'k', baseUrl: 'api.smspartner.fr' })).toThrow(
      /baseUrl/,
    );
    expect(() => new SmsPartnerClient({ apiKey: 'k', baseUrl: 'ftp://api.smspartner.fr' })).toThrow(
      /baseUrl/,
    );
    expect(() => new SmsPartnerClient({ apiKey: 'k', timeout: 0 })).toThrow(/timeout/);
  });

  it('uses an injected fetch, and a throwing hook or logger changes nothing', async () => {
    const seen: string[] = [];
    const subject = fixture.client({
      fetch: (input, init) => {
        seen.push(`${init?.method} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
      hooks: {
        onRequest: () => {
          throw new Error('hook failure');
        },
      },
      logger: {
        debug: () => {
          throw new Error('logger failure');
        },
      },
    });
    await subject.account.me();
    expect(seen).toEqual(['GET /v1/me']);
  });
});
