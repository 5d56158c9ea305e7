/**
 * Sliding-window request counting on the emulator clock, per account and endpoint, so that a test
 * can fill a window and then `clock.advance()` past it.
 */
import type { RateLimit } from '../types.js';

export class RateLimiter {
  #hits = new Map<string, number[]>();

  /** Records a hit; returns the seconds to wait when over the limit, else `undefined`. */
  hit(key: string, limit: RateLimit, nowMs: number): number | undefined {
    const since = nowMs - limit.windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > since);
    if (hits.length >= limit.limit) {
      this.#hits.set(key, hits);
      const oldest = hits[0] as number;
      return Math.max(1, Math.ceil((oldest + limit.windowMs - nowMs) / 1000));
    }
    hits.push(nowMs);
    this.#hits.set(key, hits);
    return undefined;
  }

  clear(): void {
    this.#hits.clear();
  }
}
