/**
 * Grapheme boundaries exactly as the reference calculator sees them. Twilio's
 * `sms-segments-calculator` 1.3.0 segments with grapheme-splitter 1.0.4, which implements UAX #29
 * of Unicode 10 (2017): emoji classes E_Base, E_Modifier, Glue_After_Zwj, E_Base_GAZ instead of
 * today's Extended_Pictographic rules, no Indic conjunct rule, and a few quirks of its own in how
 * it looks back over a cluster (after a flag, after an Extend). Generic mode reproduces them so
 * that its counts equal the reference's; SMS Partner mode uses today's rules (graphemes.ts).
 *
 * Code points assigned after Unicode 10 are Other, as in the reference.
 */
import { fillRuns } from './packed.js';
import { cpAt, cpStartBefore } from './unicode.js';

// Unicode 10 Grapheme_Cluster_Break values. The numbering is ours: the classes CLASS_RANGES
// stores come first (1..CLASS_KINDS), the most frequent first, which keeps the packed table small.
// CR and LF are Controls here: the only rule that tells them apart, CR × LF, is undone by the
// reference (it splits CR LF).
enum G {
  EXTEND = 1,
  SPACING = 2,
  E_BASE = 3,
  GAZ = 4,
  CONTROL = 5,
  PREPEND = 6,
  L = 7,
  V = 8,
  T = 9,
  RI = 10,
  E_MODIFIER = 11,
  ZWJ = 12,
  EBG = 13,
  OTHER = 14,
  LV = 15,
  LVT = 16,
}

/** Classes stored in CLASS_RANGES: 1..CLASS_KINDS. */
const CLASS_KINDS = 13;

/**
 * Unicode 10 classes of every code point below U+20000 that is not Other, packed (see packed.ts;
 * readable source and generator: scripts/message-tables.mjs), as grapheme-splitter 1.0.4 has them.
 * Complete data rather than today's RegExp property escapes, so that the classes, and with them
 * the counts, do not change with the runtime's Unicode version.
 */
const CLASS_RANGES =
  '-%/!;%<:1(H!%p#M|#A(2.-.:.:.-ft7!_.1[#>=-!A|-2.o/:.TN2.-K$;!7!_h!DOT.!D.G.bXG!T"4-2-$}-.d--.--.H-!7-U---;.|7:J--;f-.--;-T/;/;--6-7:J:-.f-.H-:1:/G0-K:0-8:-.f-.H-b.:-..;--A:Co.--;f-.:-.-T/;/;--5:7:K-i--.---;0H.H--6-U--HhG-U.G.T4:8:J--;f-..---;---;.--;.;-:4:8:I:-;e:.--;-T.H.H---25-7:K;t-1--;-G.-.}--?;k-..-|9!7!>-..-o.:8ox:H-.-.-1;_"4-.-b.:2!_.%`6-!BT-.-o.:-;-:D;-:1G=T:-..-:3-<-!>!#G-,T-!"2$FG,eGJGJ:K:n:-.-|-!8---;-!_6-ZG-1!R:O-!RG-U-:-H1;---p-G"g:-;--g.---.-|.-.-/!7-p-!Q/-^"AoT-.]--.-b-.---c---;S!D9:-.K.-T-;-:-.-Gf--.-:-H---.-G-;^!8-!7-;-:!uG.!y-.-|1-1;--/.-:"Q*9.b&R1---8->E!._"R!<%8!$I/O0.0!.=!>/;0.V!20!%VG!j-!<$}&ro!E:"( MT.!QM:~:#J-0-1-D;-:-.!4;`"O-:G"ib!7F!_-;9$[0G-.]--;-T-;---UQ-qo-;-:-;-:9-5--.[-a-.G/:2:.-V.-:-;2.--"x;---;---;..--,&E#`1(o1"#$](!g-*5"N="N"Z1!{:~!p&H-"n-!rb!)`G.:2TUG1-"0:!$6.---.c"AfG-.ZH-T-;-:/2pGQb-.-!7l-9:-.^H-!D-;.?3G!;H-G-;---.-:3-!}--H-!7B:-;f-.--.---U/;/H6-7;/|0b"KH-!7-;-G-.--!E--;-o-.---;---.-:-.-:"w--;-T/U-:-.-:H:!.H-!7-;---.-:!F--.---;-o-.--!AG-;-T-.-b){o-;-:Uo-.-2-T5-6o-;-GWY-!y-.-:%-.-|.o-.--!.#K..-|-.-:-.-:!Vo0-.:.|-2--!)%Pbi|! |(@=T!)#T:.X%%^--.-G0.-b-!;-!7/|KT!qG" P)d1(t5-;-Cb."A!$n|."[/|.:.b"#G|!I|"#=$7#B0c0b0>/:0=000FI///IK0.0:lp</!aBa1/.!F0/1I.I00K/==!F010u<1/B/1<!-0!8I0d^0>0=/=I6/8/(Ad.<3/6!S0<!o!{';

let classes: Uint8Array | undefined;

/** Unicode 10 Grapheme_Cluster_Break class of a code point, as grapheme-splitter 1.0.4 has it. */
function legacyClass(cp: number): number {
  if (cp >= 0x20000) {
    // Past the table, that data has classes only in the U+E0000 block: tags and variation
    // selectors extend, everything else there is a control.
    if (cp < 0xe0000 || cp >= 0xe1000) return G.OTHER;
    return (cp >= 0xe0020 && cp < 0xe0080) || (cp >= 0xe0100 && cp < 0xe01f0)
      ? G.EXTEND
      : G.CONTROL;
  }
  if (classes === undefined) {
    const t = fillRuns(new Uint8Array(0x20000).fill(G.OTHER), CLASS_RANGES, CLASS_KINDS);
    for (let c = 0xac00; c <= 0xd7a3; c++) t[c] = (c - 0xac00) % 28 === 0 ? G.LV : G.LVT;
    classes = t;
  }
  return classes[cp]!;
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
  const xcp = cpAt(text, cpStartBefore(text, p));
  const y = legacyClass(ycp);
  const x = legacyClass(xcp);
  if (x === G.CONTROL || y === G.CONTROL) return true;
  if (x === G.PREPEND) return false;
  if (!legacy && (x === G.ZWJ || (ycp >= 0x900 && ycp <= 0xdff) || joinsToday(xcp, ycp))) {
    return false;
  }
  if (y === G.OTHER || y === G.E_BASE) return true;
  return (y === G.GAZ || y === G.EBG) && x !== G.ZWJ;
}

let joinsRe: RegExp | undefined;

/**
 * For current Unicode, where the Unicode 10 table is out of date: a mark, a format character or a
 * grapheme extender today may join what comes before it, and a Prepend character added since
 * Unicode 10 joins what follows. Not certain then: the caller asks Intl.Segmenter.
 */
function joinsToday(xcp: number, ycp: number): boolean {
  joinsRe ??= /[\p{M}\p{Cf}\p{Grapheme_Extend}]/u;
  if (joinsRe.test(String.fromCodePoint(ycp))) return true;
  // Prepend characters of Unicode 11 to 15 (GraphemeBreakProperty.txt), absent from Unicode 10.
  return (
    xcp === 0x890 ||
    xcp === 0x891 ||
    xcp === 0x110cd ||
    xcp === 0x1193f ||
    xcp === 0x11941 ||
    (xcp >= 0x11a84 && xcp <= 0x11a89) ||
    xcp === 0x11f02
  );
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
