/**
 * SMS Partner's published "Caractères spéciaux" table: 53 characters the platform replaces at
 * send time when Unicode is off. Source: docpartner docs draft (`envois_smsp4.md`, built page
 * `tablecaractere`), transcribed in spec/smspartner-gaps.md §3.1, in published order.
 *
 * The published targets of the quote rows are typographic quotes (‘ “), which GSM-7 cannot
 * encode; they are WordPress "smart quotes" applied to `'` and `"` when the page was rendered, so
 * the targets here are ASCII `'` (rows 2, 18, 47, 48) and `"` (rows 52, 53). Row 48 (“ → ') is
 * kept as published even though `"` would be more natural.
 */

/** Source characters, one per row (all BMP, one code unit each). */
export const PLATFORM_SOURCES = 'ą’ÿçûüïôöóîëê[]{}`µÄÀÁÂÃÈÊËÎÜÙÚÛÝäáâãÖÔœ^~|\\¨°‘“ñÑ§«»';

/** Targets, comma-separated, in the same order (empty = removed). */
const TARGETS =
  "à,',y,Ç,u,u,i,o,o,o,i,e,e,(,),(,),',u,A,A,A,A,A,E,E,E,I,U,U,U,U,Y,a,a,a,a,O,O,oe,,,,,,.,',',n,N,,\",\"";

let map: Map<number, string> | undefined;

/** What the platform delivers for a code unit of {@link PLATFORM_SOURCES}. */
export function platformTarget(codeUnit: number): string | undefined {
  if (map === undefined) {
    const targets = TARGETS.split(',');
    map = new Map();
    for (let i = 0; i < PLATFORM_SOURCES.length; i++) {
      map.set(PLATFORM_SOURCES.charCodeAt(i), targets[i]!);
    }
  }
  return map.get(codeUnit);
}
