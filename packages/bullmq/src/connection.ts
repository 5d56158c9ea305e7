import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * How to reach Redis: an ioredis client you own (it is shared, never closed by this package), its
 * options, or a `redis://` URL (a client is then created and closed by this package).
 */
export type RedisConnection = Redis | RedisOptions | string;

/** @internal A client plus whether this package must close it. */
export interface OwnedRedis {
  readonly redis: Redis;
  close(): Promise<void>;
}

/** @internal */
export function openRedis(connection: RedisConnection, options: RedisOptions = {}): OwnedRedis {
  if (connection instanceof Redis) return { redis: connection, close: async () => {} };
  const redis =
    typeof connection === 'string'
      ? new Redis(connection, options)
      : new Redis({ ...connection, ...options });
  return {
    redis,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** @internal Options BullMQ can take for its own connections, derived from ours. */
export function bullConnection(connection: RedisConnection): ConnectionOptions {
  if (connection instanceof Redis) return connection as unknown as ConnectionOptions;
  if (typeof connection === 'string') {
    const url = new URL(connection);
    return {
      host: url.hostname,
      port: url.port ? Number(url.port) : 6379,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      maxRetriesPerRequest: null,
    } as ConnectionOptions;
  }
  return { ...connection, maxRetriesPerRequest: null } as ConnectionOptions;
}
