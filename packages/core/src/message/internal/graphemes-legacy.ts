/**
 * Grapheme boundaries exactly as the reference calculator sees them. Twilio's
 * `sms-segments-calculator` 1.3.0 segments with grapheme-splitter 1.0.4, which implements UAX #29
 * of Unicode 10 (2017): emoji classes E_Base, E_Modifier, Glue_After_Zwj, E_Base_GAZ instead of
 * today's Extended_Pictographic rules, no Indic conjunct rule, and a few quirks of its own in how
 * it looks back over a cluster (after a flag, after an Extend). Generic mode reproduces them so
 * that its counts equal the reference's; SMS Partner mode uses today's rules (graphemes.ts).
 *
 * Code points assigned after Unicode 10 are classified with today's data (the one divergence).
 */
import { fillRanges } from './packed.js';
import { cpAt, cpStartBefore } from './unicode.js';

// Unicode 10 Grapheme_Cluster_Break values (the numbering is ours, and CLASS_RANGES uses it). CR and LF are Controls
// here: the only rule that tells them apart, CR × LF, is undone by the reference (it splits CR LF).
enum G {
  CONTROL = 2,
  EXTEND = 3,
  RI = 4,
  SPACING = 5,
  L = 6,
  V = 7,
  T = 8,
  LV = 9,
  LVT = 10,
  OTHER = 11,
  PREPEND = 12,
  E_BASE = 13,
  E_MODIFIER = 14,
  ZWJ = 15,
  GAZ = 16,
  EBG = 17,
}

/**
 * Unicode 10 classes of the code points below U+20000 that the rules single out, packed (see
 * packed.ts) in sections applied in order: Other for U+0000..U+02FF and U+1F000..U+1FAFF (the
 * emoji blocks, where no Extend or Control exists), then the Controls below U+0100, Extend
 * U+0300..U+036F, ZWJ, Prepend (Unicode 15), Hangul L, V and T, and the emoji properties of
 * GraphemeBreakProperty-10.0.0.txt: Regional_Indicator, E_Base, E_Modifier, Glue_After_Zwj,
 * E_Base_GAZ. Everything else is classified from RegExp property escapes (current Unicode).
 */
const CLASS_RANGES =
  'KB@,K!>3S!,kBC@_!``M@CA,L!pOA$"O@LO8XE#Z@q@&FA!Q@1|@! >L@O@#wA>Y@A@#{@!JE+G@\'B@FB"%E!`3)i\\GB"&f!H9$lVHB"\'o!X9#npDA!?\'MYM_$:w@#^@PC!:/F@|BB@BB!vABJ]@AHC@DBABb@#LAD@U@DA"pBCD!T@PBI@K@)TDAAF@IICA"TLNA!?/jDPT$;[@A@!SA!r@!\\@!:+n@u@t@_@P@C@!C@A@"_@oA!k@D@"}@"Y@Q@QA!?1WC';

let classes: Uint8Array | undefined;
let propertyRe: RegExp | undefined;

/** Unicode 10 Grapheme_Cluster_Break class of a code point, as grapheme-splitter 1.0.4 has it. */
function legacyClass(cp: number): number {
  if (classes === undefined) {
    const t = fillRanges(new Uint8Array(0x20000), CLASS_RANGES);
    for (let c = 0xac00; c <= 0xd7a3; c++) t[c] = (c - 0xac00) % 28 === 0 ? G.LV : G.LVT;
    classes = t;
  }
  const known = classes[cp];
  if (known) return known;
  // Grapheme_Extend; spacing marks (General_Category Mc, plus the Thai and Lao AM vowels);
  // controls (Cc, Cf but ZWNJ, which is Grapheme_Extend, ZWJ and Prepend, Zl, Zp, lone surrogates).
  propertyRe ??= /(\p{Grapheme_Extend})|([\p{Mc}\u0e33\u0eb3])|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
  const m = propertyRe.exec(String.fromCodePoint(cp));
  // Cached below U+20000 (a typed array ignores writes past its end).
  const c = m === null ? G.OTHER : m[1] ? G.EXTEND : m[2] ? G.SPACING : G.CONTROL;
  classes[cp] = c;
  return c;
}

function allEqual(all: number[], from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (all[i] !== value) return false;
  return true;
}

/**
 * Whether grapheme-splitter 1.0.4 breaks before the last class of `all`, `all` holding the
 * classes of the current cluster (from its first code point) followed by the next one. Same
 * rules, in the same order, as its `shouldBreak`.
 */
function breaksBefore(all: number[]): boolean {
  const n = all.length;
  const start = all[0]!;
  const prev = all[n - 2]!;
  const next = all[n - 1]!;
  // Look-ahead ends of GB10 and GB12/13, checked first.
  const em = all.lastIndexOf(G.E_MODIFIER);
  if (
    em > 1 &&
    allEqual(all, 1, em, G.EXTEND) &&
    start !== G.EXTEND &&
    start !== G.E_BASE &&
    start !== G.EBG
  ) {
    return true;
  }
  const ri = all.lastIndexOf(G.RI);
  if (ri > 0 && allEqual(all, 1, ri, G.RI) && prev !== G.PREPEND && prev !== G.RI) return true;
  if (prev === G.CONTROL || next === G.CONTROL) return true; // GB4, GB5
  if (prev === G.L && (next === G.L || next === G.V || next === G.LV || next === G.LVT))
    return false;
  if ((prev === G.LV || prev === G.V) && (next === G.V || next === G.T)) return false;
  if ((prev === G.LVT || prev === G.T) && next === G.T) return false;
  if (next === G.EXTEND || next === G.ZWJ || next === G.SPACING) return false; // GB9, GB9a
  if (prev === G.PREPEND) return false; // GB9b
  // GB10, looking behind the last Extend of the cluster only.
  const last = all.indexOf(G.EXTEND) !== -1 ? all.lastIndexOf(G.EXTEND) - 1 : n - 2;
  const base = all[last];
  if (
    (base === G.E_BASE || base === G.EBG) &&
    allEqual(all, last + 1, n - 1, G.EXTEND) &&
    next === G.E_MODIFIER
  ) {
    return false;
  }
  if (prev === G.ZWJ && (next === G.GAZ || next === G.EBG)) return false; // GB11
  const firstRi = all.indexOf(G.RI, 1);
  if (firstRi !== -1 && firstRi < n - 1) return true; // GB12/13: a pair is complete
  if (prev === G.RI && next === G.RI) return false;
  return true;
}

/**
 * A position where a break is certain whatever the cluster before holds: next to a control, or
 * before a character that joins nothing. True for grapheme-splitter (`legacy`) and, with two more
 * exclusions (after ZWJ, Indic letters of the conjunct rule GB9c), for current Unicode.
 */
export function certainBreak(text: string, p: number, legacy: boolean): boolean {
  const ycp = cpAt(text, p);
  const y = legacyClass(ycp);
  const x = legacyClass(cpAt(text, cpStartBefore(text, p)));
  if (x === G.CONTROL || y === G.CONTROL) return true;
  if (x === G.PREPEND || (!legacy && (x === G.ZWJ || (ycp >= 0x900 && ycp <= 0xdff)))) return false;
  if (y === G.OTHER || y === G.E_BASE) return true;
  return (y === G.GAZ || y === G.EBG) && x !== G.ZWJ;
}

/**
 * Whether the reference calculator has a grapheme boundary at `p` (0 < p < text.length, not
 * inside a surrogate pair). CR LF counts as a boundary: the reference splits that cluster.
 */
export function legacyBreak(text: string, p: number): boolean {
  if (certainBreak(text, p, true)) return true;
  let q = cpStartBefore(text, p);
  while (q > 0 && !certainBreak(text, q, true)) q = cpStartBefore(text, q);
  // Replay the clusters from q, a boundary, up to p.
  const all = [legacyClass(cpAt(text, q))];
  let i = q + (cpAt(text, q) > 0xffff ? 2 : 1);
  while (i <= p) {
    const cp = cpAt(text, i);
    all.push(legacyClass(cp));
    const brk = breaksBefore(all);
    if (i === p) return brk;
    if (brk) all.splice(0, all.length - 1);
    i += cp > 0xffff ? 2 : 1;
  }
  return true;
}
