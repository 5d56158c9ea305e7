/**
 * Message analysis: encoding, length, parts, and the exact text sent and delivered.
 */
import { gsmTable } from './internal/gsm-table.js';
import { type RenderSettings, render } from './internal/render.js';
import {
  GSM_MULTI,
  GSM_SINGLE,
  type Packing,
  packGsm,
  packUcs2,
  UCS2_MULTI,
  UCS2_SINGLE,
} from './internal/segments.js';
import { assertText, fail } from './internal/validate.js';
import type {
  AnalyzeMessageOptions,
  MessageAnalysis,
  MessageEncoding,
  MessageReplacement,
  MessageViolation,
  UnsupportedCharacterPolicy,
} from './types.js';

const NONE: readonly never[] = Object.freeze([]);

/**
 * Default STOP mention: a 15-character placeholder (spec/smspartner-gaps.md §2: the wording is
 * undocumented; 15 covers ` STOP 3XXXX` and ` STOP au 3XXXX`).
 */
export const DEFAULT_STOP_MENTION = ' STOP SMS 36XXX';

/** Distinct code points of `text` that GSM-7 cannot encode, in order of appearance. */
export function collectNonGsm(text: string): string[] {
  const t = gsmTable();
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if ((t[text.charCodeAt(i)]! & 3) === 0) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (ch.length === 2) i++;
      if (!out.includes(ch)) out.push(ch);
    }
  }
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
    encoding === 'gsm7' ? (single ? GSM_SINGLE : GSM_MULTI) : single ? UCS2_SINGLE : UCS2_MULTI;
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

function checkOptions(o: AnalyzeMessageOptions): void {
  const e = o.encoding;
  if (e !== undefined && e !== 'auto' && e !== 'gsm7' && e !== 'ucs2') {
    fail(
      'encoding',
      `must be 'auto', 'gsm7' or 'ucs2', got ${String(e)}.`,
      'omit it for SMS Partner mode.',
    );
  }
  const u = o.unsupportedCharacters;
  if (u !== undefined && u !== 'question-mark' && u !== 'remove' && u !== 'unicode') {
    fail(
      'unsupportedCharacters',
      `must be 'question-mark', 'remove' or 'unicode', got ${String(u)}.`,
      'use one of these three policies.',
    );
  }
  if (o.range !== undefined && o.range !== 'premium' && o.range !== 'lowcost') {
    fail('range', `must be 'premium' or 'lowcost', got ${String(o.range)}.`, 'use one of the two.');
  }
  if (o.gamme !== undefined && o.gamme !== 1 && o.gamme !== 2) {
    fail('gamme', `must be 1 (Premium) or 2 (Low Cost), got ${String(o.gamme)}.`, 'use 1 or 2.');
  }
  if (
    o.range !== undefined &&
    o.gamme !== undefined &&
    (o.range === 'lowcost') !== (o.gamme === 2)
  ) {
    fail('gamme', `contradicts range '${o.range}'.`, 'give only one of range and gamme.');
  }
  const m = o.maxParts;
  if (m !== undefined && !(Number.isInteger(m) && m >= 1)) {
    fail(
      'maxParts',
      `must be a positive integer, got ${String(m)}.`,
      'use 10, the platform limit.',
    );
  }
  for (const key of ['stopMention', 'euroAs'] as const) {
    const value = o[key];
    if (value !== undefined && typeof value !== 'string') {
      fail(key, `must be a string, got ${typeof value}.`, 'pass the text, or omit the option.');
    }
  }
}

function tooMany(segments: number, max: number): MessageViolation | undefined {
  if (segments <= max) return undefined;
  return {
    code: 'too-many-parts',
    severity: 'error',
    apiErrorCode: 52,
    message: `The message needs ${segments} SMS; the platform accepts at most ${max}. Shorten it.`,
  };
}

/**
 * Generic auto mode without transliteration, the hot path: one pass over the UTF-16 code units
 * with the GSM table, counting septets and GSM-7 parts at once; UCS-2 packing only when a
 * character GSM-7 cannot encode appears.
 */
function analyzeAuto(text: string, cuts: number[] | undefined, max: number): MessageAnalysis {
  const t = gsmTable();
  const n = text.length;
  let septets = 0;
  let end = GSM_MULTI;
  let segments = 1;
  let i = 0;
  for (; i < n; i++) {
    const v = t[text.charCodeAt(i)]! & 3;
    if (v === 0) break;
    septets += v;
    if (septets > end) {
      segments++;
      end = septets - v + GSM_MULTI;
    }
  }
  let p: Packing;
  let encoding: MessageEncoding = 'gsm7';
  let nonGsm: readonly string[] = NONE;
  if (i < n) {
    encoding = 'ucs2';
    p = packUcs2(text, true, cuts);
    nonGsm = collectNonGsm(text);
  } else if (cuts !== undefined) {
    p = packGsm(text, cuts);
  } else if (septets <= GSM_SINGLE) {
    p = { units: septets, segments: 1, last: septets };
  } else {
    p = { units: septets, segments, last: septets - (end - GSM_MULTI) };
  }
  const v = tooMany(p.segments, max);
  return build('generic', encoding, p, nonGsm, text, text, '', NONE, v ? [v] : NONE);
}

function unsupportedViolation(
  chars: readonly string[],
  policy: UnsupportedCharacterPolicy,
): MessageViolation {
  const list = chars.map((c) => JSON.stringify(c)).join(', ');
  const effect =
    policy === 'unicode'
      ? 'counted as if the platform switched the message to UCS-2'
      : policy === 'remove'
        ? 'counted as removed'
        : "counted as '?', one septet each";
  return {
    code: 'unsupported-characters',
    severity: 'warning',
    message: `GSM-7 cannot send ${list}; what the platform does with them is undocumented (${effect}). Set isUnicode, or the transliterate option.`,
  };
}

/**
 * The full analysis. `cuts` (when given) receives the start of every part after the first in
 * the delivered text;
 * `offsets` the delivered offset of every input code unit. Shared by the public functions.
 */
export function analyzeInternal(
  text: string,
  options: AnalyzeMessageOptions | undefined,
  cuts?: number[],
  offsets?: number[],
): MessageAnalysis {
  assertText(text);
  const o = options ?? {};
  if (options !== undefined) checkOptions(o);
  const generic = o.encoding !== undefined;
  if (o.encoding === 'auto' && !o.transliterate && offsets === undefined) {
    return analyzeAuto(text, cuts, o.maxParts ?? 10);
  }
  const translit = o.transliterate ? (o.transliterate === true ? {} : o.transliterate) : undefined;
  const unicode = generic ? o.encoding !== 'gsm7' : o.isUnicode === true;
  const policy: UnsupportedCharacterPolicy = o.unsupportedCharacters ?? 'question-mark';
  const settings: RenderSettings = {
    wireSyntax: !generic,
    platform: !generic && !unicode,
    applyReplacements: o.applyReplacements === true,
    gsmOnly: !unicode,
    unsupported: generic && policy === 'unicode' ? 'question-mark' : policy,
    euroAs: o.euroAs ?? '€',
    unicode,
    translit,
  };
  const r = render(text, settings, offsets);
  const lowcost = o.range === 'lowcost' || o.gamme === 2;
  const stop =
    !generic && o.isStopSms === true && !lowcost ? (o.stopMention ?? DEFAULT_STOP_MENTION) : '';
  const delivered = stop === '' ? r.delivered : r.delivered + stop;

  // Encoding: UCS-2 when asked, when auto finds a character GSM-7 cannot encode, or when the
  // unsupported-character policy says the platform switches.
  let encoding: MessageEncoding;
  if (generic) {
    encoding = o.encoding === 'gsm7' ? 'gsm7' : o.encoding === 'ucs2' ? 'ucs2' : 'gsm7';
    if (o.encoding === 'auto' && collectNonGsm(delivered).length > 0) encoding = 'ucs2';
  } else {
    encoding = unicode || (policy === 'unicode' && r.unsupported.length > 0) ? 'ucs2' : 'gsm7';
    if (encoding === 'gsm7' && collectNonGsm(delivered).length > 0) encoding = 'ucs2'; // stop mention
  }
  const p = encoding === 'gsm7' ? packGsm(delivered, cuts) : packUcs2(delivered, generic, cuts);
  const nonGsm = unicode ? collectNonGsm(r.delivered) : r.unsupported;

  const violations: MessageViolation[] = [];
  const many = tooMany(p.segments, o.maxParts ?? 10);
  if (many) violations.push(many);
  if (!generic) {
    if (lowcost && p.segments > 1) {
      violations.push({
        code: 'low-cost-too-long',
        severity: 'error',
        apiErrorCode: 42,
        message: `Low Cost SMS are limited to one SMS (160 GSM-7 characters); this one needs ${p.segments}. Shorten it or use the Premium range.`,
      });
    }
    if (r.wire.length === 0) {
      violations.push({
        code: 'empty-message',
        severity: 'error',
        apiErrorCode: 43,
        message: 'The message is empty. Write some text.',
      });
    }
    if (lowcost && o.isStopSms) {
      violations.push({
        code: 'stop-on-low-cost',
        severity: 'warning',
        message:
          'isStopSms does nothing on the Low Cost range. Write the opt-out text (NoPub=STOP) yourself.',
      });
    }
    if (r.literalTokens) {
      violations.push({
        code: 'literal-token',
        severity: 'warning',
        message:
          'The text contains :br: or :euro: literally; the platform has no escape, so a separator was inserted after the colon. Reword it if that matters.',
      });
    }
  }
  if (!unicode && r.unsupported.length > 0)
    violations.push(unsupportedViolation(r.unsupported, policy));
  violations.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return build(
    generic ? 'generic' : 'smspartner',
    encoding,
    p,
    nonGsm.length === 0 ? NONE : nonGsm,
    r.wire,
    delivered,
    stop,
    r.replacements.length === 0 ? NONE : r.replacements,
    violations.length === 0 ? NONE : violations,
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
 * counts equal Twilio's `sms-segments-calculator` (escape pairs and grapheme clusters are never
 * split across parts; 160/153 septets, 70/67 UTF-16 units).
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
 * a.replacements; // [{ index: 44, from: 'û', to: 'u', reason: 'platform' }]
 *
 * analyzeMessage('Ça va ? 😀', { encoding: 'auto' }); // { encoding: 'ucs2', units: 10, segments: 1, ... }
 * ```
 */
export function analyzeMessage(text: string, options?: AnalyzeMessageOptions): MessageAnalysis {
  return analyzeInternal(text, options);
}
