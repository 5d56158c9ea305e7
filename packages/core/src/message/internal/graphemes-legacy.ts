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
import { cpAt, cpStartBefore, hangul, PREPEND, propertyClass } from './unicode.js';

// Unicode 10 Grapheme_Cluster_Break values (the numbering is ours). CR and LF are Controls
// here: the only rule that tells them apart, CR × LF, is undone by the reference (it splits CR LF).
const G_CONTROL = 2;
const G_EXTEND = 3;
const G_RI = 4;
const G_SPACING = 5;
const G_L = 6;
const G_V = 7;
const G_T = 8;
const G_LV = 9;
const G_LVT = 10;
const G_OTHER = 11;
const G_PREPEND = 12;
const G_E_BASE = 13;
const G_E_MODIFIER = 14;
const G_ZWJ = 15;
const G_GAZ = 16;
const G_EBG = 17;

/*
 * Unicode 10 emoji break properties (GraphemeBreakProperty-10.0.0.txt) as ranges: 3 hex digits
 * for the first code point (U+2600 + n below 0x200, U+1F000 + n - 0x200 above), 1 for the length.
 */
/** E_Base. */
const E_BASE =
  '01d00f9010a358505c225c705ca26421646a66e0670867c0681268526aa0774177a079007951845284b48a308b428c008cc0b184b1e1b260b309b3d1bd1c';
/** Glue_After_Zwj. */
const GLUE_AFTER_ZWJ =
  '04000420095110801640508053e0573059305a405a805eb05ed068b06bb1727072c07e8088008920';

let emojiClasses: Uint8Array | undefined;

/** Unicode 10 class of U+2600..U+27FF and U+1F000..U+1FAFF (G_OTHER if none), built on first use. */
function emojiClass(cp: number): number {
  if (emojiClasses === undefined) {
    const t = new Uint8Array(0xd00).fill(G_OTHER);
    const fill = (ranges: string, value: number) => {
      for (let i = 0; i < ranges.length; i += 4) {
        const a = Number.parseInt(ranges.slice(i, i + 3), 16);
        t.fill(value, a, a + Number.parseInt(ranges[i + 3]!, 16) + 1);
      }
    };
    fill(E_BASE, G_E_BASE);
    fill(GLUE_AFTER_ZWJ, G_GAZ);
    fill('6663', G_EBG); // U+1F466..U+1F469
    fill('5fb4', G_E_MODIFIER); // U+1F3FB..U+1F3FF
    fill('3e6f3f69', G_RI); // U+1F1E6..U+1F1FF
    emojiClasses = t;
  }
  return emojiClasses[cp < 0x10000 ? cp - 0x2600 : cp - 0x1f000 + 0x200]!;
}

function legacyClass(cp: number): number {
  if (cp < 0x300)
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad ? G_CONTROL : G_OTHER;
  if (cp < 0x370) return G_EXTEND;
  if ((cp >= 0x2600 && cp < 0x2800) || (cp >= 0x1f000 && cp < 0x1fb00)) {
    // Emoji blocks: no Extend or Control there, only the listed classes.
    const e = emojiClass(cp);
    if (e !== G_OTHER || cp >= 0x1f000) return e;
  }
  if (cp === 0x200d) return G_ZWJ;
  if (PREPEND.includes(cp)) return G_PREPEND;
  const h = hangul(cp);
  if (h !== 0) return G_L + h - 1;
  const u = propertyClass(cp); // 1 Extend, 2 spacing mark, 3 control, 0 other
  return u === 1 ? G_EXTEND : u === 2 ? G_SPACING : u === 3 ? G_CONTROL : G_OTHER;
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
  const em = all.lastIndexOf(G_E_MODIFIER);
  if (
    em > 1 &&
    allEqual(all, 1, em, G_EXTEND) &&
    start !== G_EXTEND &&
    start !== G_E_BASE &&
    start !== G_EBG
  ) {
    return true;
  }
  const ri = all.lastIndexOf(G_RI);
  if (ri > 0 && allEqual(all, 1, ri, G_RI) && prev !== G_PREPEND && prev !== G_RI) return true;
  if (prev === G_CONTROL || next === G_CONTROL) return true; // GB4, GB5
  if (prev === G_L && (next === G_L || next === G_V || next === G_LV || next === G_LVT))
    return false;
  if ((prev === G_LV || prev === G_V) && (next === G_V || next === G_T)) return false;
  if ((prev === G_LVT || prev === G_T) && next === G_T) return false;
  if (next === G_EXTEND || next === G_ZWJ || next === G_SPACING) return false; // GB9, GB9a
  if (prev === G_PREPEND) return false; // GB9b
  // GB10, looking behind the last Extend of the cluster only.
  const last = all.indexOf(G_EXTEND) !== -1 ? all.lastIndexOf(G_EXTEND) - 1 : n - 2;
  const base = all[last];
  if (
    (base === G_E_BASE || base === G_EBG) &&
    allEqual(all, last + 1, n - 1, G_EXTEND) &&
    next === G_E_MODIFIER
  ) {
    return false;
  }
  if (prev === G_ZWJ && (next === G_GAZ || next === G_EBG)) return false; // GB11
  const firstRi = all.indexOf(G_RI, 1);
  if (firstRi !== -1 && firstRi < n - 1) return true; // GB12/13: a pair is complete
  if (prev === G_RI && next === G_RI) return false;
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
  if (x === G_CONTROL || y === G_CONTROL) return true;
  if (x === G_PREPEND || (!legacy && (x === G_ZWJ || (ycp >= 0x900 && ycp <= 0xdff)))) return false;
  if (y === G_OTHER || y === G_E_BASE) return true;
  return (y === G_GAZ || y === G_EBG) && x !== G_ZWJ;
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
