/**
 * GSM 03.38 default alphabet and extension table, as one lazily built lookup table indexed by
 * UTF-16 code unit. The hot loops of the message module read it with `charCodeAt`, so it is a
 * flat typed array (no Map, no per-character allocation).
 */
import { fillRuns, unpack } from './packed.js';
import { PLATFORM_CODES } from './platform-table.js';

/**
 * The table's values (1..6) without the platform flag, packed as runs (see packed.ts): 1 for the GSM
 * 03.38 default alphabet (3GPP TS 23.038 §6.2.1: printable ASCII but for the backtick and the
 * extension characters, plus LF, CR and `£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà`), 2 for the
 * extension table (§6.2.1.1: form feed and `^{}\\[~]|€`, the escape septet plus one), with
 * {@link Flag.Wire} added to LF, CR, `:` (5) and `€` (6).
 */
const VALUES = '71..-1?!s-1-"E-@--.!s-@O-.9.-D-1?.-4-1-.-0-/309.3/-130-.3/-);30-/-/-.-/-/-.3((e2';

/** Septets of a code unit in GSM-7: 0 = not representable, 1 = default alphabet, 2 = extension. */
export type Septets = 0 | 1 | 2;

/** Table flags (an enum, so that a bundler inlines the numbers). */
export enum Flag {
  /** Rewritten in the wire syntax in SMS Partner mode (CR, LF, `€`, and `:` of a token). */
  Wire = 4,
  /** Replaced by the SMS Partner platform when Unicode is off. */
  Platform = 8,
  /**
   * A typographic quote the SDK itself sends as ASCII in SMS Partner mode without Unicode
   * (see {@link QUOTES}).
   */
  Quote = 128,
}

/**
 * Typographic quotes sent as ASCII: “ ” „ ‟ as `"`, ‚ ‛ as `'`. The platform's published table
 * has no row for ” „ ‟ ‚ ‛ (their fate is undocumented: `?` at worst, on a handset) and maps “ to
 * `'`, probably a transcription slip (spec/smspartner-gaps.md §3.1). Sending the ASCII quote makes
 * the delivered text certain whatever the platform does; `asciiQuotes: false` turns it off.
 */
export const QUOTES = '\u201c\u201d\u201e\u201f\u201a\u201b';

let table: Uint8Array | undefined;

/**
 * The lookup table: `table[codeUnit] & 3` is the septet cost (0 when not GSM-7), plus the SMS
 * Partner flags {@link Flag}. Built on first use (64 KiB) so that
 * importing the module has no side effect.
 */
export function gsmTable(): Uint8Array {
  if (table === undefined) {
    const t = fillRuns(new Uint8Array(0x10000), VALUES, 6);
    let c = 0;
    for (const gap of unpack(PLATFORM_CODES)) {
      c += gap;
      t[c]! |= Flag.Platform;
    }
    for (let i = 0; i < QUOTES.length; i++) t[QUOTES.charCodeAt(i)]! |= Flag.Quote;
    table = t;
  }
  return table;
}

/**
 * Septets a single UTF-16 code unit costs in GSM-7: 1 for the default alphabet, 2 for the
 * extension table (`^ { } [ ] ~ \ | €` and form feed), 0 when GSM-7 cannot encode it.
 */
export function gsmSeptets(codeUnit: number): Septets {
  return (gsmTable()[codeUnit & 0xffff]! & 3) as Septets;
}
