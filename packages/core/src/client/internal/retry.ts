import type { RetryOptions } from '../options.js';

/** A retry policy with every default filled in. */
export interface ResolvedRetry {
  maxRetries: number;
  initialDelay: number;
  maxDelay: number;
  maxRetryAfter: number;
}

/** Defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY: ResolvedRetry = {
  maxRetries: 2,
  initialDelay: 500,
  maxDelay: 8000,
  maxRetryAfter: 60_000,
};

/** Fills in a retry option (`false` = no retry, a number = `maxRetries`). */
export function resolveRetry(
  option: RetryOptions | number | false | undefined,
  base: ResolvedRetry = DEFAULT_RETRY,
): ResolvedRetry {
  if (option === undefined) return base;
  if (option === false) return { ...base, maxRetries: 0 };
  if (typeof option === 'number') return { ...base, maxRetries: option };
  return {
    maxRetries: option.maxRetries ?? base.maxRetries,
    initialDelay: option.initialDelay ?? base.initialDelay,
    maxDelay: option.maxDelay ?? base.maxDelay,
    maxRetryAfter: option.maxRetryAfter ?? base.maxRetryAfter,
  };
}

/**
 * "Full jitter" backoff: uniformly random between 0 and `min(maxDelay, initialDelay * 2^retry)`,
 * which spreads retries of many clients better than equal or decorrelated jitter.
 */
export function backoffDelay(policy: ResolvedRetry, retry: number, random: () => number): number {
  const bound = Math.min(policy.maxDelay, policy.initialDelay * 2 ** retry);
  return Math.floor(random() * bound);
}

/**
 * Reads `Retry-After` (seconds or an HTTP date) or `retry-after-ms`, in milliseconds; `undefined`
 * when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && /^\d+(\.\d+)?$/.test(milliseconds.trim())) {
    return Math.ceil(Number(milliseconds));
  }
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits, unless the signal fires first (then rejects with `onAbort()`). */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  onAbort: () => Error,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
