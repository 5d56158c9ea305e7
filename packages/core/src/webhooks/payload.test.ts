import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { WebhookError } from './errors.js';
import { readWebhookPayload, toWebhookPayload } from './payload.js';

// numRuns is 10,000 in CI; the limit only stops a hung run (nothing here is timed).
const PROPERTY_LIMIT = { timeout: 300_000 };

const URL_ = 'https://example.com/sms?token=t&kind=dlr';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return error instanceof WebhookError
      ? `${error.reason}:${error.status}`
      : `other:${String(error)}`;
  }
}

describe('readWebhookPayload encodings', () => {
  it('reads JSON, form, multipart, text/plain JSON and untyped form bodies', async () => {
    const post = (body: BodyInit, type?: string) =>
      new Request(URL_, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
    const form = new FormData();
    form.append('msgId', '1');
    form.append('status', 'ok');
    const cases: [Request, string][] = [
      [post('{"msgId":"1","status":"ok"}', 'application/json; charset=utf-8'), 'json'],
      [post('{"msgId":"1","status":"ok"}', 'application/vnd.api+json'), 'json'],
      [post('msgId=1&status=ok', 'application/x-www-form-urlencoded'), 'form'],
      [post(form), 'multipart'],
      [post('{"msgId":"1","status":"ok"}', 'text/plain'), 'json'],
      [post(new TextEncoder().encode('msgId=1&status=ok')), 'form'],
      [post('{"msgId":"1","status":"ok"}', 'application/x-www-form-urlencoded'), 'json'],
    ];
    for (const [request, format] of cases) {
      const result = await readWebhookPayload(request);
      expect(result).toEqual({ payload: { msgId: '1', status: 'ok' }, format });
    }
  });

  it('reads the query string when the body is empty, without the ignored parameters', async () => {
    const request = new Request(`${URL_}&msgId=1&status=ok`);
    expect(await readWebhookPayload(request, { ignoreQueryParams: ['token', 'kind'] })).toEqual({
      payload: { msgId: '1', status: 'ok' },
      format: 'query',
    });
    const post = new Request(`${URL_}&msgId=2`, { method: 'POST' });
    expect(
      (await readWebhookPayload(post, { ignoreQueryParams: ['token', 'kind'] })).payload,
    ).toEqual({ msgId: '2' });
  });

  it('keeps the first value of a repeated field and is safe from __proto__ keys', async () => {
    const { payload } = await readWebhookPayload(
      new Request(URL_, {
        method: 'POST',
        body: '__proto__=x&a=1&a=2&constructor=y',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(payload.a).toBe('1');
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('decodes Latin-1 bodies, declared or not, and strips a BOM', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('text='), 0xe9, 0x74, 0xe9]);
    const declared = new Request(URL_, {
      method: 'POST',
      body: latin1,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' },
    });
    expect((await readWebhookPayload(declared)).payload.text).toBe('été');
    expect(
      (await readWebhookPayload(new Request(URL_, { method: 'POST', body: latin1 }))).payload.text,
    ).toBe('été');
    const bom = new Request(URL_, {
      method: 'POST',
      body: '\uFEFF{"a":"b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect((await readWebhookPayload(bom)).payload).toEqual({ a: 'b' });
  });
});

describe('readWebhookPayload refusals', () => {
  it('413 from Content-Length before reading, and while streaming without it', async () => {
    const declared = new Request(URL_, {
      method: 'POST',
      body: 'x'.repeat(11),
      headers: { 'content-length': '11' },
    });
    expect(await codeOf(readWebhookPayload(declared, { maxBodyBytes: 10 }))).toBe(
      'payload_too_large:413',
    );
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4));
        if (pulled > 1000) controller.close();
      },
    });
    const streamed = new Request(URL_, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await codeOf(readWebhookPayload(streamed, { maxBodyBytes: 10 }))).toBe(
      'payload_too_large:413',
    );
    expect(pulled).toBeLessThan(10);
    const exact = new Request(URL_, {
      method: 'POST',
      body: 'a=123456',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await codeOf(readWebhookPayload(exact, { maxBodyBytes: 8 }))).toBe('none');
  });

  it('415 for other content types, text that is not JSON, and unknown charsets', async () => {
    for (const type of [
      'text/xml',
      'application/xml',
      'image/png',
      'text/csv',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/octet-stream',
    ]) {
      const request = new Request(URL_, {
        method: 'POST',
        body: 'a=1',
        headers: { 'content-type': type },
      });
      expect(await codeOf(readWebhookPayload(request))).toBe('unsupported_media_type:415');
    }
    const charset = new Request(URL_, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/json; charset=klingon' },
    });
    expect(await codeOf(readWebhookPayload(charset))).toBe('unsupported_media_type:415');
  });

  it('400 for bad JSON, non-object JSON, blank bodies and empty GETs', async () => {
    for (const body of ['{"a":', '[1,2]', '{"a":1}}', '   ', '\uFEFF']) {
      const request = new Request(URL_, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(await codeOf(readWebhookPayload(request))).toBe('malformed_body:400');
    }
    expect(await codeOf(readWebhookPayload(new Request('https://example.com/'), {}))).toBe(
      'malformed_body:400',
    );
    expect(
      await codeOf(readWebhookPayload(new Request(URL_), { ignoreQueryParams: ['token', 'kind'] })),
    ).toBe('malformed_body:400');
  });

  it('any byte sequence: a payload or a 4xx WebhookError (property)', PROPERTY_LIMIT, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(
          '',
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data; boundary=x',
          'text/html',
        ),
        async (body, type) => {
          const request = new Request(URL_, {
            method: 'POST',
            body,
            headers: type ? { 'content-type': type } : {},
          });
          try {
            const { payload } = await readWebhookPayload(request, { maxBodyBytes: 200 });
            expect(typeof payload).toBe('object');
          } catch (error) {
            expect(error).toBeInstanceOf(WebhookError);
            expect((error as WebhookError).status).toBeGreaterThanOrEqual(400);
            expect((error as WebhookError).status).toBeLessThan(500);
          }
        },
      ),
      { numRuns },
    );
  });
});

describe('toWebhookPayload', () => {
  it('sniffs JSON and form text, and takes objects and URLSearchParams as they are', () => {
    const object = { a: 1 };
    expect(toWebhookPayload(object)).toBe(object);
    expect(toWebhookPayload(' {"a":1} ')).toEqual({ a: 1 });
    expect(toWebhookPayload('a=1&b=%C3%A9')).toEqual({ a: '1', b: 'é' });
    expect(toWebhookPayload(new URLSearchParams('a=1&a=2'))).toEqual({ a: '1' });
  });
  it('refuses empty strings, JSON arrays, and non-objects', () => {
    for (const input of ['', '[]', 42, null, undefined, ['a']]) {
      expect(() => toWebhookPayload(input as never)).toThrow(WebhookError);
    }
  });
});
