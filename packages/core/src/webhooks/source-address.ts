/**
 * Source-address checks. SMS Partner publishes no list of the addresses its callbacks come from
 * (one third-party integration claims `185.66.232.0/24`, unverified), so the allow-list is yours
 * to fill, and empty by default. It complements the URL token; it does not replace it.
 *
 * @example
 * ```ts
 * import { isAddressAllowed } from '@sms-partner/core';
 *
 * isAddressAllowed('185.66.232.17', ['185.66.232.0/24', '2001:db8::/32']); // true
 * isAddressAllowed('::ffff:185.66.232.17', ['185.66.232.0/24']); // true (IPv4-mapped)
 * ```
 * @packageDocumentation
 */

import { WebhookError } from './errors.js';
import { type IpRange, parseIpAddress, parseIpRange, rangeContains } from './internal/ip.js';

/**
 * Which proxies to believe about the client's address.
 *
 * - `false`: ignore `X-Forwarded-For`; use the socket address the adapter passes.
 * - `true`: every proxy is trusted; the client is the first (left-most) `X-Forwarded-For` entry.
 *   Only safe when your edge proxy overwrites the header rather than appending to it.
 * - a number `n`: `n` proxies in front of you are trusted; the client is the `n`-th address
 *   from the right of `X-Forwarded-For` + socket address (what each trusted proxy saw).
 */
export type TrustProxy = boolean | number;

/** Options of {@link resolveRemoteAddress}. */
export interface ResolveRemoteAddressOptions {
  /** The peer address of the connection, as the adapter knows it (`req.socket.remoteAddress`). */
  remoteAddress?: string | undefined;
  /** @default false */
  trustProxy?: TrustProxy;
}

/**
 * The client's address: the socket address, or an `X-Forwarded-For` entry when `trustProxy`
 * says so. `undefined` when it cannot be told.
 *
 * @example
 * ```ts
 * const request = new Request('https://example.com/', { headers: { 'x-forwarded-for': '185.66.232.17, 10.0.0.2' } });
 * resolveRemoteAddress(request, { remoteAddress: '10.0.0.1', trustProxy: 1 }); // '10.0.0.2'
 * resolveRemoteAddress(request, { remoteAddress: '10.0.0.1', trustProxy: 2 }); // '185.66.232.17'
 * ```
 */
export function resolveRemoteAddress(
  request: Request,
  options: ResolveRemoteAddressOptions = {},
): string | undefined {
  return addressFrom(() => request.headers.get('x-forwarded-for'), options);
}

/**
 * {@link resolveRemoteAddress} from the `X-Forwarded-For` value (read only when trusted).
 * @internal
 */
export function addressFrom(
  forwardedFor: () => string | null | undefined,
  options: ResolveRemoteAddressOptions,
): string | undefined {
  const trust = options.trustProxy ?? false;
  const socket = options.remoteAddress?.trim() || undefined;
  if (trust === false || trust === 0) return socket;
  const forwarded = (forwardedFor() ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (trust === true) return forwarded[0] ?? socket;
  const chain = socket === undefined ? forwarded : [...forwarded, socket];
  // With a socket address, n trusted proxies put the client n places from the right.
  const index = chain.length - 1 - (socket === undefined ? trust - 1 : trust);
  return chain[Math.max(0, index)];
}

/**
 * Compiles an allow-list once, for repeated checks. Throws `invalid_configuration` naming the
 * bad entry's position when one is not an address or CIDR range (host bits set count as bad:
 * `10.0.0.1/8` is probably a typo for `10.0.0.0/8`).
 *
 * @example
 * ```ts
 * const allowed = createAddressMatcher(['185.66.232.0/24', '2001:db8::/32']);
 * allowed('2001:db8::1'); // true
 * allowed(undefined); // false
 * ```
 */
export function createAddressMatcher(
  allowList: readonly string[],
): (address: string | undefined) => boolean {
  const ranges: IpRange[] = allowList.map((entry, index) => {
    const range = typeof entry === 'string' ? parseIpRange(entry) : undefined;
    if (!range) {
      throw new WebhookError(
        'invalid_configuration',
        `allowedSources[${index}] is not an IPv4/IPv6 address or CIDR range with zero host bits.`,
        { field: `allowedSources[${index}]` },
      );
    }
    return range;
  });
  return (address) => {
    if (address === undefined) return false;
    const ip = parseIpAddress(address);
    return ip !== undefined && ranges.some((range) => rangeContains(range, ip));
  };
}

/**
 * Whether an address is in an allow-list of addresses and CIDR ranges (IPv4 and IPv6).
 *
 * @example
 * ```ts
 * isAddressAllowed('10.1.2.3', ['10.0.0.0/8']); // true
 * ```
 */
export function isAddressAllowed(
  address: string | undefined,
  allowList: readonly string[],
): boolean {
  return createAddressMatcher(allowList)(address);
}
