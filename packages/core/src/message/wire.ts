/**
 * Conversions between plain text and SMS Partner's wire syntax (`:br:`, `:euro:`).
 */
import { Render, render } from './internal/render.js';
import { assertText } from './internal/validate.js';
import { transliterate } from './transliterate.js';
import type { TransliterateOptions } from './types.js';

/** Options of {@link toWireText}. */
export interface ToWireTextOptions {
  /**
   * The message will be sent with `isUnicode`: literal tokens are then neutralised with an
   * invisible U+200B instead of a space.
   * @default false
   */
  isUnicode?: boolean;
  /**
   * Also apply the platform's replacement table (ignored with `isUnicode`).
   * @default false
   */
  applyReplacements?: boolean;
  /**
   * Transliterate to GSM-7 first (see `transliterate`).
   * @default false
   */
  transliterate?: boolean | TransliterateOptions;
}

/** Options of {@link fromWireText}. */
export interface FromWireTextOptions {
  /**
   * The line break `:br:` becomes.
   * @default '\n'
   */
  lineBreak?: string;
}

/**
 * Converts plain text to the `message` value SMS Partner expects: every line break (`\r\n`,
 * `\r` or `\n`) becomes `:br:` and `€` becomes `:euro:`.
 *
 * The platform documents no escape for a literal `:br:` or `:euro:` typed by the user, so one is
 * neutralised by a separator after its first colon: U+200B ZERO WIDTH SPACE with `isUnicode`
 * (invisible, and {@link fromWireText} removes it), a space otherwise (GSM-7 has no invisible
 * character; the recipient sees `: br:`, and {@link fromWireText} cannot tell it from typed text).
 *
 * Double quotes are left as they are: JSON or form encoding of the request escapes them.
 *
 * @example
 * ```ts
 * toWireText('Prix : 5 €\nMerci'); // 'Prix : 5 :euro::br:Merci'
 * toWireText('Tapez :br: pour', { isUnicode: true }); // 'Tapez :\u200bbr: pour'
 * ```
 */
export function toWireText(text: string, options: ToWireTextOptions = {}): string {
  assertText(text);
  const unicode = options.isUnicode === true;
  const t = options.transliterate;
  return render(
    t ? transliterate(text, t === true ? {} : t).text : text,
    Render.Wire |
      Render.Apply |
      (options.applyReplacements === true && !unicode ? Render.Platform : 0) |
      (unicode ? Render.Unicode : 0),
    'unicode',
    '€',
  ).wire;
}

/**
 * Converts a `message` in SMS Partner's wire syntax back to plain text: `:br:` becomes a line
 * break, `:euro:` becomes `€`, and a token neutralised by {@link toWireText} with U+200B becomes
 * the literal `:br:` / `:euro:` again. Tokens are read left to right, without overlap.
 *
 * @example
 * ```ts
 * fromWireText('Prix : 5 :euro::br:Merci'); // 'Prix : 5 €\nMerci'
 * ```
 */
export function fromWireText(wire: string, options: FromWireTextOptions = {}): string {
  assertText(wire, 'wire');
  const lineBreak = options.lineBreak ?? '\n';
  return wire.replace(/:br:|:euro:|:\u200b(?=(?:br|euro):)/g, (m) =>
    m === ':br:' ? lineBreak : m === ':euro:' ? '€' : ':',
  );
}
