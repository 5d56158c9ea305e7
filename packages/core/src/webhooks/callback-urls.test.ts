import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import {
  createCallbackUrls,
  createTokenVerifier,
  generateWebhookSecret,
  verifyWebhookToken,
} from './callback-urls.js';
import { WebhookError } from './errors.js';
import { timingSafeEqual } from './internal/timing-safe-equal.js';

describe('generateWebhookSecret', () => {
  it('gives 43 URL-safe characters for 32 bytes, different each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateWebhookSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  it('encodes exactly byteLength random bytes', () => {
    const secret = generateWebhookSecret(16);
    const base64 = secret.replace(/-/g, '+').replace(/_/g, '/');
    expect(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)).length).toBe(16);
  });
  it('refuses sizes outside 16..1024', () => {
    for (const size of [0, 8, 15, 1025, 1.5, Number.NaN])
      expect(() => generateWebhookSecret(size)).toThrow(WebhookError);
  });
});

describe('createCallbackUrls', () => {
  const secret = 'a-secret-of-32-characters-long!!';
  it('adds the token and kind to each URL, keeping the base query', () => {
    const urls = createCallbackUrls({ baseUrl: 'https://example.com/hook?tenant=7#frag', secret });
    for (const [name, kind] of [
      ['urlDlr', 'dlr'],
      ['urlResponse', 'response'],
      ['notifyUrl', 'hlr'],
    ] as const) {
      const url = new URL(urls[name]);
      expect(url.origin + url.pathname).toBe('https://example.com/hook');
      expect(url.searchParams.get('tenant')).toBe('7');
      expect(url.searchParams.get('token')).toBe(secret);
      expect(url.searchParams.get('kind')).toBe(kind);
      expect(url.hash).toBe('');
    }
  });
  it('uses custom parameter names, or no kind', () => {
    const urls = createCallbackUrls({
      baseUrl: 'https://example.com/',
      secret,
      tokenParam: 'k',
      kindParam: false,
    });
    const url = new URL(urls.urlDlr);
    expect([...url.searchParams.keys()]).toEqual(['k']);
    expect(url.searchParams.get('k')).toBe(secret);
  });
  it('encodes secrets with reserved characters', () => {
    const odd = 'a&b=c d+e/f?g#h%i-long-enough';
    expect(
      new URL(
        createCallbackUrls({ baseUrl: 'https://x.test/', secret: odd }).urlDlr,
      ).searchParams.get('token'),
    ).toBe(odd);
  });
  it('refuses http to public hosts unless allowed, and accepts local http', () => {
    expect(() => createCallbackUrls({ baseUrl: 'http://example.com/', secret })).toThrow(/https/);
    expect(
      createCallbackUrls({ baseUrl: 'http://example.com/', secret, allowInsecureHttp: true })
        .urlDlr,
    ).toMatch(/^http:/);
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:8080']) {
      expect(createCallbackUrls({ baseUrl: `http://${host}/`, secret }).urlDlr).toMatch(/^http:/);
    }
  });
  it('refuses missing or short secrets, bad URLs and other schemes, without echoing the secret', () => {
    for (const options of [
      { baseUrl: 'https://example.com/', secret: '' },
      { baseUrl: 'https://example.com/', secret: 'short' },
      { baseUrl: 'not a url', secret },
      { baseUrl: 'ftp://example.com/', secret },
    ]) {
      try {
        createCallbackUrls(options);
        expect.unreachable();
      } catch (error) {
        expect((error as WebhookError).reason).toBe('invalid_configuration');
        expect((error as Error).message).not.toContain(secret);
      }
    }
  });
});

describe('token verification', () => {
  const secret = 'correct-horse-battery-staple-42';
  it('accepts the right token only', () => {
    expect(verifyWebhookToken(secret, secret)).toBe(true);
    expect(verifyWebhookToken(`${secret}x`, secret)).toBe(false);
    expect(verifyWebhookToken(secret.slice(0, -1), secret)).toBe(false);
    expect(verifyWebhookToken(secret.toUpperCase(), secret)).toBe(false);
    expect(verifyWebhookToken('', secret)).toBe(false);
    expect(verifyWebhookToken(null, secret)).toBe(false);
    expect(verifyWebhookToken(undefined, secret)).toBe(false);
  });
  it('accepts any secret of a rotation list, and never an empty secret', () => {
    expect(
      verifyWebhookToken('old-secret-000000', ['new-secret-111111', 'old-secret-000000']),
    ).toBe(true);
    expect(verifyWebhookToken('', [''])).toBe(false);
    expect(verifyWebhookToken('x', [])).toBe(false);
  });
  it('timingSafeEqual compares bytes, including non-ASCII and length differences', () => {
    expect(timingSafeEqual('é', 'é')).toBe(true);
    expect(timingSafeEqual('é', 'e')).toBe(false);
    expect(timingSafeEqual('a', 'a\u0000')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
  });
});

describe('createTokenVerifier', () => {
  it('answers as verifyWebhookToken for any token and ASCII or non-ASCII secrets (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 24 });
    const secretList = fc.array(
      fc.oneof(text, fc.string({ maxLength: 24 }), fc.constant('ascii-secret-0123456789')),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(
        secretList,
        fc.oneof(text, fc.constant('ascii-secret-0123456789')),
        (secrets, token) => {
          expect(createTokenVerifier(secrets)(token)).toBe(verifyWebhookToken(token, secrets));
          // A secret presented as itself always matches (unless empty, which never does).
          for (const secret of secrets)
            expect(createTokenVerifier(secrets)(secret)).toBe(secret.length > 0);
        },
      ),
      { numRuns },
    );
  });
});
