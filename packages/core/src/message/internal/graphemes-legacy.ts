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
import {
  CONTROL,
  cpAt,
  cpStartBefore,
  EXTEND,
  hangul,
  isControl,
  isGraphemeExtend,
  isSpacingMark,
  kind,
  PREPEND,
  RI,
  UNKNOWN,
  ZWJ,
} from './unicode.js';

// Unicode 10 Grapheme_Cluster_Break values (the numbering is ours).
const G_CR = 0;
const G_LF = 1;
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
 * Unicode 10 emoji break properties (GraphemeBreakProperty-10.0.0.txt), as ranges: each pair of
 * code points is first..last.
 */
/** E_Base. */
const E_BASE =
  '☝☝⛹⛹✊✍🎅🎅🏂🏄🏇🏇🏊🏌👂👃👆👐👮👮👰👸👼👼💁💃💅💇💪💪🕴🕵🕺🕺🖐🖐🖕🖖🙅🙇🙋🙏🚣🚣🚴🚶🛀🛀🛌🛌🤘🤜🤞🤟🤦🤦🤰🤹🤽🤾🧑🧝';
/** Glue_After_Zwj. */
const GLUE_AFTER_ZWJ = '♀♀♂♂⚕⚖✈✈❤❤🌈🌈🌾🌾🍳🍳🎓🎓🎤🎤🎨🎨🏫🏫🏭🏭💋💋💻💼🔧🔧🔬🔬🗨🗨🚀🚀🚒🚒';

function inRanges(ranges: string, cp: number): boolean {
  for (let i = 0; i < ranges.length; ) {
    const a = ranges.codePointAt(i)!;
    i += a > 0xffff ? 2 : 1;
    const b = ranges.codePointAt(i)!;
    i += b > 0xffff ? 2 : 1;
    if (cp >= a && cp <= b) return true;
  }
  return false;
}

function legacyClass(cp: number): number {
  if (cp === 13) return G_CR;
  if (cp === 10) return G_LF;
  if (cp >= 0x1f466 && cp <= 0x1f469) return G_EBG;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return G_E_MODIFIER;
  if (cp >= 0x2600 && cp <= 0x1f9ff) {
    if (inRanges(E_BASE, cp)) return G_E_BASE;
    if (inRanges(GLUE_AFTER_ZWJ, cp)) return G_GAZ;
  }
  const k = kind(cp);
  if (k === CONTROL) return G_CONTROL;
  if (k === EXTEND) return G_EXTEND;
  if (k === ZWJ) return G_ZWJ;
  if (k === RI) return G_RI;
  if (k !== UNKNOWN) return G_OTHER;
  if (PREPEND.includes(cp)) return G_PREPEND;
  const h = hangul(cp);
  if (h !== 0) return G_L + h - 1;
  if (isGraphemeExtend(cp)) return G_EXTEND;
  if (isSpacingMark(cp)) return G_SPACING;
  return isControl(cp) ? G_CONTROL : G_OTHER;
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
  if (prev === G_CR && next === G_LF) return false; // GB3
  if (prev === G_CONTROL || prev === G_CR || prev === G_LF) return true; // GB4
  if (next === G_CONTROL || next === G_CR || next === G_LF) return true; // GB5
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
 * A position where grapheme-splitter breaks whatever the cluster before holds: next to a
 * control, or before a character that joins nothing (not after Prepend or ZWJ).
 */
function certain(text: string, p: number): boolean {
  const y = legacyClass(cpAt(text, p));
  const x = legacyClass(cpAt(text, cpStartBefore(text, p)));
  if (x === G_CONTROL || x === G_CR || x === G_LF) return true;
  if (y === G_CONTROL || y === G_CR || y === G_LF) return true;
  if (x === G_PREPEND) return false;
  if (y === G_OTHER || y === G_E_BASE) return true;
  return (y === G_GAZ || y === G_EBG) && x !== G_ZWJ;
}

/**
 * Whether the reference calculator has a grapheme boundary at `p` (0 < p < text.length, not
 * inside a surrogate pair). CR LF counts as a boundary: the reference splits that cluster.
 */
export function legacyBreak(text: string, p: number): boolean {
  if (certain(text, p)) return true;
  let q = cpStartBefore(text, p);
  while (q > 0 && !certain(text, q)) q = cpStartBefore(text, q);
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
