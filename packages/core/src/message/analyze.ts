/**
 * Message analysis: encoding, length, parts, and the exact text sent and delivered.
 */
import { gsmTable } from './internal/gsm-table.js';
import { Render, render } from './internal/render.js';
import { type Packing, packGsm, packUcs2, Size } from './internal/segments.js';
import { cpAt } from './internal/unicode.js';
import { assertText, fail } from './internal/validate.js';
import type {
  AnalyzeMessageOptions,
  MessageAnalysis,
  MessageEncoding,
  MessageReplacement,
  MessageViolation,
} from './types.js';

// Shared empty result arrays: frozen, so that no caller can fill another's.
const NONE: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/**
 * Default STOP mention: a 15-character placeholder (spec/smspartner-gaps.md §2: the wording is
 * undocumented; 15 covers ` STOP 3XXXX` and ` STOP au 3XXXX`).
 */
export const DEFAULT_STOP_MENTION = ' STOP SMS 36XXX';

/**
 * Distinct code points of `text` that GSM-7 cannot encode, in order of
 * appearance. Numbers are compared (no string per character); strings are made once at the end.
 */
export function collectNonGsm(text: string): readonly string[] {
  const t = gsmTable();
  const n = text.length;
  let seen: number[] | undefined;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if ((t[text.charCodeAt(i)]! & 3) !== 0) continue;
    const cp = cpAt(text, i);
    if (cp > 0xffff) i++;
    if (cp === last) continue;
    last = cp;
    if (seen === undefined) seen = [cp];
    else if (!seen.includes(cp)) seen.push(cp);
  }
  if (seen === undefined) return NONE;
  const out: string[] = new Array(seen.length);
  for (let k = 0; k < seen.length; k++) out[k] = String.fromCodePoint(seen[k]!);
  return out;
}

function build(
  mode: MessageAnalysis['mode'],
  encoding: MessageEncoding,
  p: Packing,
  nonGsm: readonly string[],
  wireText: string,
  deliveredText: string,
  stopMention: string,
  replacements: readonly MessageReplacement[],
  violations: readonly MessageViolation[],
): MessageAnalysis {
  const single = p.segments === 1;
  const unitsPerSegment =
    encoding === 'gsm7'
      ? single
        ? Size.GsmSingle
        : Size.GsmMulti
      : single
        ? Size.Ucs2Single
        : Size.Ucs2Multi;
  return {
    mode,
    encoding,
    units: p.units,
    segments: p.segments,
    unitsPerSegment,
    remaining: unitsPerSegment - p.last,
    nonGsmCharacters: nonGsm,
    wireText,
    deliveredText,
    stopMention,
    replacements,
    violations,
  };
}

/** Allowed values of the options that take one of a few. */
const CHOICES: [keyof AnalyzeMessageOptions, readonly unknown[]][] = [
  ['encoding', ['auto', 'gsm7', 'ucs2']],
  ['unsupportedCharacters', ['question-mark', 'remove', 'unicode']],
  ['range', ['premium', 'lowcost']],
  ['gamme', [1, 2]],
];

function checkOptions(o: AnalyzeMessageOptions): void {
  for (const [key, allowed] of CHOICES) {
    const v = o[key];
    if (v !== undefined && !allowed.includes(v))
      fail(key, `got ${String(v)}.`, `use ${allowed.join(', ')}.`);
  }
  if (o.range && o.gamme && (o.range === 'lowcost') !== (o.gamme === 2)) {
    fail('gamme', 'contradicts range.', 'give only one of them.');
  }
  const m = o.maxParts;
  if (m !== undefined && !(Number.isInteger(m) && m > 0)) {
    fail('maxParts', `got ${String(m)}.`, 'use a positive integer (the platform allows 10).');
  }
  for (const [key, type, fix] of TYPES) {
    if (o[key] !== undefined && typeof o[key] !== type) fail(key, `got ${typeof o[key]}.`, fix);
  }
}

/** Options that take a value of one type, and the fix an error gives. */
const TYPES: [keyof AnalyzeMessageOptions, string, string][] = [
  ['stopMention', 'string', 'use a string.'],
  ['euroAs', 'string', 'use a string.'],
  ['transliterate', 'function', 'pass the transliterate function.'],
];

function violation(
  code: MessageViolation['code'],
  message: string,
  apiErrorCode?: number,
): MessageViolation {
  return apiErrorCode === undefined
    ? { code, severity: 'warning', message }
    : { code, severity: 'error', apiErrorCode, message };
}

function tooMany(segments: number, max: number): MessageViolation[] {
  return segments > max
    ? [violation('too-many-parts', `${segments} SMS, over the limit of ${max}.`, 52)]
    : [];
}

/**
 * Generic auto mode without transliteration, the hot path: one pass over the UTF-16 code units
 * with the GSM table, counting septets and GSM-7 parts at once; UCS-2 packing only when a
 * character GSM-7 cannot encode appears (then its scan starts over, which costs nothing extra
 * for texts that are GSM-7 up to the end).
 */
function analyzeAuto(text: string, cuts: number[] | undefined, max: number): MessageAnalysis {
  const gsm = packGsm(text, cuts);
  const p = gsm ?? packUcs2(text, true, cuts);
  const v = p.segments > max ? tooMany(p.segments, max) : NONE;
  return build(
    'generic',
    gsm ? 'gsm7' : 'ucs2',
    p,
    gsm ? NONE : collectNonGsm(text),
    text,
    text,
    '',
    NONE,
    v,
  );
}

/**
 * Index in the original text of index `j` of a transliterated text, given the transliteration's
 * replacements (sorted, indices in the original).
 */
export function originalIndex(reps: readonly MessageReplacement[], j: number): number {
  let delta = 0;
  for (const r of reps) {
    const at = r.index + delta;
    if (j < at) break;
    if (j < at + r.to.length) return r.index;
    delta += r.to.length - r.from.length;
  }
  return j - delta;
}

/** What the per-character explanation needs to know of one analysis, filled by it. */
export interface Trace {
  /** The `marks` of the rendering (see render.ts). */
  marks: number[];
  /** The text rendered: the input, or its transliteration. */
  input?: string;
  /** The transliteration's replacements, indices in the input (none without one). */
  pre?: readonly MessageReplacement[];
}

/**
 * The full analysis. `cuts` (when given) receives the start of every part after the first in
 * the delivered text; `trace` what the explanation needs. Shared by the public functions.
 */
export function analyzeInternal(
  text: string,
  options: AnalyzeMessageOptions | undefined,
  cuts?: number[],
  trace?: Trace,
): MessageAnalysis {
  assertText(text);
  const o = options ?? {};
  if (options !== undefined) checkOptions(o);
  const generic = o.encoding !== undefined;
  if (o.encoding === 'auto' && !o.transliterate && !trace) {
    return analyzeAuto(text, cuts, o.maxParts ?? 10);
  }
  // Client-side transliteration first; its replacements are reported against the input.
  let input = text;
  let pre: readonly MessageReplacement[] = NONE;
  if (o.transliterate) {
    const tr = o.transliterate(text);
    input = tr.text;
    pre = tr.replacements;
  }
  if (trace) {
    trace.input = input;
    trace.pre = pre;
  }
  const unicode = generic ? o.encoding !== 'gsm7' : o.isUnicode === true;
  const policy = o.unsupportedCharacters ?? 'question-mark';
  const lowcost = o.range === 'lowcost' || o.gamme === 2;
  const stop = !generic && o.isStopSms && !lowcost ? (o.stopMention ?? DEFAULT_STOP_MENTION) : '';
  // UCS-2 when asked, when a character GSM-7 cannot encode is left (auto mode, an unsupported
  // character under the 'unicode' policy, or the STOP mention). With `encoding: 'gsm7'` every
  // such character has been replaced, so GSM-7 packing always succeeds there. The GSM-7 packing
  // is made by the rendering itself, in the same pass.
  const packGsm7 = !(o.encoding === 'ucs2' || (!generic && unicode));
  const r = render(
    input,
    (generic
      ? 0
      : unicode
        ? Render.Wire
        : Render.Wire | Render.Platform | (o.asciiQuotes === false ? 0 : Render.Quotes)) |
      (o.applyReplacements === true ? Render.Apply : 0) |
      (unicode ? Render.Unicode : Render.GsmOnly),
    generic && policy === 'unicode' ? 'question-mark' : policy,
    o.euroAs ?? '€',
    stop,
    packGsm7 ? cuts : undefined,
    trace?.marks,
  );
  const delivered = r.delivered;
  const body = stop === '' ? delivered : delivered.slice(0, delivered.length - stop.length);
  if (pre.length > 0) for (const x of r.replacements) x.index = originalIndex(pre, x.index);
  const gsm = packGsm7 ? r.gsm : undefined;
  const encoding: MessageEncoding = gsm ? 'gsm7' : 'ucs2';
  const p = gsm ?? packUcs2(delivered, generic, cuts);
  const nonGsm = unicode ? collectNonGsm(body) : r.unsupported;

  // Errors first, then warnings: pushed in that order.
  const v = tooMany(p.segments, o.maxParts ?? 10);
  if (!generic) {
    if (lowcost && p.segments > 1) {
      v.push(violation('low-cost-too-long', `Low Cost allows 1 SMS, not ${p.segments}.`, 42));
    }
    if (r.wire === '') v.push(violation('empty-message', 'Empty message.', 43));
    if (lowcost && o.isStopSms) {
      v.push(violation('stop-on-low-cost', 'No STOP mention on Low Cost: write NoPub=STOP.'));
    }
    if (r.literalTokens) {
      v.push(violation('literal-token', 'Literal :br: or :euro: got a separator.'));
    }
  }
  if (!unicode && r.unsupported.length > 0) {
    v.push(
      violation(
        'unsupported-characters',
        `Not GSM-7: ${r.unsupported.join('')} (counted as ${policy}).`,
      ),
    );
  }
  const reps =
    pre.length > 0 ? [...pre, ...r.replacements].sort((a, b) => a.index - b.index) : r.replacements;
  return build(
    generic ? 'generic' : 'smspartner',
    encoding,
    p,
    nonGsm.length === 0 ? NONE : nonGsm,
    r.wire,
    delivered,
    stop,
    reps.length === 0 ? NONE : reps,
    v.length === 0 ? NONE : v,
  );
}

/**
 * Analyses an SMS: its encoding, its length in encoding units, the number of SMS (parts) it
 * costs, what is sent to the API and what the recipient receives.
 *
 * Without options (or with SMS Partner options) the platform's rules apply: GSM-7 unless
 * `isUnicode`, the platform's published character replacements (reported in `replacements`),
 * line breaks sent as `:br:` and counted 2, `€` sent as `:euro:`, the STOP mention counted when
 * `isStopSms` is on, and the platform limits reported in `violations` (10 parts, error 52; Low
 * Cost single SMS, error 42).
 *
 * With `encoding: 'auto'` it is the generic calculation of every SMS calculator: GSM-7 when all
 * characters are in the GSM 03.38 default or extension table, else UCS-2, nothing replaced. Its
 * encoding, units and segments equal Twilio's `sms-segments-calculator` 1.3.0: 160/153 septets or
 * 70/67 UTF-16 units, escape pairs and grapheme clusters never split across parts, clusters as
 * that calculator sees them (Unicode 10 rules, so a post-2017 emoji sequence may be placed in
 * two parts exactly as it does). SMS Partner mode places clusters by current Unicode
 * (`Intl.Segmenter`). Two documented differences with the reference in generic mode: a single
 * cluster longer than 32 units (the reference overflows a part there) and characters whose
 * grapheme properties changed after Unicode 10.
 *
 * @param text - The message as typed (plain text, real line breaks and `€`).
 * @param options - Mode and SMS Partner parameters.
 * @returns The analysis; never throws on any string, lone surrogates included.
 * @throws {SmsPartnerValidationError} When `text` is not a string or an option is invalid.
 *
 * @example
 * ```ts
 * import { analyzeMessage } from '@sms-partner/core';
 *
 * const a = analyzeMessage('Bonjour Zoé,\nvotre colis arrive demain. Coût : 5 €');
 * a.encoding;  // 'gsm7'
 * a.wireText;  // 'Bonjour Zoé,:br:votre colis arrive demain. Coût : 5 :euro:'
 * a.replacements; // [{ index: 42, from: 'û', to: 'u', reason: 'platform' }]
 *
 * analyzeMessage('Ça va ? 😀', { encoding: 'auto' }); // { encoding: 'ucs2', units: 10, segments: 1, ... }
 * ```
 */
export function analyzeMessage(text: string, options?: AnalyzeMessageOptions): MessageAnalysis {
  return analyzeInternal(text, options);
}
