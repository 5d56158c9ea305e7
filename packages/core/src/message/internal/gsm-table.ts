/**
 * GSM 03.38 default alphabet and extension table, as one lazily built lookup table indexed by
 * UTF-16 code unit. The hot loops of the message module read it with `charCodeAt`, so it is a
 * flat typed array (no Map, no per-character allocation).
 */
import { PLATFORM_SOURCES } from './platform-table.js';

/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1) is printable ASCII but for the backtick
 * and the extension characters, plus LF, CR and these 39 characters.
 */
const BASIC_NON_ASCII = '£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà';

/** The extension table (each costs the escape septet plus one: 2 septets). 3GPP TS 23.038 §6.2.1.1. */
const EXTENSION = '\f^{}\\[~]|€';

/** Septets of a code unit in GSM-7: 0 = not representable, 1 = default alphabet, 2 = extension. */
export type Septets = 0 | 1 | 2;

/** Table flag: rewritten in the wire syntax in SMS Partner mode (CR, LF, `€`, and `:` of a token). */
export const WIRE_FLAG = 4;
/** Table flag: replaced by the SMS Partner platform when Unicode is off. */
export const PLATFORM_FLAG = 8;

let table: Uint8Array | undefined;

/**
 * The lookup table: `table[codeUnit] & 3` is the septet cost (0 when not GSM-7), plus the SMS
 * Partner flags {@link WIRE_FLAG} and {@link PLATFORM_FLAG}. Built on first use (64 KiB) so that
 * importing the module has no side effect.
 */
export function gsmTable(): Uint8Array {
  if (table === undefined) {
    const t = new Uint8Array(0x10000);
    t.fill(1, 0x20, 0x7f);
    t[0x60] = 0;
    t[10] = t[13] = 1;
    for (const c of BASIC_NON_ASCII) t[c.charCodeAt(0)] = 1;
    for (const c of EXTENSION) t[c.charCodeAt(0)] = 2;
    // Line breaks and € are rewritten on the wire (`:br:`, `:euro:`); `:` may open a literal token.
    t[10]! |= WIRE_FLAG;
    t[13]! |= WIRE_FLAG;
    t[58]! |= WIRE_FLAG;
    t[0x20ac]! |= WIRE_FLAG;
    for (let i = 0; i < PLATFORM_SOURCES.length; i++)
      t[PLATFORM_SOURCES.charCodeAt(i)]! |= PLATFORM_FLAG;
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
