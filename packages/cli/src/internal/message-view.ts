import type { CharacterExplanation, MessageExplanation } from '@sms-partner/core';
import type { Paint, Style } from './io.js';

const VISIBLE: Record<string, string> = {
  '\n': '↵',
  '\r': '␍',
  '\f': '␌',
  '\t': '⇥',
  '\u00a0': '⍽',
  '\u202f': '⍽',
  '\u200b': '␣',
};

/** The character as it can be shown on one line (line breaks, no-break spaces made visible). */
export function visible(text: string): string {
  let out = '';
  for (const char of text) out += VISIBLE[char] ?? char;
  return out;
}

function styleOf(c: CharacterExplanation): Style[] {
  if (c.forcesUcs2) return ['red', 'bold'];
  if (c.replacedBy !== undefined)
    return c.delivered === '' ? ['cyan', 'strike'] : ['cyan', 'underline'];
  if (c.extension) return ['yellow', 'bold'];
  return [];
}

/**
 * The per-character view: the message part by part, each character coloured by what it costs
 * (red: forces UCS-2; yellow: 2 septets; cyan: replaced, struck through when removed). Without
 * colour the parts are printed plain and {@link notableCharacters} carries the same facts.
 */
export function partsView(explanation: MessageExplanation, paint: Paint): string {
  const parts: string[] = [];
  for (const c of explanation.characters) {
    const shown = visible(c.text);
    parts[c.segment] = (parts[c.segment] ?? '') + paint(shown, ...styleOf(c));
  }
  const width = String(parts.length).length;
  return parts
    .map((text, index) => `  ${paint(String(index + 1).padStart(width), 'dim')} │${text ?? ''}\n`)
    .join('');
}

/** Why one character costs more than one unit, or does not arrive as typed; undefined if neither. */
export function noteOf(c: CharacterExplanation, forcesUcs2: boolean): string | undefined {
  const notes: string[] = [];
  if (c.forcesUcs2)
    notes.push(forcesUcs2 ? 'outside GSM-7: makes the message UCS-2' : 'outside GSM-7');
  if (c.extension) notes.push('GSM-7 extension character: 2 septets');
  if (c.replacedBy !== undefined) {
    const by = {
      platform: 'by the SMS Partner platform',
      transliteration: 'by --transliterate',
      unsupported: 'as the platform cannot send it without Unicode',
      'literal-token': 'so the platform does not expand it',
      quote: 'by the SDK (ASCII quote, see asciiQuotes)',
    }[c.replacedBy];
    notes.push(
      c.delivered === '' ? `removed ${by}` : `sent as ${JSON.stringify(c.delivered)} ${by}`,
    );
  }
  if (notes.length === 0 && c.units > 1 && c.text.length === 1) {
    notes.push(`${c.units} units`);
  }
  return notes.length === 0 ? undefined : notes.join('; ');
}

/** One line per character that costs more or does not arrive as typed (each distinct case once). */
export function notableCharacters(
  explanation: MessageExplanation,
  paint: Paint,
  all: boolean,
): string {
  const ucs2 = explanation.analysis.encoding === 'ucs2';
  const unit = ucs2 ? 'unit' : 'septet';
  // Only generic detection switches encoding because of a character; SMS Partner mode follows --unicode.
  const switches = ucs2 && explanation.analysis.mode === 'generic';
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of explanation.characters) {
    const note = noteOf(c, switches);
    if (!all && note === undefined) continue;
    const key = `${c.text}\u0000${note}`;
    if (!all && seen.has(key)) continue;
    seen.add(key);
    const count = all
      ? 1
      : explanation.characters.filter((o) => o.text === c.text && noteOf(o, switches) === note)
          .length;
    const glyph = paint(JSON.stringify(visible(c.text)), ...styleOf(c));
    const units = `${c.units} ${unit}${c.units === 1 ? '' : 's'}`;
    const where = all
      ? `at ${c.index}, part ${c.segment + 1}`
      : count > 1
        ? `×${count}`
        : `at ${c.index}`;
    lines.push(`  ${glyph}  ${units}  ${paint(where, 'dim')}${note ? `  ${note}` : ''}\n`);
  }
  return lines.join('');
}

/** The colour legend, only worth printing when colour is on. */
export function legend(paint: Paint): string {
  return `  ${paint('outside GSM-7', 'red', 'bold')}  ${paint('2 septets', 'yellow', 'bold')}  ${paint('replaced', 'cyan', 'underline')}  ${paint('removed', 'cyan', 'strike')}\n`;
}
