/**
 * Securing callbacks. SMS Partner signs nothing, so the only proof that a callback comes from it
 * is a secret you put in the callback URL yourself: `createCallbackUrls` builds `urlDlr`,
 * `urlResponse` and the HLR `notifyUrl` with a `token` query parameter, and the webhook handler
 * checks it in constant time. This relies on SMS Partner calling the URL with its query string
 * intact (integrators report that it does; the docs do not say).
 *
 * @example
 * ```ts
 * import { createCallbackUrls, generateWebhookSecret } from '@sms-partner/core';
 *
 * const secret = generateWebhookSecret(); // store it with your other secrets
 * const urls = createCallbackUrls({ baseUrl: 'https://example.com/webhooks/sms-partner', secret });
 * // urls.urlDlr      === 'https://example.com/webhooks/sms-partner?token=…&kind=dlr'
 * // urls.urlResponse === 'https://example.com/webhooks/sms-partner?token=…&kind=response'
 * await client.sms.send({ to: '+33600000000', message: 'Bonjour', urlDlr: urls.urlDlr });
 * ```
 * @packageDocumentation
 */

import { WebhookError } from './errors.js';
import { timingSafeEqual, timingSafeEqualBytes } from './internal/timing-safe-equal.js';
import { utf8 } from './internal/utf8.js';
import type { WebhookCallbackKind } from './parse-event.js';

/** Query parameter carrying the secret. @see CallbackUrlOptions.tokenParam */
export const DEFAULT_TOKEN_PARAM = 'token';
/** Query parameter carrying the callback kind. @see CallbackUrlOptions.kindParam */
export const DEFAULT_KIND_PARAM = 'kind';
/** Shortest secret accepted: 16 characters (generated secrets have 43). */
export const MIN_SECRET_LENGTH = 16;

/**
 * A random secret for callback URLs: `byteLength` random bytes from `crypto.getRandomValues`,
 * base64url-encoded (43 characters for the default 32 bytes), safe in a URL as is.
 *
 * @param byteLength - 16 to 1024. @default 32
 * @example
 * ```ts
 * const secret = generateWebhookSecret(); // e.g. 'q3Z1…' (43 characters)
 * ```
 */
export function generateWebhookSecret(byteLength = 32): string {
  if (!Number.isSafeInteger(byteLength) || byteLength < 16 || byteLength > 1024) {
    throw new WebhookError(
      'invalid_configuration',
      'byteLength must be an integer from 16 to 1024.',
      {
        field: 'byteLength',
      },
    );
  }
  const bytes = crypto.getRandomValues(new Uint8Array(byteLength));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Checks a secret (or each of a rotation list) and returns the list. */
export function checkSecrets(
  secret: string | readonly string[] | undefined,
  field = 'secret',
): string[] {
  const secrets = typeof secret === 'string' ? [secret] : [...(secret ?? [])];
  if (secrets.length === 0) {
    throw new WebhookError(
      'invalid_configuration',
      'No webhook secret was given. Fix: pass `secret` (see generateWebhookSecret()), ' +
        'or `verify: false` to accept unauthenticated callbacks deliberately.',
      { field },
    );
  }
  for (const value of secrets) {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) {
      throw new WebhookError(
        'invalid_configuration',
        `A webhook secret is shorter than ${MIN_SECRET_LENGTH} characters. Fix: use generateWebhookSecret().`,
        { field },
      );
    }
  }
  return secrets;
}

/** Options of {@link createCallbackUrls}. */
export interface CallbackUrlOptions {
  /**
   * The public URL of your webhook route (what SMS Partner can reach), with or without a query
   * string of your own. Must be `https:`, except for `localhost`, `127.0.0.1` and `[::1]`.
   * @example 'https://example.com/webhooks/sms-partner'
   */
  baseUrl: string | URL;
  /** The secret the handler checks (see {@link generateWebhookSecret}); 16 characters at least. */
  secret: string;
  /** Name of the query parameter carrying the secret. @default 'token' */
  tokenParam?: string;
  /**
   * Name of the query parameter carrying the kind (`dlr`, `response`, `hlr`), so that one route
   * serves every callback without guessing; `false` leaves it out (the handler then detects the
   * kind from the fields).
   * @default 'kind'
   */
  kindParam?: string | false;
  /** Allow a plain `http:` URL to a public host (the secret then travels in clear). @default false */
  allowInsecureHttp?: boolean;
}

/** The callback URLs to pass to SMS Partner. */
export interface CallbackUrls {
  /** For `urlDlr` on `/v1/send`, `/v1/bulk-send` and `/v1/vn/send` (delivery reports). */
  urlDlr: string;
  /** For `urlResponse` on sends, or the dashboard's reply URL (replies, STOP, long-number SMS). */
  urlResponse: string;
  /** For `notifyUrl` on the HLR endpoint. */
  notifyUrl: string;
}

const LOCAL_HOSTS = /* @__PURE__ */ new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Builds the callback URLs, each carrying the secret and its kind.
 *
 * @example
 * ```ts
 * const { urlDlr } = createCallbackUrls({ baseUrl: 'https://example.com/sms?tenant=7', secret });
 * // 'https://example.com/sms?tenant=7&token=…&kind=dlr'
 * ```
 */
export function createCallbackUrls(options: CallbackUrlOptions): CallbackUrls {
  const [secret = ''] = checkSecrets(options.secret);
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (error) {
    throw new WebhookError('invalid_configuration', 'baseUrl is not an absolute URL.', {
      field: 'baseUrl',
      cause: error,
    });
  }
  const secure =
    base.protocol === 'https:' || (base.protocol === 'http:' && LOCAL_HOSTS.has(base.hostname));
  if (!secure && !(base.protocol === 'http:' && options.allowInsecureHttp)) {
    throw new WebhookError(
      'invalid_configuration',
      'baseUrl must use https: (the token would travel in clear). Fix: use https, or set allowInsecureHttp.',
      { field: 'baseUrl' },
    );
  }
  const tokenParam = options.tokenParam ?? DEFAULT_TOKEN_PARAM;
  const kindParam = options.kindParam ?? DEFAULT_KIND_PARAM;
  const build = (kind: WebhookCallbackKind): string => {
    const url = new URL(base);
    url.hash = '';
    url.searchParams.set(tokenParam, secret);
    if (kindParam !== false) url.searchParams.set(kindParam, kind);
    return url.toString();
  };
  return { urlDlr: build('dlr'), urlResponse: build('response'), notifyUrl: build('hlr') };
}

/**
 * Whether a presented token matches the secret, or any secret of a rotation list, in constant
 * time (every secret is compared, whatever matched).
 *
 * @example
 * ```ts
 * const token = new URL(request.url).searchParams.get('token');
 * if (!verifyWebhookToken(token, [newSecret, oldSecret])) return new Response(null, { status: 401 });
 * ```
 */
export function verifyWebhookToken(
  token: string | null | undefined,
  secret: string | readonly string[],
): boolean {
  if (typeof token !== 'string') return false;
  const secrets = typeof secret === 'string' ? [secret] : secret;
  let matched = false;
  for (const candidate of secrets) {
    if (timingSafeEqual(token, candidate) && candidate.length > 0) matched = true;
  }
  return matched;
}

/**
 * {@link verifyWebhookToken} for a fixed list of secrets, encoded once: what the handler checks
 * each callback with.
 * @internal
 */
export function createTokenVerifier(secrets: readonly string[]): (token: string) => boolean {
  const usable = secrets.filter((candidate) => candidate.length > 0);
  // ASCII secrets (every generated one) compare against the token's UTF-16 code units directly,
  // which is the same answer as comparing UTF-8 bytes: a token with any other character cannot
  // match (its UTF-8 bytes are all >= 0x80) and does not (its code units are >= 0x80 too).
  if (usable.every((candidate) => /^[\0-\x7f]*$/.test(candidate))) {
    return (token) => {
      let matched = false;
      for (const candidate of usable) {
        const length = Math.max(token.length, candidate.length);
        let difference = token.length ^ candidate.length;
        for (let index = 0; index < length; index++) {
          // Past the end, charCodeAt gives NaN, which `| 0` turns into 0 (as the byte path pads).
          difference |= (token.charCodeAt(index) | 0) ^ (candidate.charCodeAt(index) | 0);
        }
        if (difference === 0) matched = true;
      }
      return matched;
    };
  }
  const encoded = usable.map((candidate) => utf8(candidate));
  return (token) => {
    const presented = utf8(token);
    let matched = false;
    for (const candidate of encoded) if (timingSafeEqualBytes(presented, candidate)) matched = true;
    return matched;
  };
}
