/**
 * Request-body decoding the way the vendor's own samples need it: the body is read as JSON
 * whatever the Content-Type says (the PHP sample posts `json_encode` output as form data, the
 * Python sample sends no Content-Type). Real `key=value&...` form bodies are accepted too
 * (tolerant: the docs never show them, but nothing forbids them).
 */

export type BodyResult =
  | { kind: 'empty' }
  | { kind: 'json'; value: Record<string, unknown> }
  | { kind: 'form'; value: Record<string, unknown> }
  /** JSON that fails only because a `"` inside a string was not escaped: HTTP 400 (spec §1.3). */
  | { kind: 'unescaped-quote'; detail: string }
  /** Any other body that cannot be decoded: API code 90 "malformed JSON". */
  | { kind: 'malformed'; detail: string };

export function decodeBody(raw: string, contentType: string | undefined): BodyResult {
  const text = raw.replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { kind: 'malformed', detail: 'the JSON body must be an object' };
      }
      return { kind: 'json', value: value as Record<string, unknown> };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const repaired = escapeStrayQuotes(trimmed);
      if (repaired !== trimmed) {
        try {
          JSON.parse(repaired);
          return { kind: 'unescaped-quote', detail };
        } catch {
          // not a quote problem after all
        }
      }
      return { kind: 'malformed', detail };
    }
  }
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded') || /^[\w[\]%.-]+=/.test(trimmed)) {
    const value: Record<string, unknown> = {};
    for (const [key, item] of new URLSearchParams(trimmed)) value[key] = item;
    return { kind: 'form', value };
  }
  return { kind: 'malformed', detail: 'the body is neither JSON nor form data' };
}

/**
 * Escapes each `"` inside a JSON string that is not followed by what may follow a closing quote.
 * Used only to recognise the "unescaped double quote" case; the repaired text is never used.
 */
export function escapeStrayQuotes(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (!inString) {
      if (c === '"') inString = true;
      out += c;
      continue;
    }
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') {
      if (closesString(text, i + 1)) {
        inString = false;
        out += c;
      } else {
        out += '\\"';
      }
      continue;
    }
    out += c;
  }
  return out;
}

function closesString(text: string, from: number): boolean {
  let j = from;
  while (j < text.length && /\s/.test(text[j] as string)) j++;
  const next = text[j];
  if (next === undefined || next === '}' || next === ']' || next === ':') return true;
  if (next !== ',') return false;
  // After a comma a real closing quote is followed by the next key or value.
  j++;
  while (j < text.length && /\s/.test(text[j] as string)) j++;
  return /["{[\d\-tfn]/.test(text[j] ?? '');
}

/**
 * The characters that would close a JSON text cut short (an open string, then open arrays and
 * objects), or `undefined` when the text is not a cut-short JSON prefix.
 */
export function missingClosers(text: string): string | undefined {
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return undefined;
    }
  }
  if (stack.length === 0 && !inString) return undefined;
  return (inString ? '"' : '') + stack.reverse().join('');
}
