/**
 * Deduplication: SMS Partner may call a URL again for the same event (retries are not
 * documented, so assume they happen), and user handlers should see each event once.
 *
 * The handler derives a key from each event (see {@link defaultDedupeKey}), hashes it with
 * SHA-256 when the store is yours (the built-in in-memory store keeps it as is), and deduplicates
 * in two phases when the store can ({@link DedupeStore.claim} and {@link DedupeStore.markHandled},
 * as the built-in store does):
 *
 * 1. `claim(key, leaseMs)` marks the event as in flight for a lease (`dedupeLeaseMs`, 1 minute);
 * 2. your handler runs; when it succeeds, `markHandled(key, ttlMs)` remembers the event as handled
 *    for `dedupeTtlMs` (24 hours) and the answer is 200; when it throws, the key is deleted and the
 *    answer is 500, so that SMS Partner's retry reaches your handler again.
 *
 * A copy that arrives while the first is in flight is answered 503 with `retry-after: 1` and does
 * not call your handler: its retry finds the event handled (200, duplicate) or free again (the
 * first attempt failed, or the process died and the lease expired). Only a handled event counts as
 * a duplicate, so a failure never loses an event. A store with only `setIfAbsent`/`delete` is used
 * as before: the key is taken for the whole TTL before your handler runs (a copy arriving during
 * that first attempt is answered 200 duplicate, and lost if the attempt then fails).
 *
 * @example
 * ```ts
 * import { createMemoryDedupeStore, createWebhookHandler } from '@sms-partner/core';
 *
 * const handler = createWebhookHandler({
 *   secret,
 *   dedupeStore: createMemoryDedupeStore({ maxEntries: 50_000 }),
 *   dedupeTtlMs: 48 * 3_600_000,
 *   dedupeLeaseMs: 30_000, // your handler never takes longer than this
 *   onDeliveryReport: async (report) => db.saveStatus(report.messageId, report.status),
 * });
 * ```
 * @packageDocumentation
 */

import { MemoryDedupeTable } from './internal/memory-dedupe.js';
import { utf8 } from './internal/utf8.js';
import type { SmsPartnerWebhookEvent } from './types.js';

/**
 * What {@link DedupeStore.claim} found under a key: `'claimed'` (it was free and is now in flight,
 * held by the caller), `'in_flight'` (another attempt holds it) or `'handled'` (the event was
 * handled already).
 */
export type DedupeClaim = 'claimed' | 'in_flight' | 'handled';

/**
 * Remembers which events were handled. Implement it over Redis, a database unique index or a KV
 * store when several processes receive callbacks.
 *
 * Implement `claim` and `markHandled` (both, or neither) for the two-phase deduplication described
 * in this module, which never loses an event; over Redis: `claim` is one script running
 * `SET key p NX PX leaseMs` and else `GET key`, `markHandled` is `SET key h PX ttlMs`, `delete`
 * deletes only while the value is still `p`. A store with only `setIfAbsent` and `delete`
 * (`SET key 1 NX PX ttl`, `DEL key`) still works, with the weakness described above.
 */
export interface DedupeStore {
  /**
   * Records `key` for `ttlMs` if it is not there yet, atomically. Resolves `true` when the key
   * was absent (first sighting: handle the event), `false` when it was present (duplicate).
   * Used only when the store has no `claim`/`markHandled`.
   */
  setIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets `key` (called when handling failed, so that a retry is handled). */
  delete(key: string): Promise<void>;
  /**
   * Optional, with `markHandled`: when `key` is absent, records it as in flight for `leaseMs` and
   * resolves `'claimed'`, atomically; otherwise resolves what is there (`'in_flight'` or
   * `'handled'`). An expired lease or TTL counts as absent.
   */
  claim?(key: string, leaseMs: number): Promise<DedupeClaim>;
  /** Optional, with `claim`: records a claimed `key` as handled, remembered for `ttlMs`. */
  markHandled?(key: string, ttlMs: number): Promise<void>;
}

/** Options of {@link createMemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /**
   * Most keys remembered; past it the oldest are forgotten first (FIFO), so memory stays bounded
   * whatever the traffic. Keys are short (kind, id, number, status): 10,000 take about 1.5 MB.
   * @default 10000
   */
  maxEntries?: number;
  /** Clock in epoch milliseconds (inject one in tests). @default Date.now */
  now?: () => number;
}

/**
 * The default {@link DedupeStore}, with the two-phase `claim`/`markHandled`: in-process, bounded
 * in size (oldest first out, in flight or handled, by when each key was first recorded) and in
 * time (each key expires after the lease or TTL it was last set with). Per process: use a shared
 * store when several instances receive callbacks.
 *
 * @example
 * ```ts
 * let now = 0;
 * const store = createMemoryDedupeStore({ maxEntries: 2, now: () => now });
 * await store.claim('a', 1000); // 'claimed'
 * await store.claim('a', 1000); // 'in_flight'
 * await store.markHandled('a', 60_000);
 * await store.claim('a', 1000); // 'handled'
 * await store.setIfAbsent('b', 1000); // true (the one-phase method)
 * now = 1000;
 * await store.setIfAbsent('b', 1000); // true (expired)
 * ```
 */
export function createMemoryDedupeStore(
  options: MemoryDedupeStoreOptions = {},
): Required<DedupeStore> {
  const table = new MemoryDedupeTable(options);
  return {
    setIfAbsent: async (key, ttlMs) => table.setIfAbsent(key, ttlMs),
    claim: async (key, leaseMs) => table.claim(key, leaseMs),
    markHandled: async (key, ttlMs) => table.markHandled(key, ttlMs),
    delete: async (key) => table.delete(key),
  };
}

/**
 * The key under which an event counts as "already handled", or `undefined` to never deduplicate
 * it:
 *
 * - delivery report: message id + number + status as received (lower-cased), so `waiting` then
 *   `delivered` are two events but a repeated `delivered` is one;
 * - reply / STOP: type + message id + number + text. There is no per-reply id, so the same person
 *   sending the same text to the same campaign twice within the TTL counts once; pass your own
 *   `dedupeKey` returning `undefined` for replies if that matters to you;
 * - inbound message: `messageId` (one per part, so parts are deduplicated before reassembly);
 * - HLR result: lookup id + number + date.
 *
 * @example
 * ```ts
 * defaultDedupeKey(parseDeliveryReport({ msgId: '1', phone: '+336', status: 'Delivered' }));
 * // 'delivery_report\u00001\u0000+336\u0000delivered'
 * ```
 */
export function defaultDedupeKey(event: SmsPartnerWebhookEvent): string | undefined {
  // Concatenated rather than joined from an array: this runs for every callback.
  const sep = '\u0000';
  switch (event.type) {
    case 'delivery_report':
      return `${event.type}${sep}${event.messageId}${sep}${event.phoneNumber ?? ''}${sep}${event.rawStatus.toLowerCase()}`;
    case 'reply':
    case 'stop':
      return `${event.type}${sep}${event.messageId ?? ''}${sep}${event.phoneNumber}${sep}${event.text}`;
    case 'inbound_message':
      return `${event.type}${sep}${event.messageId}${sep}${event.concat?.ref ?? ''}${sep}${event.concat ? String(event.concat.part) : ''}`;
    case 'hlr_result':
      return `${event.type}${sep}${event.messageId ?? ''}${sep}${event.phoneNumber}${sep}${event.date?.toISOString() ?? ''}`;
  }
}

/** SHA-256 of a dedupe key, hex, prefixed: fixed-size keys whatever the payload. */
export async function hashDedupeKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(key)));
  let hex = 'sms-partner:webhook:';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
