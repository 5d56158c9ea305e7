import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { numRuns } from '../../../test/fc.js';
import { DEFAULT_RETRY } from './retry.js';
import { type CallSpec, Transport } from './transport.js';

vi.setConfig({ testTimeout: 180_000 });

interface Sent {
  url: string;
  init: RequestInit;
}

function transport(
  apiKey: string,
  baseUrl = 'http://127.0.0.1:4010',
): {
  transport: Transport;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  return {
    sent,
    transport: new Transport({
      apiKey,
      baseUrl,
      fetch: async (input, init) => {
        sent.push({ url: String(input), init: init ?? {} });
        return new Response('{"success":true,"code":200}');
      },
      timeout: 30_000,
      retry: { ...DEFAULT_RETRY, maxRetries: 0 },
      logger: undefined,
      hooks: undefined,
      random: () => 0,
      quietWindow: () => ({ nextWindow: new Date(0) }),
    }),
  };
}

/** The URL and body as the transport built them with `URL` and a spread (the reference). */
function reference(apiKey: string, baseUrl: string, spec: CallSpec): Sent {
  const url = new URL(`${baseUrl}${spec.path}`);
  if (spec.method === 'GET') url.searchParams.set('apiKey', apiKey);
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  if (spec.method === 'GET') {
    if (spec.format === 'xml') url.searchParams.set('_format', 'xml');
    return { url: url.toString(), init: {} };
  }
  const payload: Record<string, unknown> = { apiKey, ...spec.body };
  if (spec.format === 'xml') payload._format = 'xml';
  return { url: url.toString(), init: { body: JSON.stringify(payload) } };
}

async function sentFor(apiKey: string, spec: CallSpec, baseUrl?: string): Promise<Sent> {
  const { transport: t, sent } = transport(apiKey, baseUrl);
  await t.call(spec);
  return sent[0]!;
}

const call = (spec: Partial<CallSpec>): CallSpec => ({
  method: 'GET',
  path: '/v1/me',
  family: 'account',
  kind: 'read',
  ...spec,
});

describe('Transport request building', () => {
  it('puts the key in the query of a GET and in the JSON body otherwise', async () => {
    const get = await sentFor('bench-api-key', call({ query: { page: 2, tag: undefined } }));
    expect(get.url).toBe('http://127.0.0.1:4010/v1/me?apiKey=bench-api-key&page=2');
    expect(get.init.body).toBeUndefined();
    expect(get.init.method).toBe('GET');
    const post = await sentFor(
      'bench-api-key',
      call({
        method: 'POST',
        path: '/v1/send',
        body: { phoneNumbers: '+33600000000', tag: undefined },
      }),
    );
    expect(post.url).toBe('http://127.0.0.1:4010/v1/send');
    expect(post.init.body).toBe('{"apiKey":"bench-api-key","phoneNumbers":"+33600000000"}');
    expect(post.init.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
    });
  });

  it('asks for XML in the query of a GET and in the body of a POST', async () => {
    const get = await sentFor('k', call({ format: 'xml' }));
    expect(get.url).toBe('http://127.0.0.1:4010/v1/me?apiKey=k&_format=xml');
    const post = await sentFor('k', call({ method: 'POST', path: '/v1/send', format: 'xml' }));
    expect(post.init.body).toBe('{"apiKey":"k","_format":"xml"}');
    expect(post.init.headers).toEqual({
      accept: 'application/xml',
      'content-type': 'application/json',
    });
  });

  it('escapes keys and values the way URLSearchParams does', async () => {
    const key = 'sk_test_SECRET-key+with/odd=chars';
    const spec = call({ query: { q: "a b!~'()*", 'x y': 'é' } });
    const sent = await sentFor(key, spec);
    expect(sent.url).toBe(reference(key, 'http://127.0.0.1:4010', spec).url);
    expect(sent.url).toContain('apiKey=sk_test_SECRET-key%2Bwith%2Fodd%3Dchars');
    expect(sent.url).toContain('q=a+b%21%7E%27%28%29*');
  });

  it('keeps the body key order of { apiKey, ...body }, array-index keys first', async () => {
    const indexed = call({ method: 'POST', path: '/v1/x', body: { b: 1, 0: 'zero' } });
    expect((await sentFor('k', indexed)).init.body).toBe('{"0":"zero","apiKey":"k","b":1}');
    const own = call({ method: 'POST', path: '/v1/x', body: { b: 1, apiKey: 'other' } });
    expect((await sentFor('k', own)).init.body).toBe('{"apiKey":"other","b":1}');
  });

  const plain = fc.stringMatching(/^[A-Za-z0-9._*-]{0,8}$/);
  const text = fc.oneof(
    plain,
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.constant('a\uD800b'),
  );
  const keyName = fc.oneof(
    plain,
    fc.constantFrom('apiKey', '_format', '0', '12', 'page'),
    fc.string({ maxLength: 5 }),
  );
  const value = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.constant(undefined),
    fc.constant(1e21),
  ) as fc.Arbitrary<string | number | undefined>;
  const specs = fc.record({
    method: fc.constantFrom('GET' as const, 'POST' as const, 'DELETE' as const),
    path: fc.oneof(
      fc.constantFrom('/v1/me', '/v1/contact/12', '/v1/a.b/c-d_e', '/v1/./x', '/v1/../x'),
      fc.string({ maxLength: 6 }).map((s) => `/v1/${s}`),
    ),
    query: fc.option(fc.dictionary(keyName, value, { maxKeys: 4 }), { nil: undefined }),
    body: fc.option(fc.dictionary(keyName, fc.jsonValue(), { maxKeys: 4 }), { nil: undefined }),
    format: fc.constantFrom(undefined, 'json' as const, 'xml' as const),
  });

  it('builds byte for byte the URL and body that URL and a spread would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          plain.filter((k) => k !== ''),
          fc.string({ minLength: 1, maxLength: 10 }),
        ),
        fc.constantFrom('http://127.0.0.1:4010', 'https://api.example.com/base', 'http://h'),
        specs,
        async (apiKey, baseUrl, partial) => {
          const spec = call(partial as Partial<CallSpec>);
          const expected = reference(apiKey, baseUrl, spec);
          const sent = await sentFor(apiKey, spec, baseUrl);
          expect(sent.url).toBe(expected.url);
          expect(sent.init.body).toBe(expected.init.body);
        },
      ),
      { numRuns },
    );
  });
});
