/**
 * SMS Partner's published "Caractères spéciaux" table: 53 characters the platform replaces at
 * send time when Unicode is off. Source: docpartner docs draft (`envois_smsp4.md`, built page
 * `tablecaractere`), transcribed in spec/smspartner-gaps.md §3.1. By code point (∅ = removed):
 *
 * [→( \→∅ ]→) ^→∅ `→' {→( |→∅ }→) ~→∅ §→∅ ¨→∅ «→" °→. µ→u »→" À→A Á→A Â→A Ã→A Ä→A È→E Ê→E Ë→E Î→I
 * Ñ→N Ô→O Ö→O Ù→U Ú→U Û→U Ü→U Ý→Y á→a â→a ã→a ä→a ç→Ç ê→e ë→e î→i ï→i ñ→n ó→o ô→o ö→o û→u ü→u ÿ→y
 * ą→à œ→oe ‘→' ’→' “→'
 *
 * The published targets of the quote rows are typographic quotes (‘ “), which GSM-7 cannot
 * encode; they are WordPress "smart quotes" applied to `'` and `"` when the page was rendered, so
 * the targets here are ASCII `'` (published rows 2, 18, 47, 48) and `"` (rows 52, 53). Row 48
 * (“ → ') is kept as published even though `"` would be more natural.
 */
import { unpack } from './packed.js';

/** Source code points (all BMP) in ascending order, as gaps packed by packed.ts. */
export const PLATFORM_CODES = '!7.../H...V.02232....1/.000/0....1...00.0.//./2.03|)!A.0';

/** Targets, comma-separated, in the same order (empty = removed). */
const TARGETS =
  "(,,),,',(,,),,,,\",.,u,\",A,A,A,A,A,E,E,E,I,N,O,O,U,U,U,U,Y,a,a,a,a,Ç,e,e,i,i,n,o,o,o,u,u,y,à,oe,',','";

let targets: string[] | undefined;

/**
 * The targets indexed by `codeUnit & 0x1ff`: the 53 source code units (ASCII, Latin-1, ą, œ and
 * ‘ ’ “) fall on 53 distinct indices, so the rendering reads a target with one array access
 * (only for a code unit flagged `Flag.Platform` in the GSM table; packed-tables.test.ts checks
 * that no two sources share an index).
 */
export function platformTargets(): readonly string[] {
  if (targets === undefined) {
    const list = TARGETS.split(',');
    const t: string[] = new Array(0x200).fill('');
    let c = 0;
    let i = 0;
    for (const gap of unpack(PLATFORM_CODES)) {
      c += gap;
      t[c & 0x1ff] = list[i++]!;
    }
    targets = t;
  }
  return targets;
}

/** What the platform delivers for a code unit, or undefined when it replaces nothing there. */
export function platformTarget(codeUnit: number): string | undefined {
  let c = 0;
  for (const gap of unpack(PLATFORM_CODES)) {
    c += gap;
    if (c === codeUnit) return platformTargets()[c & 0x1ff];
  }
  return undefined;
}
