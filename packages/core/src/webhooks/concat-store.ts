/**
 * Where the parts of multipart inbound messages wait for their siblings: the store interface and
 * its bounded in-memory default.
 *
 * @example
 * ```ts
 * import { createConcatAssembler, createMemoryConcatStore } from '@sms-partner/core';
 *
 * const assembler = createConcatAssembler({ store: createMemoryConcatStore({ maxEntries: 500 }) });
 * ```
 * @packageDocumentation
 */

import { positiveInteger } from './internal/options.js';
import type { WebhookPayload } from './types.js';

/** One stored part (plain data, so that a store may serialise it as JSON). */
export interface StoredConcatPart {
  /** The part's own `messageId`. */
  messageId: string;
  /** The part's text. */
  text: string;
  /** Epoch milliseconds of `message-timestamp`, when known. */
  timestamp?: number;
  /** `keyword` of the part (the first part's is the message's). */
  keyword?: string;
  /** `type` of the part (`text`, `unicode`). */
  messageType?: string;
  /** The part's payload as received. */
  raw: WebhookPayload;
}

/** What a {@link ConcatStore} keeps per message being reassembled (JSON-serialisable). */
export interface ConcatEntry {
  /** Epoch milliseconds at which the first part arrived. */
  firstSeenAt: number;
  /** `concat-total` of the first part seen. */
  total: number;
  /** Sender (`msisdn`). */
  from: string;
  /** Recipient virtual number (`to`). */
  to?: string;
  /** Parts received so far, keyed by position ("1", "2", ...). */
  parts: Record<string, StoredConcatPart>;
}

/**
 * Where parts wait for their siblings. Implement it over Redis, a database or a KV store when
 * callbacks are received by more than one process; the in-memory default is per process.
 *
 * The assembler serialises operations per key within a process; across processes, two parts of
 * one message arriving at the same instant can race on `get`/`set` unless the store is
 * transactional or callbacks for one sender reach one process.
 */
export interface ConcatStore {
  /** The entry stored under `key`, or `undefined`. */
  get(key: string): Promise<ConcatEntry | undefined>;
  /**
   * Stores the entry; keep it at least `ttlMs` (timeout + 24 h; it may be dropped after that).
   * The assembler deletes entries itself; the TTL only guards against leaks.
   */
  set(key: string, entry: ConcatEntry, ttlMs: number): Promise<void>;
  /** Removes the entry (no error when absent). */
  delete(key: string): Promise<void>;
  /** Lists keys, so that {@link ConcatAssembler.flushExpired} can find timed-out messages. */
  keys?(): Promise<readonly string[]>;
}

/** Options of {@link createMemoryConcatStore}. */
export interface MemoryConcatStoreOptions {
  /**
   * Most messages kept waiting at once; past it the oldest is dropped, so that a flood of first
   * parts cannot exhaust memory.
   * @default 1000
   */
  maxEntries?: number;
  /** Clock in epoch milliseconds (inject one in tests). @default Date.now */
  now?: () => number;
}

/**
 * The default {@link ConcatStore}: a bounded in-process map.
 *
 * @example
 * ```ts
 * const store = createMemoryConcatStore({ maxEntries: 500 });
 * ```
 */
export function createMemoryConcatStore(options: MemoryConcatStoreOptions = {}): ConcatStore {
  const maxEntries = positiveInteger(options.maxEntries ?? 1000, 'maxEntries');
  const now = options.now ?? Date.now;
  const entries = new Map<string, { entry: ConcatEntry; expiresAt: number }>();
  const live = (key: string) => {
    const item = entries.get(key);
    if (item && item.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return item;
  };
  return {
    async get(key) {
      return live(key)?.entry;
    },
    async set(key, entry, ttlMs) {
      entries.delete(key);
      entries.set(key, { entry, expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    async delete(key) {
      entries.delete(key);
    },
    async keys() {
      return [...entries.keys()].filter((key) => live(key) !== undefined);
    },
  };
}
