/** What replaces a secret in anything the SDK shows. */
export const REDACTED = '[redacted]';

// Any apiKey value in a query string, a JSON body or an XML element, whoever's key it is (the
// sub-account list returns the sub-accounts' own keys).
// A pure IIFE: bundlers keep top-level template literals with substitutions unless told otherwise.
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = /* @__PURE__ */ (() => [
  [/([?&]apiKey=)[^&#\s"']*/gi, `$1${REDACTED}`],
  [/("apiKey"\s*:\s*")(?:[^"\\]|\\.)*(")/gi, `$1${REDACTED}$2`],
  [/(<apiKey>)[\s\S]*?(<\/apiKey>)/gi, `$1${REDACTED}$2`],
])();

/**
 * Returns a function that removes the API key (raw and URL-encoded) and any `apiKey` field value
 * from a string.
 */
export function createRedactor(apiKey: string): (text: string) => string {
  const needles = new Set<string>();
  if (apiKey.length > 0) {
    needles.add(apiKey);
    needles.add(encodeURIComponent(apiKey));
    needles.add(JSON.stringify(apiKey).slice(1, -1));
  }
  return (text: string): string => {
    let out = text;
    for (const needle of needles) {
      if (needle.length > 0 && out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/**
 * A copy of an error with its message (and its causes' messages) redacted, keeping `name` and
 * `code`, so that nothing the runtime wrote (Deno puts the URL in fetch errors) leaks the key.
 */
export function sanitizeError(
  error: unknown,
  redact: (text: string) => string,
  depth = 0,
): unknown {
  if (depth > 4) return undefined;
  if (!(error instanceof Error)) {
    return typeof error === 'string' ? redact(error) : undefined;
  }
  const cause = (error as { cause?: unknown }).cause;
  const copy = new Error(
    redact(error.message),
    cause === undefined ? undefined : { cause: sanitizeError(cause, redact, depth + 1) },
  );
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    (copy as Error & { code?: string | number }).code = code;
  }
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    (copy as Error & { errors?: unknown[] }).errors = errors.map((item) =>
      sanitizeError(item, redact, depth + 1),
    );
  }
  // The stack repeats the message; keep only the copy's own frames.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
