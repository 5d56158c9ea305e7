/**
 * Generates the packed ASCII tables of `src/message/internal` from the readable data below.
 *
 *   node scripts/message-tables.mjs           print each packed string as a TypeScript literal
 *   node scripts/message-tables.mjs --check   exit 1 if a string committed in src/ differs
 *
 * (run from packages/core; Node >= 20, no dependencies). `src/message/internal/packed-tables.test.ts`
 * imports this file and runs the same check, plus a decode round trip, in the test suite.
 *
 * Packing (decoded by `src/message/internal/packed.ts`): a list of non-negative integers, each
 * written in base 32 with digits U+0020..U+003F except its last digit, written in base 63 with
 * digits U+0040..U+007E. A range table is a list of sections: value, number of ranges, then for
 * each range its distance from the end of the previous range of the section (from 0 for the
 * first) and its length minus one; later sections overwrite earlier ones.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Data 1: GSM 03.38 (3GPP TS 23.038 §6.2.1 and §6.2.1.1). Facts from the standard.

/**
 * Default-alphabet characters outside ASCII. The ASCII part of the default alphabet is printable
 * ASCII except the backtick and the extension characters, plus LF and CR.
 */
export const GSM_BASIC_NON_ASCII = '£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà';

/** Extension table (escape septet plus one): form feed and `^ { } \ [ ~ ] | €`. */
export const GSM_EXTENSION = '\f^{}\\[~]|€';

/**
 * Characters rewritten in SMS Partner's wire syntax (`:br:`, `:euro:`, and the `:` of a token),
 * marked with the Flag.Wire bit (4) of gsm-table.ts.
 */
export const WIRE_CHARACTERS = '\n\r:€';

/** Flag bits of the lookup table; must equal `enum Flag` in gsm-table.ts. */
export const FLAG = { Wire: 4, Platform: 8 };

// ---------------------------------------------------------------------------------------------
// Data 2: SMS Partner's "Caractères spéciaux" table (platform replacements when Unicode is off).

/**
 * The 53 rows in published order, `source → target` (∅ = removed). Source: the docpartner docs
 * draft (`toodiz/docpartner`, `pages/docs/SMS/envoyer-des-sms/envois_smsp4.md`, built page
 * `tablecaractere`), transcribed in spec/smspartner-gaps.md §3.1; the FR and EN copies agree.
 *
 * The quote rows (published 2, 18, 47, 48, 52, 53) print typographic quotes ‘ “ as targets. GSM-7
 * cannot encode those, and the page came from a WordPress site whose "smart quotes" filter turns
 * a lone ' into ‘ and " into “ when rendering, so the targets below are ASCII ' and ". Row 48
 * (“ → ') is kept as published although " would be more natural.
 */
// biome-ignore format: nine rows a line, numbered as published
export const PLATFORM_ROWS = [
  'ą → à', "’ → '", 'ÿ → y', 'ç → Ç', 'û → u', 'ü → u', 'ï → i', 'ô → o', 'ö → o', // 1-9
  'ó → o', 'î → i', 'ë → e', 'ê → e', '[ → (', '] → )', '{ → (', '} → )', "` → '", // 10-18
  'µ → u', 'Ä → A', 'À → A', 'Á → A', 'Â → A', 'Ã → A', 'È → E', 'Ê → E', 'Ë → E', // 19-27
  'Î → I', 'Ü → U', 'Ù → U', 'Ú → U', 'Û → U', 'Ý → Y', 'ä → a', 'á → a', 'â → a', // 28-36
  'ã → a', 'Ö → O', 'Ô → O', 'œ → oe', '^ → ∅', '~ → ∅', '| → ∅', '\\ → ∅', '¨ → ∅', // 37-45
  '° → .', "‘ → '", "“ → '", 'ñ → n', 'Ñ → N', '§ → ∅', '« → "', '» → "', // 46-53
];

// ---------------------------------------------------------------------------------------------
// Data 3: Unicode 10 grapheme classes (graphemes-legacy.ts).

/**
 * Class numbers; names and numbers must equal `enum G` in graphemes-legacy.ts (the numbering is
 * the module's own). Unicode names: Control, Extend, Regional_Indicator, SpacingMark, L, V, T, LV,
 * LVT, Other, Prepend, E_Base, E_Modifier, ZWJ, Glue_After_Zwj, E_Base_GAZ.
 */
export const G = {
  CONTROL: 2,
  EXTEND: 3,
  RI: 4,
  SPACING: 5,
  L: 6,
  V: 7,
  T: 8,
  LV: 9,
  LVT: 10,
  OTHER: 11,
  PREPEND: 12,
  E_BASE: 13,
  E_MODIFIER: 14,
  ZWJ: 15,
  GAZ: 16,
  EBG: 17,
};

/**
 * Grapheme_Cluster_Break classes of the code points below U+20000 that the module does not derive
 * from RegExp property escapes, as sections applied in order (hexadecimal code points, `a..b`
 * inclusive). They reproduce the data of grapheme-splitter 1.0.4 (MIT licence, by Orlin Georgiev)
 * as used by Twilio's sms-segments-calculator 1.3.0, i.e. GraphemeBreakProperty-10.0.0.txt of the
 * Unicode Character Database (Unicode 10, 2017): facts and data, no code. The one deliberate
 * divergence is PREPEND, which lists today's (Unicode 15) Prepend characters, as the module says.
 * Hangul syllables (LV, LVT) are computed by the module, not stored.
 */
export const UNICODE10_SECTIONS = [
  // Reset: the emoji blocks hold no Extend or Control, so nothing there needs the RegExp fallback.
  ['OTHER', '0000..02FF 1F000..1FAFF'],
  ['CONTROL', '0000..001F 007F..009F 00AD'],
  ['EXTEND', '0300..036F'],
  ['ZWJ', '200D'],
  [
    'PREPEND',
    '0600..0605 06DD 070F 0890..0891 08E2 0D4E 110BD 110CD 111C2..111C3 1193F 11941 11A3A ' +
      '11A84..11A89 11D46 11F02',
  ],
  ['L', '1100..115F A960..A97C'],
  ['V', '1160..11A7 D7B0..D7C6'],
  ['T', '11A8..11FF D7CB..D7FB'],
  ['RI', '1F1E6..1F1FF'],
  [
    'E_BASE',
    '261D 26F9 270A..270D 1F385 1F3C2..1F3C4 1F3C7 1F3CA..1F3CC 1F442..1F443 1F446..1F450 ' +
      '1F46E 1F470..1F478 1F47C 1F481..1F483 1F485..1F487 1F4AA 1F574..1F575 1F57A 1F590 ' +
      '1F595..1F596 1F645..1F647 1F64B..1F64F 1F6A3 1F6B4..1F6B6 1F6C0 1F6CC 1F918..1F91C ' +
      '1F91E..1F91F 1F926 1F930..1F939 1F93D..1F93E 1F9D1..1F9DD',
  ],
  ['E_MODIFIER', '1F3FB..1F3FF'],
  [
    'GAZ',
    '2640 2642 2695..2696 2708 2764 1F308 1F33E 1F373 1F393 1F3A4 1F3A8 1F3EB 1F3ED 1F48B ' +
      '1F4BB..1F4BC 1F527 1F52C 1F5E8 1F680 1F692',
  ],
  ['EBG', '1F466..1F469'],
];

// ---------------------------------------------------------------------------------------------
// Packing.

/** One integer: base-32 digits U+0020..U+003F, then a last base-63 digit U+0040..U+007E. */
export function packNumber(n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot pack ${n}`);
  let s = String.fromCharCode(0x40 + (n % 63));
  for (let rest = Math.floor(n / 63); rest > 0; rest = Math.floor(rest / 32)) {
    s = String.fromCharCode(0x20 + (rest % 32)) + s;
  }
  return s;
}

/** A list of integers. */
export function packNumbers(list) {
  return list.map(packNumber).join('');
}

/** Sections `[value, [[from, toExclusive], ...]]`, ranges ascending and disjoint per section. */
export function packSections(sections) {
  const out = [];
  for (const [value, ranges] of sections) {
    out.push(value, ranges.length);
    let at = 0;
    for (const [from, to] of ranges) {
      if (from < at || to <= from) throw new RangeError(`range ${from}..${to} after ${at}`);
      out.push(from - at, to - from - 1);
      at = to;
    }
  }
  return packNumbers(out);
}

/** Ascending code points (duplicates allowed) to maximal `[from, toExclusive]` runs. */
export function runs(codePoints) {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const out = [];
  for (const c of sorted) {
    const last = out.at(-1);
    if (last !== undefined && last[1] === c) last[1]++;
    else out.push([c, c + 1]);
  }
  return out;
}

/** `'0041..005A 0061'` to `[[0x41, 0x5b], [0x61, 0x62]]`. */
export function parseRanges(text) {
  return text.split(' ').map((r) => {
    const [a, b = a] = r.split('..');
    return [Number.parseInt(a, 16), Number.parseInt(b, 16) + 1];
  });
}

// ---------------------------------------------------------------------------------------------
// The tables.

/** GSM-7 lookup values by UTF-16 code unit, without the Platform flag: 1 or 2 septets, + Wire. */
export function gsmValues() {
  const t = new Uint8Array(0x10000);
  t.fill(1, 0x20, 0x7f);
  t[0x60] = 0; // the backtick is not GSM-7
  t[0x0a] = t[0x0d] = 1;
  for (const c of GSM_BASIC_NON_ASCII) t[c.charCodeAt(0)] = 1;
  for (const c of GSM_EXTENSION) t[c.charCodeAt(0)] = 2;
  for (const c of WIRE_CHARACTERS) t[c.charCodeAt(0)] |= FLAG.Wire;
  return t;
}

/** Platform rows parsed: `{ row, source, target }` in published order (target '' = removed). */
export function platformRows() {
  return PLATFORM_ROWS.map((text, i) => {
    const [source, target] = text.split(' → ');
    if (source === undefined || target === undefined || source.length !== 1 || target === '') {
      throw new Error(`platform row ${i + 1}: ${text}`);
    }
    return { row: i + 1, source, target: target === '∅' ? '' : target };
  });
}

/** Class table (0 = left to the RegExp fallback) by code point below U+20000. */
export function unicode10Classes() {
  const t = new Uint8Array(0x20000);
  for (const [name, ranges] of UNICODE10_SECTIONS) {
    for (const [from, to] of parseRanges(ranges)) t.fill(G[name], from, to);
  }
  return t;
}

/** Every packed string, keyed by the constant that holds it. */
export function generate() {
  const gsm = gsmValues();
  const byValue = new Map();
  for (let c = 0; c < gsm.length; c++) {
    if (gsm[c]) byValue.set(gsm[c], [...(byValue.get(gsm[c]) ?? []), c]);
  }
  const values = [...byValue.keys()].sort((a, b) => a - b);
  const rows = platformRows().sort((a, b) => a.source.charCodeAt(0) - b.source.charCodeAt(0));
  if (rows.some((r) => r.target.includes(','))) throw new Error('a target contains a comma');
  return {
    VALUES: packSections(values.map((v) => [v, runs(byValue.get(v))])),
    PLATFORM_CODES: packNumbers(
      rows.map((r, i) => r.source.charCodeAt(0) - (rows[i - 1]?.source.charCodeAt(0) ?? 0)),
    ),
    TARGETS: rows.map((r) => r.target).join(','),
    CLASS_RANGES: packSections(UNICODE10_SECTIONS.map(([name, r]) => [G[name], parseRanges(r)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading and checking the committed strings.

const CORE = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where each constant lives, relative to packages/core. */
export const FILES = {
  VALUES: 'src/message/internal/gsm-table.ts',
  PLATFORM_CODES: 'src/message/internal/platform-table.ts',
  TARGETS: 'src/message/internal/platform-table.ts',
  CLASS_RANGES: 'src/message/internal/graphemes-legacy.ts',
};

/** The value of `const NAME = '...'` (or "...") in a source text; only \\ \' \" escapes occur. */
export function readConstant(source, name) {
  const m = new RegExp(
    `const ${name} =\\s*('(?:[^'\\\\\\n]|\\\\.)*'|"(?:[^"\\\\\\n]|\\\\.)*")`,
  ).exec(source);
  if (m === null) throw new Error(`no string constant ${name}`);
  return m[1].slice(1, -1).replace(/\\(.)/g, (_, c) => {
    if (!`'"\\`.includes(c)) throw new Error(`${name}: unexpected escape \\${c}`);
    return c;
  });
}

/** The strings as committed under packages/core (or `root`). */
export function readCommitted(root = CORE) {
  return Object.fromEntries(
    Object.entries(FILES).map(([name, file]) => [
      name,
      readConstant(readFileSync(join(root, file), 'utf8'), name),
    ]),
  );
}

/** A string as a TypeScript literal in the repo's quote style. */
export function literal(s) {
  const q = s.split("'").length > s.split('"').length ? '"' : "'";
  return q + s.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`) + q;
}

function main(argv) {
  const generated = generate();
  if (!argv.includes('--check')) {
    for (const [name, s] of Object.entries(generated)) {
      console.log(`// ${FILES[name]}\nconst ${name} =\n  ${literal(s)};\n`);
    }
    return 0;
  }
  const committed = readCommitted();
  let status = 0;
  for (const [name, s] of Object.entries(generated)) {
    if (committed[name] === s) continue;
    status = 1;
    console.error(`${FILES[name]}: ${name} differs from the generated string\n  ${literal(s)}`);
  }
  if (status === 0) console.log('message tables: up to date');
  return status;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv);
