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
 * Unicode 10 classes of every code point below U+20000 that is not Other, packed (see packed.ts;
 * readable source and generator: scripts/message-tables.mjs), as grapheme-splitter 1.0.4 has them.
 * Complete data rather than today's RegExp property escapes, so that the classes, and with them
 * the counts, do not change with the runtime's Unicode version.
 */
const CLASS_RANGES =
  'BN@_!``M@6D@"(y@! \\@BAXFqO7)y! _#=|@#sK7>bC"4cGC%B,L!p$WF$KlA@AAAAA@!IJpTP@!fFBEBAACc@^Z!\\JzHbCAHABADkB!yMA_w@A@DGD@CFJA]@z@A@BCH@I@JA]Ay@DADABBC@^AC@KAy@DDAAD@TAVEA@z@AAACH@HAJA^@{@A@L@I@h@}BEBACGAKA]@z@B@B@C@EAGAKA\\AyAA@BCH@I@JA!g@D@BBA@H@!R@BFLG!c@BEAAKE!KA[@A@A@wMADAAEJAcI@!gCAEAABAYADBPCM@BAF@O@+JB/AB]B]A^A!AAAFH@BJI@mB!xAb@!wBDAI@FB#^AB@z@AFA@A@BGFIB@pN!BCp@ADA@E@hHLA`CBAABx@AAC@ABzGBA"ZBALAFD@F@CA#IyAD(T@#F`!0nB"O@!a_(rE!jA.>rCAI`A!QA$T@C@D@YA"_AZQtGYJnBp@BCB@h@!DEBABAL@H@o@s@ABBAEAA@jAH@#q@B@D@*!q@+lOPO%sA)f@#e@"WD:`BAAEChBD@"gA4n@vNxBqCBA!FBdDAG~@LAtHKB!cBB@AAF@"b@CGUAz@A@A@V@NFCD#FGBBA@!j@BEA@B@AAAA#n@BCFAAA[A!VGB@AA!k@A@BEA@!fBBCAD+`EBAhEBCH@IEBBnLAA&\\FAEA@!SUBFAAAA!{EC@AAAFA@);cD{F1iC)9CA"4Z@ABDDHGBF^C"VB?ZvDqH@N@VDAN5eFAPBFAAAD!#HF!nFDA!?\'MYE"S!$g@w@BBHCAArA{AFABAv@zB!C@zBH@AAuA|@FABA!s@AACBABtB}C}Az@AAAABAAAvA{AEBABuA!MAFFSA!@@"A@"LA!@@"s@IAYAl@=N@GGAA%_CBBDAAE#cAz@A@UE"S@p@E@ADAA}@^@DAB@|@BBA@CApGHA"m@PAC@15`AB@!YArO"PAo@pADAAC!oABAX@"_@BAE@#pAAAAAA@,6i@A@"A@mBDA!t@!V@pBIA!lBCAA@"lB_A{@ACBABBTA#TBHAC@!lAF@AAA@B@#qAFCB@!rBHAA@!n@AAF@!jAD@+kAp@]A~@&]@N@!k@G@B@*/km,-t@F@FB"%E!`3)i\\GB"&f!H9$lVHB"\'o!X9#npLJ8XE#Z@q@\'Y@1|@! >L@$HA!"X@!LC+G@M_$:w@#^@PC!:/F@|BB@BB!vABJ]@AHC@DBABb@#LAD@U@DA"pBCD!T@PBI@K@)TDAAF@IICA"TLNA!?/jDOA$"O@PT$;[@A@!SA!r@!\\@!:+n@u@t@_@P@C@!C@A@"_@oA!k@D@"}@"Y@Q@QA!?1WC';

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
    const t = fillRanges(new Uint8Array(0x20000).fill(G.OTHER), CLASS_RANGES);
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
