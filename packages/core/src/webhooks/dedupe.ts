/**
 * Deduplication: SMS Partner may call a URL again for the same event (retries are not
 * documented, so assume they happen), and user handlers should see each event once.
 *
 * The handler derives a key from each event (see {@link defaultDedupeKey}), hashes it with
 * SHA-256 when the store is yours (the built-in in-memory store keeps it as is) and claims it in a
 * {@link DedupeStore} before calling your handler; a claimed key means
 * a duplicate, answered 200 without calling anything. When your handler throws, the key is
 * released so that the provider's retry is handled.
 *
 * @example
 * ```ts
 * import { createMemoryDedupeStore, createWebhookHandler } from '@sms-partner/core';
 *
 * const handler = createWebhookHandler({
 *   secret,
 *   dedupeStore: createMemoryDedupeStore({ maxEntries: 50_000 }),
 *   dedupeTtlMs: 48 * 3_600_000,
 *   onDeliveryReport: async (report) => db.saveStatus(report.messageId, report.status),
 * });
 * ```
 * @packageDocumentation
 */

import { WebhookError } from './errors.js';
import { utf8 } from './internal/utf8.js';
import type { SmsPartnerWebhookEvent } from './types.js';

/**
 * Remembers which events were handled. Implement it over Redis (`SET key 1 NX PX ttl` and
 * `DEL key`), a database unique index or a KV store when several processes receive callbacks.
 */
export interface DedupeStore {
  /**
   * Records `key` for `ttlMs` if it is not there yet, atomically. Resolves `true` when the key
   * was absent (first sighting: handle the event), `false` when it was present (duplicate).
   */
  setIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets `key` (called when handling failed, so that a retry is handled). */
  delete(key: string): Promise<void>;
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
 * The default {@link DedupeStore}: in-process, bounded in size (oldest first out) and in time
 * (each key expires after the TTL it was set with). Per process: use a shared store when several
 * instances receive callbacks.
 *
 * @example
 * ```ts
 * let now = 0;
 * const store = createMemoryDedupeStore({ maxEntries: 2, now: () => now });
 * await store.setIfAbsent('a', 1000); // true
 * await store.setIfAbsent('a', 1000); // false (duplicate)
 * now = 1000;
 * await store.setIfAbsent('a', 1000); // true (expired)
 * ```
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): DedupeStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new WebhookError('invalid_configuration', 'maxEntries must be a positive integer.', {
      field: 'maxEntries',
    });
  }
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  return {
    async setIfAbsent(key, ttlMs) {
      const at = now();
      // Map keeps insertion order, so the oldest keys are at the front: sweep what has expired.
      for (const [oldKey, expiresAt] of expiries) {
        if (expiresAt > at) break;
        expiries.delete(oldKey);
      }
      const existing = expiries.get(key);
      if (existing !== undefined && existing > at) return false;
      expiries.delete(key);
      expiries.set(key, at + ttlMs);
      while (expiries.size > maxEntries) {
        const oldest = expiries.keys().next().value;
        if (oldest === undefined) break;
        expiries.delete(oldest);
      }
      return true;
    },
    async delete(key) {
      expiries.delete(key);
    },
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
  const join = (...parts: (string | undefined)[]) => parts.map((part) => part ?? '').join('\u0000');
  switch (event.type) {
    case 'delivery_report':
      return join(event.type, event.messageId, event.phoneNumber, event.rawStatus.toLowerCase());
    case 'reply':
    case 'stop':
      return join(event.type, event.messageId, event.phoneNumber, event.text);
    case 'inbound_message':
      return join(
        event.type,
        event.messageId,
        event.concat?.ref,
        event.concat && String(event.concat.part),
      );
    case 'hlr_result':
      return join(event.type, event.messageId, event.phoneNumber, event.date?.toISOString());
  }
}

/** SHA-256 of a dedupe key, hex, prefixed: fixed-size keys whatever the payload. */
export async function hashDedupeKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(key)));
  let hex = 'sms-partner:webhook:';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
