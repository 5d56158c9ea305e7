import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { createCallbackUrls } from './callback-urls.js';
import { createWebhookHandler } from './handler.js';
import { readWebhookPayload } from './payload.js';
import { toWebRequest } from './to-web-request.js';

// numRuns is 10,000 in CI; the limit only stops a hung run (nothing here is timed).
const PROPERTY_LIMIT = { timeout: 300_000 };

const utf8 = (text: string) => new TextEncoder().encode(text);

/** An async iterable over `chunks` that records whether it was started and closed. */
function trackedSource(chunks: readonly (Uint8Array | string)[]) {
  const state = { started: false, pulled: 0, closed: false };
  async function* generate() {
    state.started = true;
    try {
      for (const chunk of chunks) {
        state.pulled += 1;
        yield chunk;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: { [Symbol.asyncIterator]: () => generate() } };
}

describe('toWebRequest', () => {
  it('resolves a path against the host header, keeps absolute URLs and the query string', () => {
    expect(
      toWebRequest({ url: '/hook?token=a%20b', headers: { host: 'example.com:8080' } }).url,
    ).toBe('http://example.com:8080/hook?token=a%20b');
    expect(toWebRequest({ url: '/hook' }).url).toBe('http://localhost/hook');
    expect(toWebRequest({ url: 'https://api.test/x?y=1', headers: { host: 'other' } }).url).toBe(
      'https://api.test/x?y=1',
    );
  });

  it('defaults to GET, upper-cases the method and never attaches a body to GET or HEAD', async () => {
    expect(toWebRequest({ url: '/' }).method).toBe('GET');
    expect(toWebRequest({ url: '/', method: 'post', body: 'a=1' }).method).toBe('POST');
    for (const method of ['GET', 'HEAD']) {
      const { state, source } = trackedSource([utf8('a=1')]);
      const request = toWebRequest({ url: '/', method, body: source });
      expect(request.body).toBeNull();
      expect(state.started).toBe(false);
    }
  });

  it('copies Node-style headers: arrays repeated, numbers as text, undefined skipped', () => {
    const request = toWebRequest({
      url: '/',
      headers: { 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'], 'x-count': 3, 'x-none': undefined },
    });
    expect(request.headers.get('x-forwarded-for')).toBe('1.1.1.1, 2.2.2.2');
    expect(request.headers.get('x-count')).toBe('3');
    expect(request.headers.has('x-none')).toBe(false);
  });

  it('copies a Headers object without changing the caller’s', async () => {
    const headers = new Headers({ 'content-type': 'application/json', 'content-length': '11' });
    const request = toWebRequest({ url: '/', method: 'POST', headers, body: { a: 1 } });
    expect(request.headers.has('content-length')).toBe(false);
    expect(headers.get('content-length')).toBe('11');
  });

  it('streams an async iterable lazily, bytes and strings alike, keeping content-length', async () => {
    const { state, source } = trackedSource([utf8('msgId=1&'), 'status=d', utf8('élivré')]);
    const request = toWebRequest({
      url: '/',
      method: 'POST',
      headers: { 'content-length': '26' },
      body: source,
    });
    expect(state.started).toBe(false);
    expect(request.headers.get('content-length')).toBe('26');
    expect(await request.text()).toBe('msgId=1&status=délivré');
    expect(state.closed).toBe(true);
  });

  it('passes a ReadableStream through', async () => {
    const stream = new Response('abc').body as ReadableStream<Uint8Array>;
    expect(await toWebRequest({ url: '/', method: 'POST', body: stream }).text()).toBe('abc');
  });

  it('stops pulling and closes the source when the handler refuses an oversize body', async () => {
    const chunk = new Uint8Array(1024).fill(0x61);
    const { state, source } = trackedSource(Array.from({ length: 1000 }, () => chunk));
    const secret = 'x'.repeat(32);
    const { urlDlr } = createCallbackUrls({ baseUrl: 'http://localhost/hook', secret });
    const handle = createWebhookHandler({ secret, maxBodyBytes: 4096, onDeliveryReport: () => {} });
    const response = await handle(
      toWebRequest({ url: urlDlr, method: 'POST', headers: {}, body: source }),
    );
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThan(10);
    expect(state.closed).toBe(true);
  });

  it('sends a raw Uint8Array or ArrayBuffer as is and drops the stale content-length', async () => {
    for (const body of [utf8('msgId=1'), utf8('msgId=1').buffer]) {
      const request = toWebRequest({
        url: '/',
        method: 'POST',
        headers: { 'content-length': '999', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(request.headers.has('content-length')).toBe(false);
      expect(await request.text()).toBe('msgId=1');
    }
  });

  it('sends a decoded string as UTF-8 and says so in the content type', async () => {
    const request = toWebRequest({
      url: '/',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' },
      body: 'message=Café',
    });
    expect(request.headers.get('content-type')).toBe(
      'application/x-www-form-urlencoded; charset=utf-8',
    );
    expect((await readWebhookPayload(request)).payload).toEqual({ message: 'Café' });
  });

  it('rebuilds a parsed form body with repeated and nested fields', async () => {
    const request = toWebRequest({
      url: '/',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: { msgId: '1', tags: ['a', 'b'], meta: { op: '20801' }, empty: null },
    });
    expect(await request.text()).toBe('msgId=1&tags=a&tags=b&meta%5Bop%5D=20801&empty=');
  });

  it('rebuilds any other parsed body as JSON and labels it so', async () => {
    const request = toWebRequest({
      url: '/',
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: { msgId: 1, status: 'delivered' },
    });
    expect(request.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await request.json()).toEqual({ msgId: 1, status: 'delivered' });
  });

  it(
    'gives the same payload whether the body is streamed, raw, text or parsed (property)',
    PROPERTY_LIMIT,
    async () => {
      const key = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,11}$/);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(key, fc.string({ unit: 'grapheme', maxLength: 20 }), {
            minKeys: 1,
            maxKeys: 6,
          }),
          fc.constantFrom('json', 'form'),
          fc.integer({ min: 1, max: 7 }),
          async (fields, kind, chunkSize) => {
            const text =
              kind === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
            const headers = {
              'content-type':
                kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
            };
            const bytes = utf8(text);
            const chunks: Uint8Array[] = [];
            for (let i = 0; i < bytes.length; i += chunkSize)
              chunks.push(bytes.slice(i, i + chunkSize));
            const bodies = [trackedSource(chunks).source, bytes, text, fields];
            for (const body of bodies) {
              const request = toWebRequest({ url: '/', method: 'POST', headers, body });
              const { payload } = await readWebhookPayload(request, { maxBodyBytes: 1 << 20 });
              expect(payload).toEqual(fields);
            }
          },
        ),
        { numRuns },
      );
    },
  );
});
