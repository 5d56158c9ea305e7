/**
 * A Redis {@link ConcatStore}: the parts of multipart inbound SMS wait in Redis, so that parts
 * reaching different instances are put back together.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from '@sms-partner/core';
 * import { createRedisConcatStore } from '@sms-partner/bullmq';
 *
 * const handle = createWebhookHandler({
 *   secret,
 *   concatStore: createRedisConcatStore({ connection: redis }),
 *   onInboundMessage: (sms) => inbox.save(sms),
 * });
 * ```
 * @packageDocumentation
 */
import type { ConcatEntry, ConcatStore, StoredConcatPart } from '@sms-partner/core';
import { openRedis, type RedisConnection } from './connection.js';
import { Script } from './internal/script.js';

/** Options of {@link createRedisConcatStore}. */
export interface RedisConcatStoreOptions {
  /** The Redis to use: a client (shared, not closed by `close()`), its options or a URL. */
  connection: RedisConnection;
  /**
   * Prefix of every key (one hash per message being reassembled). Braces on Redis Cluster.
   * @default 'sms-partner:concat:'
   */
  prefix?: string;
  /**
   * Longest time an entry is kept, whatever TTL the assembler asks for.
   * @default 172800000 (48 hours)
   */
  maxTtlMs?: number;
}

/** A {@link ConcatStore} over Redis, with `keys()` so that timed-out messages can be flushed. */
export interface RedisConcatStore extends ConcatStore {
  keys(): Promise<readonly string[]>;
  /** Closes the Redis client when this store created it. */
  close(): Promise<void>;
}

// One hash per message: `m` holds the entry's own fields (the first writer's, so the earliest
// firstSeenAt wins), and each part has its own field `p:<position>`. `set` adds, never replaces:
// two instances storing different parts of one message at the same instant keep both parts.
const MERGE = new Script(`
redis.call('HSETNX', KEYS[1], 'm', ARGV[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`);

/**
 * Creates a {@link RedisConcatStore}.
 *
 * Parts are merged, never overwritten, so no part is lost when two instances receive parts of one
 * message at once. In that rare case neither instance may see the message complete at once; it is
 * then handed over, complete, by the next `flushExpired()` after the assembler's timeout.
 */
export function createRedisConcatStore(options: RedisConcatStoreOptions): RedisConcatStore {
  const prefix = options.prefix ?? 'sms-partner:concat:';
  const maxTtlMs = options.maxTtlMs ?? 48 * 3_600_000;
  if (!Number.isSafeInteger(maxTtlMs) || maxTtlMs < 1) {
    throw new RangeError(`maxTtlMs must be a positive integer; received ${maxTtlMs}.`);
  }
  const { redis, close } = openRedis(options.connection);
  return {
    async get(key) {
      const fields = await redis.hgetall(prefix + key);
      if (!fields.m) return undefined;
      const { firstSeenAt, total, from, to } = JSON.parse(fields.m) as Omit<ConcatEntry, 'parts'>;
      const parts: Record<string, StoredConcatPart> = {};
      for (const [field, value] of Object.entries(fields)) {
        if (field.startsWith('p:')) parts[field.slice(2)] = JSON.parse(value) as StoredConcatPart;
      }
      return { firstSeenAt, total, from, ...(to === undefined ? {} : { to }), parts };
    },
    async set(key, entry, ttlMs) {
      const ttl = Math.max(1, Math.min(Math.ceil(ttlMs), maxTtlMs));
      const { parts, ...meta } = entry;
      const args: (string | number)[] = [ttl, JSON.stringify(meta)];
      for (const [position, part] of Object.entries(parts)) {
        args.push(`p:${position}`, JSON.stringify(part));
      }
      await MERGE.run(redis, [prefix + key], args);
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
    async keys() {
      const found: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        for (const key of batch) found.push(key.slice(prefix.length));
      } while (cursor !== '0');
      return found;
    },
    close,
  };
}
