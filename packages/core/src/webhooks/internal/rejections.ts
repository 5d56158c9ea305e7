/**
 * The default report of refused callbacks: a wrong secret or public URL makes every delivery
 * report a 401 that nobody sees, so the handler says so, at most once per reason per minute.
 */

import type { WebhookError, WebhookErrorReason } from '../errors.js';
import type { WebhookLogger } from '../handler-types.js';

/** At most one line per reason in this window. */
export const WARN_EVERY_MS = 60_000;

const HINTS: Partial<Record<WebhookErrorReason, string>> = {
  missing_token:
    'Fix: give SMS Partner the URLs built by createCallbackUrls() (urlDlr, urlResponse, notifyUrl), which carry the token.',
  invalid_token:
    'Fix: build the callback URLs with the secret this handler checks (during a rotation, pass both: secret: [newSecret, oldSecret]).',
  forbidden_source:
    'Fix: check allowedSources, and trustProxy when a proxy sits in front (the socket address is then the proxy).',
};

/** What a refusal is logged with: never the token, the query string or a payload value. */
export interface RefusalDetails {
  method: string;
  path: string;
  address: string | undefined;
}

/** Returns the function that reports one refusal, rate-limited per reason. */
export function createRefusalWarner(
  logger: WebhookLogger,
  now: () => number,
): (error: WebhookError, details: () => RefusalDetails) => void {
  const last = new Map<WebhookErrorReason, { at: number; skipped: number }>();
  return (error, details) => {
    const at = now();
    const seen = last.get(error.reason);
    if (seen !== undefined && at - seen.at < WARN_EVERY_MS) {
      seen.skipped++;
      return;
    }
    last.set(error.reason, { at, skipped: 0 });
    const { method, path, address } = details();
    const from =
      error.reason === 'forbidden_source' ? ` from ${address ?? 'an unknown address'}` : '';
    const more = seen?.skipped
      ? ` ${seen.skipped} more refused for this reason since the last such line.`
      : '';
    const hint = HINTS[error.reason];
    try {
      logger.warn(
        `[sms-partner] Webhook callback refused with ${error.status} ${error.reason}: ${method} ${path}${from}. ` +
          `${error.message}${hint ? ` ${hint}` : ''}${more} ` +
          '(One line per reason per minute at most; pass onRejected or logger: false to change this.)',
      );
    } catch {
      // A broken logger must not turn a refusal into a crash.
    }
  };
}
