/**
 * Public types of the message module.
 */

/** How the message is encoded on the air: GSM 03.38 7-bit, or UCS-2 (UTF-16 code units). */
export type MessageEncoding = 'gsm7' | 'ucs2';

/** SMS Partner's two ranges (`gamme`): Premium (1, the default) and Low Cost / ECO (2). */
export type MessageRange = 'premium' | 'lowcost';

/**
 * What the SMS Partner platform is assumed to do with a character that is neither GSM-7 nor in
 * its replacement table when Unicode is off. The vendor does not document it.
 *
 * - `'question-mark'`: it goes out as `?` (one septet), the usual carrier behaviour.
 * - `'remove'`: it is dropped.
 * - `'unicode'`: the whole message goes out in UCS-2 (the costliest guess).
 */
export type UnsupportedCharacterPolicy = 'question-mark' | 'remove' | 'unicode';

/** Options of the opt-in French-aware transliteration. */
export interface TransliterateOptions {
  /**
   * What `ç` becomes. GSM-7 only has the capital `Ç`; `'c'` reads better in running French text
   * (`garcon`), `'Ç'` is what the SMS Partner platform itself does.
   * @default 'c'
   */
  cedilla?: 'c' | 'Ç';
  /**
   * Extra replacements, checked before the built-in ones (`{ '™': 'TM' }`). Keys are single
   * characters (one code point); values are any text, ideally GSM-7 only.
   * @default {}
   */
  extra?: Readonly<Record<string, string>>;
}

/**
 * A transliteration usable by {@link AnalyzeMessageOptions.transliterate}: returns the new text
 * and what it replaced (indices in the text it was given). `transliterate` is one.
 */
export type Transliterator = (text: string) => {
  text: string;
  replacements: readonly MessageReplacement[];
};

/** Options of {@link analyzeMessage} and {@link splitMessage}. */
export interface AnalyzeMessageOptions {
  /**
   * Generic mode, the way generic calculators work: `'auto'` picks GSM-7 when every character is
   * in the GSM 03.38 default or extension table, else UCS-2, and replaces nothing (the wire text is
   * the input). `'gsm7'` / `'ucs2'` force an encoding (in `'gsm7'`, characters GSM-7 cannot encode
   * are handled by {@link AnalyzeMessageOptions.unsupportedCharacters}).
   *
   * Leave it unset for SMS Partner mode: the platform's rules (`isUnicode`, its replacement
   * table, `:br:`, `:euro:`, the STOP mention, the range).
   * @default undefined (SMS Partner mode)
   */
  encoding?: 'auto' | MessageEncoding;
  /**
   * SMS Partner `isUnicode`: send in UCS-2 (70/67 units per part). The account must have Unicode
   * enabled by SMS Partner support. When off, the platform replaces characters from its table.
   * @default false
   * @see https://www.docpartner.dev/en/api/send-sms
   */
  isUnicode?: boolean;
  /**
   * SMS Partner `isStopSms`: the platform appends a STOP (opt-out) mention to the message, which
   * is counted here. Ignored on the Low Cost range, where you write `NoPub=STOP` yourself.
   * @default false
   */
  isStopSms?: boolean;
  /**
   * The text the platform appends when `isStopSms` is on. Its exact wording is not documented;
   * the default is a 15-character placeholder (leading space included), the budget that covers
   * the forms seen on French platforms (` STOP 3XXXX`, ` STOP au 3XXXX`). Replace it once you
   * know your account's mention.
   * @default ' STOP SMS 36XXX'
   */
  stopMention?: string;
  /**
   * SMS Partner range. `'lowcost'` (`gamme=2`) allows a single segment only (API error 42).
   * @default 'premium'
   */
  range?: MessageRange;
  /**
   * The raw API value of the range (`gamme`): `1` Premium, `2` Low Cost. Same as `range`.
   * @default 1
   */
  gamme?: 1 | 2;
  /**
   * What the platform is assumed to do with characters it cannot send without Unicode (undocumented
   * behaviour; the tolerant default counts each as one septet and reports it).
   * @default 'question-mark'
   */
  unsupportedCharacters?: UnsupportedCharacterPolicy;
  /**
   * What the recipient sees for `€` (sent as `:euro:`). The default counts it as the GSM-7
   * extension character (2 septets), an assumption: the vendor does not say how `:euro:` is
   * counted. Use `'EUR'` if your tests show the platform spells it out.
   * @default '€'
   */
  euroAs?: string;
  /**
   * Apply the platform's replacement table in `wireText` too, so that what you send is exactly
   * what is delivered. By default the text is sent as written and the platform replaces.
   * @default false
   */
  applyReplacements?: boolean;
  /**
   * Send the typographic quotes `“ ” „ ‟` as ASCII `"` and `‚ ‛` as `'` (in `wireText` too),
   * without Unicode. The platform's published replacement table has no row for `” „ ‟ ‚ ‛`, so
   * their fate is undocumented (a `?` on the handset at worst), and it maps `“` to `'`, probably
   * a transcription slip. Sending ASCII makes the delivered text certain; `false` sends them as
   * written and counts them as the table and {@link unsupportedCharacters} say. Not applied with
   * `isUnicode`, where they are sent as typed.
   * @default true
   */
  asciiQuotes?: boolean;
  /**
   * A transliteration to run first, client-side (it changes `wireText`), to keep the message in
   * GSM-7: pass the exported `transliterate` function, or your own. A function rather than a
   * flag so that the transliteration table is only bundled by those who use it.
   * @default undefined (none)
   * @example
   * ```ts
   * import { analyzeMessage, transliterate } from '@sms-partner/core';
   * analyzeMessage('Fête – à bientôt…', { transliterate }).wireText; // 'Fete - à bientot...'
   * ```
   */
  transliterate?: Transliterator;
  /**
   * Parts above which the message is refused (API error 52).
   * @default 10
   */
  maxParts?: number;
}

/** Options of {@link splitMessage} (same as the analysis). */
export type SplitMessageOptions = AnalyzeMessageOptions;

/** Why a character of the input does not reach the recipient unchanged. */
export type ReplacementReason =
  /** The SMS Partner platform's published replacement table. */
  | 'platform'
  /** The opt-in transliteration. */
  | 'transliteration'
  /**
   * A typographic quote the SDK sends as ASCII (`“ ” „ ‟` as `"`, `‚ ‛` as `'`), see
   * {@link AnalyzeMessageOptions.asciiQuotes}.
   */
  | 'quote'
  /** Not sendable without Unicode, see {@link UnsupportedCharacterPolicy}. */
  | 'unsupported'
  /** A literal `:br:` / `:euro:` typed by the user, neutralised so the platform does not expand it. */
  | 'literal-token';

/** One replacement applied to the input. */
export interface MessageReplacement {
  /** UTF-16 index of the character in the input text. */
  index: number;
  /** The character(s) of the input. */
  from: string;
  /** What the recipient gets instead (empty when removed). */
  to: string;
  /** Who replaces it. */
  reason: ReplacementReason;
}

/** Machine-readable code of a {@link MessageViolation}. */
export type MessageViolationCode =
  /** More parts than the platform accepts (API error 52). */
  | 'too-many-parts'
  /** Low Cost range message longer than one SMS (API error 42). */
  | 'low-cost-too-long'
  /** Characters the platform cannot send without Unicode. */
  | 'unsupported-characters'
  /** Nothing to send (API error 43). */
  | 'empty-message'
  /** `isStopSms` does nothing on the Low Cost range. */
  | 'stop-on-low-cost'
  /** The text contains `:br:` or `:euro:` literally; see {@link toWireText}. */
  | 'literal-token';

/** A rule of the platform the message breaks (`'error'`: it will be refused) or may break. */
export interface MessageViolation {
  /** Which rule, to branch on. */
  code: MessageViolationCode;
  /** `'error'`: SMS Partner will refuse the message; `'warning'`: it may not arrive as written. */
  severity: 'error' | 'warning';
  /** The SMS Partner API error code the send would get, when there is one. */
  apiErrorCode?: number;
  /** One sentence: what is wrong and how to fix it. */
  message: string;
}

/** The result of {@link analyzeMessage}. */
export interface MessageAnalysis {
  /** `'smspartner'` (platform rules) or `'generic'` (`encoding` option given). */
  mode: 'smspartner' | 'generic';
  /** Encoding on the air. */
  encoding: MessageEncoding;
  /**
   * Length in encoding units: septets for GSM-7 (extension characters count 2), UTF-16 code units
   * for UCS-2. Includes the STOP mention when it is counted.
   */
  units: number;
  /** Number of SMS (parts) billed. */
  segments: number;
  /** Units per segment at this length: 160 or 153 (GSM-7), 70 or 67 (UCS-2). */
  unitsPerSegment: number;
  /** Units still free in the last segment before another one is needed. */
  remaining: number;
  /** Distinct characters (code points) outside the GSM 03.38 default and extension tables. */
  nonGsmCharacters: readonly string[];
  /** The exact `message` value of the API request (before JSON or form encoding). */
  wireText: string;
  /** What the recipient receives, STOP mention included; what the units and parts are counted on. */
  deliveredText: string;
  /** The STOP mention counted at the end of `deliveredText` (empty when none). */
  stopMention: string;
  /** Every character that does not arrive as typed, in input order. */
  replacements: readonly MessageReplacement[];
  /** Platform rules the message breaks, errors first. */
  violations: readonly MessageViolation[];
}
