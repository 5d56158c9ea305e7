/**
 * Compact data: lists of integers packed into printable ASCII, decoded on first use.
 *
 * The digits are the 93 printable ASCII characters but `'` and `\` (so that a literal needs no
 * escape), in order. Each integer is written in base 12 with the first 12 digits (U+0020..U+002C
 * but `'`), except its last digit, in base 81 with the other 81 (so a value below 81 is one
 * character, and the end of each integer is visible). The strings are generated from the
 * readable sources in scripts/message-tables.mjs.
 */

/** Decodes a packed list of non-negative integers. */
export function unpack(packed: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < packed.length; i++) {
    const c = packed.charCodeAt(i);
    const d = c - (c > 92 ? 34 : c > 39 ? 33 : 32);
    if (d < 12) n = n * 12 + d;
    else {
      out.push(n * 81 + d - 12);
      n = 0;
    }
  }
  return out;
}

/**
 * Fills `table` from packed runs in ascending order: per run, its distance from the end of the
 * previous run (from 0 for the first), then `(length - 1) * kinds + value - 1`, the value being
 * one of 1..`kinds`. One stream for all values: neighbouring runs of different values (a mark
 * next to a spacing mark) then cost a distance of 0, which packs into fewer bytes than a section
 * per value.
 */
export function fillRuns(table: Uint8Array, packed: string, kinds: number): Uint8Array {
  const d = unpack(packed);
  for (let i = 0, at = 0; i < d.length; i += 2) {
    at += d[i]!;
    const x = d[i + 1]!;
    const end = at + ((x / kinds) | 0) + 1;
    table.fill((x % kinds) + 1, at, end);
    at = end;
  }
  return table;
}
