/**
 * The packed strings of gsm-table.ts, platform-table.ts and graphemes-legacy.ts against their
 * readable sources in scripts/message-tables.mjs: equal to what the generator produces, decoded
 * back by packed.ts into the readable data, and the readable data checked against independent
 * facts (GSM 03.38 counts, grapheme-splitter 1.0.4's behaviour).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import GraphemeSplitter from 'grapheme-splitter';
import { describe, expect, it } from 'vitest';
import {
  CLASS_KINDS,
  FILES,
  FLAG,
  G,
  GSM_BASIC_NON_ASCII,
  GSM_EXTENSION,
  GSM_KINDS,
  generate,
  gsmValues,
  literal,
  packNumbers,
  packRuns,
  parseRanges,
  platformRows,
  readCommitted,
  readConstant,
  UNICODE10_SECTIONS,
  unicode10Classes,
} from '../../../scripts/message-tables.mjs';
import { numRuns } from '../../../test/fc.js';
import {
  OLD_CLASS_RANGES,
  OLD_G,
  OLD_PLATFORM_CODES,
  OLD_VALUES,
  oldFillRanges,
  oldUnpack,
} from '../../../test/fixtures/message/packed-tables-v1.js';
import { Flag, gsmTable, QUOTES } from './gsm-table.js';
import { fillRuns, unpack } from './packed.js';
import { PLATFORM_CODES, platformTarget, platformTargets } from './platform-table.js';

const coreRoot = new URL('../../../', import.meta.url);
const committed = readCommitted();
const generated = generate();

describe('committed packed strings', () => {
  it.each(Object.keys(FILES) as (keyof typeof FILES)[])(
    '%s equals the generated string',
    (name) => {
      expect(committed[name]).toBe(generated[name]);
    },
  );

  it('are read from the constants the module uses', () => {
    expect(committed.PLATFORM_CODES).toBe(PLATFORM_CODES);
  });

  it('are printable ASCII', () => {
    for (const name of ['VALUES', 'PLATFORM_CODES', 'CLASS_RANGES'] as const) {
      expect(committed[name]).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('are read back from a literal as the generator prints it', () => {
    for (const s of Object.values(generated)) {
      expect(readConstant(`const X =\n  ${literal(s)};`, 'X')).toBe(s);
    }
  });
});

describe('decoding round trip', () => {
  it('gsmTable() is the readable GSM-7 data plus the platform flag of each replacement row and the quote flag', () => {
    const expected = gsmValues();
    for (const { source } of platformRows()) expected[source.charCodeAt(0)]! |= FLAG.Platform;
    for (const q of '“”„‟‚‛') expected[q.charCodeAt(0)]! |= Flag.Quote;
    expect(Buffer.from(gsmTable()).equals(Buffer.from(expected))).toBe(true);
    expect({ Wire: Flag.Wire, Platform: Flag.Platform }).toEqual(FLAG);
  });

  it('platformTarget() gives exactly the 53 readable rows', () => {
    const rows = new Map(platformRows().map((r) => [r.source.charCodeAt(0), r.target]));
    expect(rows.size).toBe(53);
    const mismatches: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (platformTarget(c) !== rows.get(c)) mismatches.push(c);
    expect(mismatches).toEqual([]);
  });

  it('platformTargets() holds each row at its code unit & 0x1ff, no two rows on one index', () => {
    const rows = platformRows();
    expect(new Set(rows.map((r) => r.source.charCodeAt(0) & 0x1ff)).size).toBe(rows.length);
    const targets = platformTargets();
    for (const r of rows) expect(targets[r.source.charCodeAt(0) & 0x1ff]).toBe(r.target);
    // render.ts keeps the strings of these characters and of the quotes by the same index.
    const chars = new Set([...rows.map((r) => r.source), ...QUOTES]);
    expect(new Set([...chars].map((c) => c.charCodeAt(0) & 0x1ff)).size).toBe(chars.size);
    expect(chars.size).toBe(58);
  });

  it('CLASS_RANGES decodes to the readable Unicode 10 sections', () => {
    const decoded = fillRuns(new Uint8Array(0x20000), committed.CLASS_RANGES, CLASS_KINDS);
    expect(Buffer.from(decoded).equals(Buffer.from(unicode10Classes()))).toBe(true);
  });

  it('the run encoding decodes to the tables of the first encoding, code point by code point', () => {
    // GSM values: the same numbers (1, 2, 5, 6) at every code unit.
    const gsmNew = fillRuns(new Uint8Array(0x10000), committed.VALUES, GSM_KINDS);
    const gsmOld = oldFillRanges(new Uint8Array(0x10000), OLD_VALUES);
    expect(Buffer.from(gsmNew).equals(Buffer.from(gsmOld))).toBe(true);
    expect(unpack(committed.PLATFORM_CODES)).toEqual(oldUnpack(OLD_PLATFORM_CODES));
    // Classes: renumbered, so compared by name; Other everywhere else in both.
    const name = (numbers: Record<string, number>) =>
      new Map(Object.entries(numbers).map(([k, v]) => [v, k]));
    const newNames = name(G);
    const oldNames = name(OLD_G);
    const classNew = fillRuns(
      new Uint8Array(0x20000).fill(G.OTHER!),
      committed.CLASS_RANGES,
      CLASS_KINDS,
    );
    const classOld = oldFillRanges(new Uint8Array(0x20000).fill(OLD_G.OTHER!), OLD_CLASS_RANGES);
    const mismatches: number[] = [];
    for (let c = 0; c < 0x20000; c++) {
      if (newNames.get(classNew[c]!) !== oldNames.get(classOld[c]!)) mismatches.push(c);
    }
    expect(mismatches).toEqual([]);
    expect(classOld.filter((v) => v !== OLD_G.OTHER).length).toBe(4612);
  });

  it('CLASS_KINDS covers exactly the stored classes', () => {
    const stored = new Set(UNICODE10_SECTIONS.map(([n]) => G[n]));
    expect([...stored].sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: CLASS_KINDS }, (_, i) => i + 1),
    );
  });

  it('class numbers are those of enum G in graphemes-legacy.ts', () => {
    const source = readFileSync(new URL(FILES.CLASS_RANGES, coreRoot), 'utf8');
    const body = /enum G \{([^}]*)\}/.exec(source)?.[1] ?? '';
    const inSource = Object.fromEntries(
      [...body.matchAll(/(\w+) = (\d+)/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(inSource).toEqual(G);
  });

  it('packNumbers is undone by unpack, for any list of integers', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), (list) => {
        const packed = packNumbers(list);
        expect(packed).toMatch(/^[\x20-\x7e]*$/);
        expect(unpack(packed)).toEqual(list);
      }),
      { numRuns },
    );
  });

  it('packRuns is undone by fillRuns, for any runs', () => {
    const kinds = 13;
    const run = fc.tuple(
      fc.nat({ max: 300 }),
      fc.nat({ max: 200 }),
      fc.integer({ min: 1, max: kinds }),
    );
    fc.assert(
      fc.property(fc.array(run, { maxLength: 30 }), (raw) => {
        const runs: [number, number, number][] = [];
        let at = 0;
        for (const [gap, length, value] of raw) {
          runs.push([at + gap, at + gap + length + 1, value]);
          at += gap + length + 1;
        }
        const expected = new Uint8Array(at + 10);
        for (const [from, to, value] of runs) expected.fill(value, from, to);
        const decoded = fillRuns(new Uint8Array(at + 10), packRuns(runs, kinds), kinds);
        expect(decoded.join()).toBe(expected.join());
      }),
      { numRuns },
    );
  });
});

describe('readable data against independent facts', () => {
  it('GSM 03.38: 127 default-alphabet characters (128 septets, one is the escape), 10 extension', () => {
    const values = gsmValues();
    const count = (v: number) => values.filter((x) => (x & 3) === v).length;
    expect(count(1)).toBe(127);
    expect(count(2)).toBe(10);
    expect(new Set(GSM_BASIC_NON_ASCII).size).toBe(GSM_BASIC_NON_ASCII.length);
    expect(new Set(GSM_EXTENSION).size).toBe(10);
  });

  it('emoji classes of U+2600..U+27BF and U+1F000..U+1FAFF behave as in grapheme-splitter 1.0.4', () => {
    const splitter = new GraphemeSplitter();
    const one = (s: string) => splitter.countGraphemes(s) === 1;
    const classes = unicode10Classes();
    const mismatches: string[] = [];
    for (const [from, to] of [
      [0x2600, 0x27c0],
      [0x1f000, 0x1fb00],
    ] as const) {
      for (let c = from; c < to; c++) {
        const k = classes[c] || G.OTHER;
        const ch = String.fromCodePoint(c);
        const expected = [
          k === G.E_BASE || k === G.EBG, // E_Base × E_Modifier
          k === G.E_MODIFIER, // 👍 × E_Modifier
          k === G.GAZ || k === G.EBG, // ZWJ × Glue_After_Zwj
          k === G.RI, // RI × RI
        ];
        const actual = [
          one(`${ch}\u{1f3fb}`),
          one(`\u{1f44d}${ch}`),
          one(`\u200d${ch}`),
          one(ch + ch),
        ];
        if (expected.join() !== actual.join()) mismatches.push(c.toString(16));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('Control, Extend, ZWJ and Hangul jamo sections behave as in grapheme-splitter 1.0.4', () => {
    const splitter = new GraphemeSplitter();
    const count = (s: string) => splitter.countGraphemes(s);
    const probe: Record<string, (ch: string) => boolean> = {
      CONTROL: (ch) => count(`a${ch}\u0301`) === 3,
      EXTEND: (ch) => count(`a${ch}`) === 1,
      ZWJ: (ch) => count(`a${ch}`) === 1,
      L: (ch) => count(`${ch}\u1161`) === 1,
      V: (ch) => count(`\u1100${ch}`) === 1,
      T: (ch) => count(`\uac00${ch}`) === 1,
    };
    const mismatches: string[] = [];
    for (const [name, ranges] of UNICODE10_SECTIONS) {
      const ok = probe[name];
      if (ok === undefined) continue;
      for (const [from, to] of parseRanges(ranges)) {
        for (let c = from; c < to; c++)
          if (!ok(String.fromCodePoint(c))) mismatches.push(`${name} ${c.toString(16)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
