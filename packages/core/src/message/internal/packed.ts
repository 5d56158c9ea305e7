/**
 * Compact data: lists of integers packed into printable ASCII, decoded on first use.
 *
 * Each integer is written in base 32 with digits U+0020..U+003F, except its last digit, in base
 * 63 with digits U+0040..U+007E (so a value below 63 is one character and the end of each integer
 * is visible). The strings are generated from the readable sources named next to each of them.
 */

/** Decodes a packed list of non-negative integers. */
export function unpack(packed: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < packed.length; i++) {
    const c = packed.charCodeAt(i);
    if (c < 64) n = n * 32 + c - 32;
    else {
      out.push(n * 63 + c - 64);
      n = 0;
    }
  }
  return out;
}

/**
 * Fills `table` from packed sections: each section is a value, a count of ranges, then per range
 * its distance from the end of the previous range of the section (from 0 for the first) and its
 * length minus one. Later sections overwrite earlier ones.
 */
export function fillRanges(table: Uint8Array, packed: string): Uint8Array {
  const d = unpack(packed);
  for (let i = 0; i < d.length; ) {
    const value = d[i++]!;
    let at = 0;
    for (let k = d[i++]!; k > 0; k--) {
      at += d[i++]!;
      const end = at + d[i++]! + 1;
      table.fill(value, at, end);
      at = end;
    }
  }
  return table;
}
