// Types of message-tables.mjs, for the tests that import it.
export declare const GSM_BASIC_NON_ASCII: string;
export declare const GSM_EXTENSION: string;
export declare const WIRE_CHARACTERS: string;
export declare const FLAG: { Wire: number; Platform: number };
export declare const PLATFORM_ROWS: string[];
export declare const G: Record<string, number>;
export declare const CLASS_KINDS: number;
export declare const GSM_KINDS: number;
export declare const UNICODE10_SECTIONS: [name: string, ranges: string][];
export declare const FILES: Record<PackedName, string>;
export type PackedName = 'VALUES' | 'PLATFORM_CODES' | 'TARGETS' | 'CLASS_RANGES';
export declare function packNumber(n: number): string;
export declare function packNumbers(list: readonly number[]): string;
export declare function packRuns(
  runs: readonly (readonly [from: number, toExclusive: number, value: number])[],
  kinds: number,
): string;
export declare function tableRuns(
  table: Uint8Array,
): [from: number, toExclusive: number, value: number][];
export declare function parseRanges(text: string): [from: number, toExclusive: number][];
export declare function gsmValues(): Uint8Array;
export declare function platformRows(): { row: number; source: string; target: string }[];
export declare function unicode10Classes(): Uint8Array;
export declare function generate(): Record<PackedName, string>;
export declare function readConstant(source: string, name: string): string;
export declare function readCommitted(root?: string): Record<PackedName, string>;
export declare function literal(s: string): string;
