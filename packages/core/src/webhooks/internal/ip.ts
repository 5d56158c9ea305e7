/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const octet of match.slice(1)) {
    // Leading zeros are refused: some parsers read them as octal, which an attacker could exploit.
    if (octet.length > 1 && octet.startsWith('0')) return undefined;
    const number = Number(octet);
    if (number > 255) return undefined;
    value = (value << 8n) | BigInt(number);
  }
  return value;
}

function parseGroups(text: string, allowIpv4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const pieces = text.split(':');
  for (const [index, piece] of pieces.entries()) {
    if (allowIpv4Tail && index === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!/^[0-9a-f]{1,4}$/i.test(piece)) return undefined;
    groups.push(Number.parseInt(piece, 16));
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...new Array<number>(missing).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

// A literal, not `0xffffn << 32n`: bundlers keep top-level expressions they cannot prove pure.
const MAPPED_PREFIX = 0xffff_0000_0000n;

/**
 * Parses an IPv4 or IPv6 address, also in the forms proxies write them: `[v6]`, `[v6]:port`,
 * `v4:port`, zone ids (`fe80::1%eth0`). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes IPv4, so
 * that an IPv4 allow-list matches a dual-stack socket's address.
 */
export function parseIpAddress(input: string): IpAddress | undefined {
  let text = input.trim();
  if (text.length === 0 || text.length > 100) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%[\w.-]+$/, '');
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  if (!text.includes(':')) return undefined;
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

/** A network: address, prefix length and version. */
export interface IpRange {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

/** Parses `addr` or `addr/prefix`; host bits must be zero (so that typos are caught). */
export function parseIpRange(input: string): IpRange | undefined {
  const [address = '', prefixText, ...rest] = input.trim().split('/');
  if (rest.length > 0) return undefined;
  // A range is written plainly: no brackets, ports or zones.
  if (/[[\]%]/.test(address) || /^\d+\.\d+\.\d+\.\d+:/.test(address)) return undefined;
  const ip = parseIpAddress(address);
  if (!ip) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  let prefix = width;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    // An IPv4-mapped range written in IPv6 (::ffff:1.2.3.0/120) counts its prefix over 128 bits.
    if (ip.version === 4 && address.includes(':')) prefix -= 96;
    if (prefix < 0 || prefix > width) return undefined;
  }
  const hostBits = BigInt(width - prefix);
  const mask = hostBits === 0n ? 0n : (1n << hostBits) - 1n;
  if ((ip.value & mask) !== 0n) return undefined;
  return { version: ip.version, network: ip.value, prefix };
}

export function rangeContains(range: IpRange, ip: IpAddress): boolean {
  if (range.version !== ip.version) return false;
  const width = range.version === 4 ? 32 : 128;
  const hostBits = BigInt(width - range.prefix);
  return ip.value >> hostBits === range.network >> hostBits;
}
