/**
 * `handle.handlePlain(parts)` (what the Express and NestJS adapters call) answers exactly as
 * `handle(toWebRequest(parts))` (what they called before), for any method, URL, headers and body
 * shape, and hands user handlers the same events.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { allSinglePayloadCases } from '../../test/fixtures/webhooks/index.js';
import { createCallbackUrls } from './callback-urls.js';
import { createWebhookHandler } from './handler.js';
import type { WebhookEventContext, WebhookPlainRequest } from './handler-types.js';
import { toWebRequest, type WebRequestBody } from './to-web-request.js';
import type { SmsPartnerWebhookEvent } from './types.js';

const secret = 'plain-parts-secret-0123456789';
const urls = createCallbackUrls({ baseUrl: 'https://hooks.example.com/sms', secret });
const pathOf = (url: string) => url.slice('https://hooks.example.com'.length);

/** Two handlers with the same options, one per entry, recording what reaches user code. */
function pair(options: { allowedSources?: string[]; trustProxy?: number } = {}) {
  const make = () => {
    const events: SmsPartnerWebhookEvent[] = [];
    const rejected: string[] = [];
    const handle = createWebhookHandler({
      secret,
      maxBodyBytes: 512,
      logger: false,
      onRejected: (error) => void rejected.push(error.reason),
      onEvent: (event) => void events.push(event),
      ...options,
    });
    return { handle, events, rejected };
  };
  return { web: make(), plain: make() };
}

async function both(parts: WebhookPlainRequest, twins: ReturnType<typeof pair>) {
  let web: { status: number; headers: Record<string, string>; body: string };
  try {
    const response = await twins.web.handle(toWebRequest(parts), {
      remoteAddress: parts.remoteAddress,
    });
    web = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  } catch {
    // toWebRequest itself refused the parts (a header the Web API cannot carry): nothing to compare.
    return undefined;
  }
  const plain = await twins.plain.handle.handlePlain(parts);
  return { web, plain };
}

type Shape = 'bytes' | 'buffer' | 'string' | 'none' | 'iterable' | 'stream' | 'node' | 'parsed';

/** A fresh body (a stream can be read once) in one of the shapes the adapters pass. */
function bodyOf(shape: Shape, text: string): WebRequestBody {
  const bytes = new TextEncoder().encode(text);
  switch (shape) {
    case 'bytes':
      return bytes;
    case 'buffer':
      return bytes.buffer;
    case 'string':
      return text;
    case 'none':
      return undefined;
    case 'iterable':
      // Two chunks, as a socket may deliver them.
      return (async function* () {
        yield bytes.subarray(0, bytes.length >> 1);
        yield bytes.subarray(bytes.length >> 1);
      })();
    case 'node':
      // A Node readable stream (what Express and Fastify hand over), in two chunks.
      return Readable.from([
        Buffer.from(bytes.subarray(0, bytes.length >> 1)),
        Buffer.from(bytes.subarray(bytes.length >> 1)),
      ]) as unknown as WebRequestBody;
    case 'stream':
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
    case 'parsed':
      // A host JSON parser's work: an object, rebuilt by both entries.
      try {
        const value: unknown = JSON.parse(text);
        return typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)
          : text;
      } catch {
        return text;
      }
  }
}

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/xml',
  'application/json; charset=latin1',
);

describe('handlePlain answers as handle(toWebRequest(parts))', () => {
  it('any method, query, content type, declared length and body shape (property)', async () => {
    const cases = allSinglePayloadCases;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('POST', 'GET', 'post', 'PUT', 'DELETE', 'PATCH', undefined),
          url: fc.oneof(
            fc.constantFrom(urls.urlDlr, urls.urlResponse, urls.notifyUrl).map(pathOf),
            fc.constant(urls.urlDlr), // absolute
            fc.constant(`/sms?token=${secret}`),
            fc.constant(`/sms?token=${secret}&kind=weird`),
            fc.constant(`/sms?token=${secret.toUpperCase()}&kind=dlr`),
            fc.constant('/sms?kind=dlr'),
            fc.constant(`/sms#frag?token=${secret}`),
            fc.constant(`/sms??token=${secret}&kind=dlr`),
            fc.constant(`/sms?kind=dlr&token=${secret}&token=other`),
            fc.constant(`/sms?to%6Ben=${secret}&kind=dlr`),
            fc.constant(`/sms?token=${secret}&kind=dlr&msgId=1+2&status=d%C3%A9livr%E9`),
            fc.constant(`${pathOf(urls.urlDlr)}&msgId=1&status=delivered&phone=%2B33600000000`),
            fc
              .string({ maxLength: 30, unit: 'binary' })
              .map((extra) => `${pathOf(urls.urlDlr)}&${extra}`),
          ),
          contentType: contentTypes,
          contentLength: fc.constantFrom(undefined, '0', '10', '99999', 'abc'),
          text: fc.oneof(
            fc.constantFrom(...cases.map((c) => JSON.stringify(c.payload))),
            fc.constantFrom(
              ...cases.map((c) =>
                new URLSearchParams(
                  Object.entries(c.payload).map(([k, v]) => [k, String(v)]),
                ).toString(),
              ),
            ),
            fc.string({ maxLength: 60 }),
            fc.constant('x'.repeat(600)), // over maxBodyBytes
          ),
          shape: fc.constantFrom<Shape>(
            'bytes',
            'buffer',
            'string',
            'none',
            'iterable',
            'stream',
            'node',
            'parsed',
          ),
          remoteAddress: fc.constantFrom(undefined, '10.0.0.1', '192.0.2.1'),
          forwarded: fc.constantFrom(undefined, '10.1.1.1', '192.0.2.9, 10.2.2.2'),
        }),
        async (input) => {
          const twins = pair({ allowedSources: ['10.0.0.0/8'], trustProxy: 1 });
          const headers: Record<string, string> = {};
          if (input.contentType) headers['content-type'] = input.contentType;
          if (input.contentLength) headers['content-length'] = input.contentLength;
          if (input.forwarded) headers['x-forwarded-for'] = input.forwarded;
          const parts = (): WebhookPlainRequest => ({
            method: input.method,
            url: input.url,
            headers,
            body: bodyOf(input.shape, input.text),
            remoteAddress: input.remoteAddress,
          });
          let expected: { status: number; headers: Record<string, string>; body: string };
          try {
            const response = await twins.web.handle(toWebRequest(parts()), {
              remoteAddress: input.remoteAddress,
            });
            expected = {
              status: response.status,
              headers: Object.fromEntries(response.headers),
              body: await response.text(),
            };
          } catch {
            return; // toWebRequest refused the parts (a method the Web API forbids): no baseline.
          }
          const actual = await twins.plain.handle.handlePlain(parts());
          expect(actual).toEqual(expected);
          expect(twins.plain.events).toEqual(twins.web.events);
          expect(twins.plain.rejected).toEqual(twins.web.rejected);
        },
      ),
      { numRuns: Math.min(numRuns, 3000) },
    );
  });

  it('the same delivery report through both: same answer, same event, then a duplicate', async () => {
    const twins = pair();
    const body = JSON.stringify({ msgId: '7', status: 'delivered', phone: '+33600000000' });
    const parts: WebhookPlainRequest = {
      method: 'POST',
      url: pathOf(urls.urlDlr),
      headers: { 'content-type': 'application/json', host: 'hooks.example.com' },
      body,
    };
    const result = await both(parts, twins);
    expect(result?.plain).toEqual(result?.web);
    expect(result?.plain).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: '{"ok":true}',
    });
    expect(twins.plain.events).toEqual(twins.web.events);
    expect((await twins.plain.handle.handlePlain(parts)).body).toBe('{"ok":true,"duplicate":true}');
  });

  it('reads a Node-like async iterable body, cutting it off past maxBodyBytes', async () => {
    let pulled = 0;
    let released = false;
    const endless: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          pulled++;
          return { done: false, value: new Uint8Array(100) };
        },
        return: async () => {
          released = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const { plain } = pair();
    const result = await plain.handle.handlePlain({
      method: 'POST',
      url: pathOf(urls.urlDlr),
      headers: { 'content-type': 'application/json' },
      body: endless,
    });
    expect(result.status).toBe(413);
    expect(pulled).toBe(6); // 600 bytes > 512: stopped at once
    expect(released).toBe(true);
  });

  it('reads a Node readable stream with listeners: over the limit it is detached and destroyed', async () => {
    let pushed = 0;
    const stream = new Readable({
      read() {
        pushed++;
        this.push(Buffer.alloc(100, 0x61));
      },
    });
    // A server request's socket, which must survive so that the 413 can still be written on it.
    const socket = { destroyed: false };
    Object.assign(stream, { socket });
    const { plain } = pair();
    const result = await plain.handle.handlePlain({
      method: 'POST',
      url: pathOf(urls.urlDlr),
      headers: { 'content-type': 'application/json' },
      body: stream as unknown as WebRequestBody,
    });
    expect(result.status).toBe(413);
    expect(result.headers.connection).toBe('close');
    expect(stream.destroyed).toBe(true);
    expect((stream as unknown as { socket: unknown }).socket).toBeNull();
    expect(pushed).toBeLessThan(20); // 600 bytes > 512: stopped at once, not drained
  });

  it('a Node stream that errors or closes before its end is a 500, reported; an ended one reads as empty', async () => {
    const errors: unknown[] = [];
    const handle = createWebhookHandler({ secret, logger: false, onError: (e) => errors.push(e) });
    const failing = new Readable({ read() {} });
    const closing = new Readable({ read() {}, emitClose: true });
    const url = pathOf(urls.urlDlr);
    const headers = { 'content-type': 'application/json' };
    const first = handle.handlePlain({ method: 'POST', url, headers, body: failing as never });
    failing.push(Buffer.from('{"msgId":'));
    failing.destroy(new Error('socket reset'));
    const second = handle.handlePlain({ method: 'POST', url, headers, body: closing as never });
    closing.destroy();
    expect((await first).status).toBe(500);
    expect((await second).status).toBe(500);
    expect(errors.map((error) => (error as Error).message)).toEqual([
      'socket reset',
      'Premature close',
    ]);

    const ended = Readable.from([Buffer.from('{}')]);
    ended.resume();
    await new Promise((resolve) => ended.once('end', resolve));
    const twins = pair();
    const parts = (): WebhookPlainRequest => ({
      method: 'POST',
      url,
      headers,
      body: ended as never,
    });
    const result = await both(parts(), twins);
    expect(result?.plain).toEqual(result?.web);
    expect(result?.plain.status).toBe(400); // no body, no query fields
  });

  it('builds context.request on demand, with the method, URL, headers and body that were read', async () => {
    const seen: WebhookEventContext[] = [];
    const handle = createWebhookHandler({
      secret,
      onEvent: (_event, context) => void seen.push(context),
    });
    const body = JSON.stringify({ msgId: '8', status: 'delivered', phone: '+33600000000' });
    const result = await handle.handlePlain({
      method: 'POST',
      url: pathOf(urls.urlDlr),
      headers: {
        'content-type': 'application/json',
        host: 'hooks.example.com',
        'x-extra': ['a', 'b'],
      },
      body: (async function* () {
        yield body.slice(0, 5);
        yield body.slice(5);
      })(),
    });
    expect(result.status).toBe(200);
    const context = seen[0]!;
    expect(context.format).toBe('json');
    const request = context.request!;
    expect(request).toBeInstanceOf(Request);
    expect(context.request).toBe(request); // built once
    expect(request.method).toBe('POST');
    expect(request.url).toBe(urls.urlDlr.replace('https:', 'http:'));
    expect(request.headers.get('x-extra')).toBe('a, b');
    expect(await request.text()).toBe(body);
    const { request: destructured, format } = context;
    expect([destructured, format]).toEqual([request, 'json']);
  });
});
