/**
 * Classifies a failed `fetch` without depending on one runtime: Node (undici) puts `code` on
 * `error.cause` (sometimes an AggregateError of per-address attempts), Bun puts `code` on the error
 * itself with its own names, Deno only writes the OS error in the message.
 */

/** Codes that prove the HTTP request never reached a server. */
const NEVER_SENT_CODES = /* @__PURE__ */ new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_NODATA',
  // Bun's names for the same failures.
  'ConnectionRefused',
  'DNSError',
  'FailedToOpenSocket',
]);

/** Message fragments that prove the same where the runtime gives no code (Deno, browsers). */
const NEVER_SENT_MESSAGES = [
  /connection refused/i,
  /dns error/i,
  /failed to lookup address/i,
  /name or service not known/i,
  /getaddrinfo/i,
];

/** What a fetch failure tells about the request. */
export interface NetworkFailure {
  /** True when the request provably never reached the server, so even a send may be retried. */
  neverSent: boolean;
  /** The most specific error code found, for the error's `networkCode`. */
  code: string | undefined;
}

function collect(
  error: unknown,
  found: { codes: string[]; messages: string[] },
  depth: number,
): void {
  if (depth > 5 || error === null || typeof error !== 'object') return;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') found.codes.push(code);
  if (typeof message === 'string') found.messages.push(message);
  if (cause !== undefined) collect(cause, found, depth + 1);
  if (Array.isArray(errors)) for (const item of errors) collect(item, found, depth + 1);
}

/** Inspects an error thrown by `fetch` (not an abort). */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const found = { codes: [] as string[], messages: [] as string[] };
  collect(error, found, 0);
  // Happy-eyeballs may try several addresses: the request provably never left only if every
  // code found says so.
  const code = found.codes[found.codes.length - 1];
  if (found.codes.length > 0) {
    return { neverSent: found.codes.every((candidate) => NEVER_SENT_CODES.has(candidate)), code };
  }
  const neverSent = found.messages.some((message) =>
    NEVER_SENT_MESSAGES.some((pattern) => pattern.test(message)),
  );
  return { neverSent, code };
}
