import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { chunk, runBounded } from './batch.js';
import { classifyNetworkError } from './network-errors.js';
import { createRedactor, REDACTED, sanitizeError } from './redact.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, resolveRetry } from './retry.js';

// Property runs (10,000 in CI) take seconds, more on a loaded machine; the limit only stops a hung
// run (nothing here is timed).
vi.setConfig({ testTimeout: 180_000 });

function withCode(message: string, code?: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code }, extra);
}

describe('classifyNetworkError', () => {
  // Shapes seen from the runtimes: Node/undici puts the code on `cause` (an AggregateError when
  // several addresses were tried), Bun on the error, Deno only in the message.
  it.each([
    [
      'Node ECONNREFUSED on cause',
      new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
      true,
      'ECONNREFUSED',
    ],
    [
      'Node ENOTFOUND',
      new TypeError('fetch failed', { cause: withCode('getaddrinfo ENOTFOUND x', 'ENOTFOUND') }),
      true,
      'ENOTFOUND',
    ],
    [
      'Node EAI_AGAIN',
      new TypeError('fetch failed', { cause: withCode('getaddrinfo EAI_AGAIN x', 'EAI_AGAIN') }),
      true,
      'EAI_AGAIN',
    ],
    [
      'happy eyeballs, all refused',
      new TypeError('fetch failed', {
        cause: withCode('', 'ECONNREFUSED', {
          errors: [withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')],
        }),
      }),
      true,
      'ECONNREFUSED',
    ],
    [
      'happy eyeballs, one reset',
      new TypeError('fetch failed', {
        cause: withCode('', undefined, {
          errors: [withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNRESET')],
        }),
      }),
      false,
      'ECONNRESET',
    ],
    [
      'undici socket closed',
      new TypeError('fetch failed', { cause: withCode('other side closed', 'UND_ERR_SOCKET') }),
      false,
      'UND_ERR_SOCKET',
    ],
    [
      'ECONNRESET',
      new TypeError('fetch failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
      false,
      'ECONNRESET',
    ],
    [
      'Bun ConnectionRefused',
      withCode('Unable to connect', 'ConnectionRefused'),
      true,
      'ConnectionRefused',
    ],
    [
      'Deno refused',
      new TypeError('error sending request: tcp connect error: Connection refused (os error 111)'),
      true,
      undefined,
    ],
    [
      'Deno DNS',
      new TypeError('error sending request: dns error: failed to lookup address information'),
      true,
      undefined,
    ],
    ['body terminated', new TypeError('terminated'), false, undefined],
  ])('%s', (_, error, neverSent, code) => {
    expect(classifyNetworkError(error)).toEqual({ neverSent, code });
  });
});

describe('createRedactor / sanitizeError', () => {
  const key = 'abc+/=secret key';
  const redact = createRedactor(key);

  it('removes the raw, URL-encoded and JSON-escaped key, and any apiKey field', () => {
    const text = [
      `raw ${key}`,
      `url ?apiKey=${encodeURIComponent(key)}&x=1`,
      `json {"apiKey":"${key}"}`,
      'other {"apiKey": "someone-else\\"s"}',
      '<apiKey>sub-key</apiKey>',
      'https://h/v1/me?_format=xml&apiKey=zzz',
    ].join('\n');
    const out = redact(text);
    expect(out).not.toContain('secret');
    expect(out).not.toContain('someone-else');
    expect(out).not.toContain('sub-key');
    expect(out).not.toContain('zzz');
    expect(
      out.match(new RegExp(REDACTED.replace(/[[\]]/g, '\\$&'), 'g'))?.length,
    ).toBeGreaterThanOrEqual(6);
  });

  it('never lets the key survive in any surrounding text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(redact(`${before}${key}${after}`)).not.toContain(key);
      }),
      { numRuns },
    );
  });

  it('copies errors with redacted messages, codes and causes kept', () => {
    const original = new TypeError(
      `error sending request for url (https://h/v1/me?apiKey=${encodeURIComponent(key)})`,
      {
        cause: withCode(`connect to ${key}`, 'ECONNREFUSED'),
      },
    );
    const copy = sanitizeError(original, redact) as Error & { cause: Error & { code: string } };
    expect(copy.name).toBe('TypeError');
    expect(copy.message).not.toContain('secret');
    expect(copy.cause.code).toBe('ECONNREFUSED');
    expect(copy.cause.message).not.toContain('secret');
    expect(copy.stack).not.toContain('secret');
  });
});

describe('retry helpers', () => {
  it('parses Retry-After in seconds, as a date, and retry-after-ms', () => {
    const now = Date.parse('2030-01-15T10:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(
      parseRetryAfter(new Headers({ 'retry-after': 'Tue, 15 Jan 2030 10:00:07 GMT' }), now),
    ).toBe(7000);
    expect(
      parseRetryAfter(new Headers({ 'retry-after': 'Tue, 15 Jan 2030 09:00:00 GMT' }), now),
    ).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(
      250,
    );
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('resolves the retry option', () => {
    expect(resolveRetry(undefined)).toEqual(DEFAULT_RETRY);
    expect(resolveRetry(false).maxRetries).toBe(0);
    expect(resolveRetry(5).maxRetries).toBe(5);
    expect(resolveRetry({ initialDelay: 10 })).toEqual({ ...DEFAULT_RETRY, initialDelay: 10 });
  });

  it('full jitter stays within [0, min(maxDelay, initialDelay * 2^retry))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (retry, random) => {
          const delay = backoffDelay(DEFAULT_RETRY, retry, () => random);
          const bound = Math.min(DEFAULT_RETRY.maxDelay, DEFAULT_RETRY.initialDelay * 2 ** retry);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(bound);
        },
      ),
      { numRuns },
    );
  });
});

describe('runBounded / chunk', () => {
  it('runs every item exactly once, never more than `concurrency` at a time, results in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        async (items, concurrency) => {
          let running = 0;
          let peak = 0;
          const calls = new Map<number, number>();
          const outcomes = await runBounded(items, concurrency, false, async (item, index) => {
            running++;
            peak = Math.max(peak, running);
            calls.set(index, (calls.get(index) ?? 0) + 1);
            await Promise.resolve();
            running--;
            if (item % 7 === 0) throw new Error(`bad ${item}`);
            return item * 2;
          });
          expect(peak).toBeLessThanOrEqual(concurrency);
          expect([...calls.values()].every((count) => count === 1)).toBe(true);
          expect(calls.size).toBe(items.length);
          outcomes.forEach((outcome, index) => {
            if (items[index]! % 7 === 0) expect(outcome.ok).toBe(false);
            else expect(outcome).toEqual({ ok: true, value: items[index]! * 2 });
          });
        },
      ),
      { numRuns: Math.min(numRuns, 500) },
    );
  });

  it('with stopOnError, starts nothing after a failure', async () => {
    const started: number[] = [];
    const outcomes = await runBounded([1, 2, 3, 4, 5], 1, true, async (item) => {
      started.push(item);
      if (item === 2) throw new Error('stop');
      return item;
    });
    expect(started).toEqual([1, 2]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([
      true,
      false,
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('chunks keep order and sizes', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});
