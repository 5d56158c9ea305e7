/**
 * Per-character explanation of a message's cost.
 */
import { analyzeInternal, originalIndex, type Trace } from './analyze.js';
import { gsmTable } from './internal/gsm-table.js';
import { deliveredOffsets } from './internal/render.js';
import type { AnalyzeMessageOptions, MessageAnalysis, MessageReplacement } from './types.js';

/** One grapheme of the input and what it costs. */
export interface CharacterExplanation {
  /** UTF-16 index in the input. */
  index: number;
  /** The grapheme as typed. */
  text: string;
  /** What the recipient gets for it (empty when removed). */
  delivered: string;
  /** Units it costs in the message's encoding (septets or UTF-16 units). */
  units: number;
  /** It contains a character outside GSM-7 (in auto mode: it makes the message UCS-2). */
  forcesUcs2: boolean;
  /** It costs 2 septets: a GSM-7 extension character (`^ { } [ ] ~ \ | €`, form feed). */
  extension: boolean;
  /** Why it does not arrive as typed, when it does not. */
  replacedBy: MessageReplacement['reason'] | undefined;
  /** Index (from 0) of the part it lands in; for a removed character, the part it would be in. */
  segment: number;
}

/** The result of {@link explainMessage}. */
export interface MessageExplanation {
  /** The same analysis as {@link analyzeMessage} returns. */
  analysis: MessageAnalysis;
  /** One entry per grapheme of the input (CR LF counts as two, as it costs two units). */
  characters: CharacterExplanation[];
}

let seg: Intl.Segmenter | null | undefined;

function graphemeStarts(text: string): number[] {
  seg ??=
    typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
      ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
      : null;
  const starts: number[] = [];
  if (seg !== null) {
    for (const s of seg.segment(text)) {
      starts.push(s.index);
      if (s.segment === '\r\n') starts.push(s.index + 1);
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      starts.push(i);
      if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
        i++;
    }
  }
  return starts;
}

/**
 * Explains, grapheme by grapheme, why a message costs what it costs: which characters force
 * UCS-2, which cost two septets, which are replaced (and by whom), and in which part each lands.
 * Takes the same options as {@link analyzeMessage} and returns its analysis too.
 *
 * @example
 * ```ts
 * const { characters } = explainMessage('Prix: 5€ 😀', { encoding: 'auto' });
 * characters.filter((c) => c.forcesUcs2).map((c) => c.text); // ['😀']
 * ```
 */
export function explainMessage(text: string, options?: AnalyzeMessageOptions): MessageExplanation {
  const cuts: number[] = [];
  const trace: Trace = { marks: [] };
  const analysis = analyzeInternal(text, options, cuts, trace);
  const t = gsmTable();
  const delivered = analysis.deliveredText;
  const bodyEnd = delivered.length - analysis.stopMention.length;
  // The delivered offset of every input code unit: from the rendering of the transliterated
  // text when there is one, each input index taken to its first transliterated index.
  const input = trace.input!;
  const pre = trace.pre!;
  const inner = deliveredOffsets(input, trace.marks);
  let offsets = inner;
  if (pre.length > 0) {
    offsets = [];
    for (let i = 0, j = 0; i < text.length; i++) {
      while (j < input.length && originalIndex(pre, j) < i) j++;
      offsets[i] = inner[j] ?? bodyEnd;
    }
  }
  const reasons = new Map<number, MessageReplacement['reason']>();
  for (const r of analysis.replacements) reasons.set(r.index, r.reason);
  const starts = graphemeStarts(text);
  const characters: CharacterExplanation[] = [];
  let part = 0;
  for (let g = 0; g < starts.length; g++) {
    const start = starts[g]!;
    const end = starts[g + 1] ?? text.length;
    const from = offsets[start] ?? 0;
    const to = end < text.length ? (offsets[end] ?? bodyEnd) : bodyEnd;
    const out = delivered.slice(from, Math.max(from, to));
    let units = 0;
    let extension = false;
    for (let i = 0; i < out.length; i++) {
      const v = t[out.charCodeAt(i)]! & 3;
      if (v === 2) extension = true;
      units += analysis.encoding === 'gsm7' ? v || 1 : 1;
    }
    if (analysis.encoding === 'ucs2') extension = false;
    let forcesUcs2 = false;
    let replacedBy: MessageReplacement['reason'] | undefined;
    for (let i = start; i < end; i++) {
      if ((t[text.charCodeAt(i)]! & 3) === 0) forcesUcs2 = true;
      replacedBy ??= reasons.get(i);
    }
    while (part < cuts.length && cuts[part]! <= from) part++;
    characters.push({
      index: start,
      text: text.slice(start, end),
      delivered: out,
      units,
      forcesUcs2,
      extension,
      replacedBy,
      segment: part,
    });
  }
  return { analysis, characters };
}
