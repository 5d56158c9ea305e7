/**
 * A Redis {@link DedupeStore} for core's webhook handler, so that every instance behind a load
 * balancer shares one view of which callbacks were handled.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from '@sms-partner/core';
 * import { createRedisDedupeStore } from '@sms-partner/bullmq';
 *
 * const handle = createWebhookHandler({
 *   secret,
 *   dedupeStore: createRedisDedupeStore({ connection: 'redis://127.0.0.1:6379' }),
 *   onDeliveryReport: (report) => outbox.recordDeliveryReport(report),
 * });
 * ```
 * @packageDocumentation
 */
import type { DedupeClaim, DedupeStore } from '@sms-partner/core';
import { openRedis, type RedisConnection } from './connection.js';
import { Script } from './internal/script.js';

/** What {@link RedisDedupeStore.claim} found (core's `DedupeClaim`). */
export type DedupeClaimResult = DedupeClaim;

/** Options of {@link createRedisDedupeStore}. */
export interface RedisDedupeStoreOptions {
  /** The Redis to use: a client (shared, not closed by {@link RedisDedupeStore.close}), its options or a URL. */
  connection: RedisConnection;
  /**
   * Prefix of every key. Core hashes event keys before they reach a store of yours, so keys are
   * `prefix` + a fixed-size digest and hold no phone number. Put it in braces (`'{sms}:dedupe:'`)
   * on Redis Cluster.
   * @default 'sms-partner:dedupe:'
   */
  prefix?: string;
  /**
   * Longest time any key is kept, whatever the handler asks: memory stays bounded even if a
   * caller passes a huge TTL. Delivery reports may be repeated for up to 48 hours.
   * @default 604800000 (7 days)
   */
  maxTtlMs?: number;
}

/**
 * A {@link DedupeStore} over Redis with the two-phase protocol: `claim` marks an event in flight
 * for a lease, `markHandled` keeps it as handled for the TTL, `delete` frees a claim whose
 * handling failed (never a handled key). `setIfAbsent` is there for handlers that predate
 * `claim`.
 */
export interface RedisDedupeStore extends DedupeStore {
  /** Claims `key` as in flight for `leaseMs` when absent; else says whether it is in flight or handled. */
  claim(key: string, leaseMs: number): Promise<DedupeClaimResult>;
  /** Marks a key as handled, kept for `ttlMs` (bounded by `maxTtlMs`). */
  markHandled(key: string, ttlMs: number): Promise<void>;
  /** Closes the Redis client when this store created it. */
  close(): Promise<void>;
}

// 'p' = in flight (claimed), 'h' = handled, 'o' = set by the one-phase setIfAbsent.
const CLAIM = new Script(`
if redis.call('SET', KEYS[1], 'p', 'NX', 'PX', ARGV[1]) then return 'claimed' end
local value = redis.call('GET', KEYS[1])
if value == 'h' or value == 'o' then return 'handled' end
if value == false then
  -- Expired between the two calls: claim it now.
  redis.call('SET', KEYS[1], 'p', 'PX', ARGV[1])
  return 'claimed'
end
return 'in_flight'
`);

const RELEASE = new Script(`
local value = redis.call('GET', KEYS[1])
if value == 'p' or value == 'o' then redis.call('DEL', KEYS[1]) return 1 end
return 0
`);

function bounded(value: number, max: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive number of milliseconds; received ${value}.`);
  }
  return Math.max(1, Math.min(Math.ceil(value), max));
}

/**
 * Creates a {@link RedisDedupeStore}.
 *
 * @example
 * ```ts
 * const store = createRedisDedupeStore({ connection: redis, prefix: '{sms}:dedupe:' });
 * await store.claim('k', 60_000); // 'claimed'
 * await store.markHandled('k', 86_400_000);
 * await store.claim('k', 60_000); // 'handled'
 * ```
 */
export function createRedisDedupeStore(options: RedisDedupeStoreOptions): RedisDedupeStore {
  const prefix = options.prefix ?? 'sms-partner:dedupe:';
  const maxTtlMs = options.maxTtlMs ?? 7 * 86_400_000;
  if (!Number.isSafeInteger(maxTtlMs) || maxTtlMs < 1) {
    throw new RangeError(`maxTtlMs must be a positive integer; received ${maxTtlMs}.`);
  }
  const { redis, close } = openRedis(options.connection);
  return {
    async setIfAbsent(key, ttlMs) {
      const ttl = bounded(ttlMs, maxTtlMs, 'ttlMs');
      return (await redis.set(prefix + key, 'o', 'PX', ttl, 'NX')) === 'OK';
    },
    async delete(key) {
      await RELEASE.run(redis, [prefix + key], []);
    },
    async claim(key, leaseMs) {
      const lease = bounded(leaseMs, maxTtlMs, 'leaseMs');
      return (await CLAIM.run(redis, [prefix + key], [lease])) as DedupeClaimResult;
    },
    async markHandled(key, ttlMs) {
      await redis.set(prefix + key, 'h', 'PX', bounded(ttlMs, maxTtlMs, 'ttlMs'));
    },
    close,
  };
}
