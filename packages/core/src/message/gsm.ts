/**
 * GSM 03.38 predicates.
 */
import { gsmTable } from './internal/gsm-table.js';

/**
 * Whether GSM-7 can encode `char` (one UTF-16 code unit): in the GSM 03.38 default alphabet or
 * its extension table. Note that `ç` (U+00E7) is not GSM-7 (only `Ç` is) and that `é è ù ì ò à`
 * are.
 *
 * @returns `false` for anything but a one-code-unit string in the tables.
 * @example
 * ```ts
 * isGsm7Char('é'); // true
 * isGsm7Char('ê'); // false
 * isGsm7Char('€'); // true (extension table: 2 septets)
 * ```
 */
export function isGsm7Char(char: string): boolean {
  return (
    typeof char === 'string' && char.length === 1 && (gsmTable()[char.charCodeAt(0)]! & 3) !== 0
  );
}
