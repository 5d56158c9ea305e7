import {
  createConcatAssembler,
  createWebhookHandler,
  type DeliveryReportEvent,
  type InboundMessageEvent,
} from '@sms-partner/core';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConcatStore, createRedisDedupeStore } from '../src/index.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { serveWebhook } from './webhook-server.js';

let redis: RedisServer;
let client: Redis;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

describe('createRedisDedupeStore', () => {
  it('claims once, reports in-flight and handled keys, and frees only a claim', async () => {
    const store = createRedisDedupeStore({ connection: client, prefix: 'd1:' });
    expect(await store.claim('a', 60_000)).toBe('claimed');
    expect(await store.claim('a', 60_000)).toBe('in_flight');
    await store.delete('a');
    expect(await store.claim('a', 60_000)).toBe('claimed');
    await store.markHandled('a', 60_000);
    expect(await store.claim('a', 60_000)).toBe('handled');
    // A handled key is never freed by a late failure elsewhere.
    await store.delete('a');
    expect(await store.claim('a', 60_000)).toBe('handled');
    await store.close();
  });

  it('lets an expired lease be claimed again (a process died mid-handler)', async () => {
    const store = createRedisDedupeStore({ connection: client, prefix: 'd2:' });
    expect(await store.claim('k', 50)).toBe('claimed');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.claim('k', 50)).toBe('claimed');
  });

  it('bounds every TTL by maxTtlMs', async () => {
    const store = createRedisDedupeStore({ connection: client, prefix: 'd3:', maxTtlMs: 10_000 });
    await store.markHandled('k', 365 * 86_400_000);
    expect(await client.pttl('d3:k')).toBeLessThanOrEqual(10_000);
    expect(await store.setIfAbsent('o', 365 * 86_400_000)).toBe(true);
    expect(await client.pttl('d3:o')).toBeLessThanOrEqual(10_000);
    await expect(store.claim('x', 0)).rejects.toThrow(/leaseMs/);
  });

  it('keeps the one-phase protocol: setIfAbsent is true once, delete frees it', async () => {
    const store = createRedisDedupeStore({ connection: client, prefix: 'd4:' });
    expect(await store.setIfAbsent('k', 60_000)).toBe(true);
    expect(await store.setIfAbsent('k', 60_000)).toBe(false);
    expect(await store.claim('k', 60_000)).toBe('handled');
    await store.delete('k');
    expect(await store.setIfAbsent('k', 60_000)).toBe(true);
  });

  it('admits exactly one of many concurrent claims of a key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 20 }),
        async (key, racers) => {
          const prefix = `d5r:${Math.random()}:`;
          const shared = Array.from({ length: racers }, () =>
            createRedisDedupeStore({ connection: redis.url, prefix }),
          );
          const results = await Promise.all(shared.map((store) => store.claim(key, 60_000)));
          await Promise.all(shared.map((store) => store.close()));
          return (
            results.filter((r) => r === 'claimed').length === 1 &&
            results.every((r) => r === 'claimed' || r === 'in_flight')
          );
        },
      ),
      // Each run opens Redis clients and races them: a few dozen runs, whatever FC_NUM_RUNS says.
      { numRuns: 25 },
    );
  });
});

describe('createRedisConcatStore', () => {
  const part = (n: number, total: number, text: string): InboundMessageEvent =>
    ({
      type: 'inbound_message',
      messageId: `m${n}`,
      from: '+33611111111',
      to: '+33700000000',
      text,
      concat: { ref: '42', part: n, total },
      raw: {},
    }) as unknown as InboundMessageEvent;

  it('reassembles parts received by two instances, whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.integer(),
        async (texts, sides, seed) => {
          const prefix = `c1:${Math.random()}:`;
          const a = createConcatAssembler({
            store: createRedisConcatStore({ connection: client, prefix }),
          });
          const b = createConcatAssembler({
            store: createRedisConcatStore({ connection: client, prefix }),
          });
          const order = texts
            .map((_, i) => i)
            .sort((x, y) => ((x * 7919 + seed) % 13) - ((y * 7919 + seed) % 13));
          let done: string | undefined;
          for (const [step, index] of order.entries()) {
            const result = await (sides[step] ? a : b).add(
              part(index + 1, texts.length, texts[index]!),
            );
            if (result.status === 'complete') {
              done = result.event.text;
              await result.commit();
            }
          }
          return done === texts.join('') && (await client.keys(`${prefix}*`)).length === 0;
        },
      ),
      // Each run is a few dozen Redis round trips: a fixed, small number of runs.
      { numRuns: 30 },
    );
  });

  it('keeps both parts when two instances store different parts at the same instant', async () => {
    const prefix = 'c2:';
    const store = createRedisConcatStore({ connection: client, prefix });
    const base = { firstSeenAt: 1, total: 3, from: '+33611111111', parts: {} };
    await Promise.all([
      store.set('k', { ...base, parts: { '1': { messageId: 'a', text: 'x', raw: {} } } }, 60_000),
      store.set(
        'k',
        { ...base, firstSeenAt: 2, parts: { '2': { messageId: 'b', text: 'y', raw: {} } } },
        60_000,
      ),
    ]);
    const entry = await store.get('k');
    expect(Object.keys(entry!.parts).sort()).toEqual(['1', '2']);
    expect(await store.keys()).toEqual(['k']);
    expect(await client.pttl('c2:k')).toBeLessThanOrEqual(60_000);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('bounds the TTL by maxTtlMs', async () => {
    const store = createRedisConcatStore({ connection: client, prefix: 'c3:', maxTtlMs: 5_000 });
    await store.set('k', { firstSeenAt: 1, total: 2, from: 'x', parts: {} }, 86_400_000);
    expect(await client.pttl('c3:k')).toBeLessThanOrEqual(5_000);
  });
});

describe('two webhook instances sharing the Redis store', () => {
  it('hands a delivery report sent to both to the handler once, over HTTP', async () => {
    const secret = 'shared-secret-long-enough-for-the-handler-0123456789';
    const seen: DeliveryReportEvent[] = [];
    const instances = await Promise.all(
      [1, 2].map(() =>
        serveWebhook(
          createWebhookHandler({
            secret,
            dedupeStore: createRedisDedupeStore({ connection: redis.url, prefix: 'wh:' }),
            onDeliveryReport: async (report) => {
              // Slow enough that the second copy arrives while the first is in flight.
              await new Promise((resolve) => setTimeout(resolve, 200));
              seen.push(report);
            },
          }),
        ),
      ),
    );
    const body = JSON.stringify({
      msgId: '777',
      phone: '+33612345678',
      status: 'delivered',
      date: 1718000000,
    });
    const post = (url: string) =>
      fetch(`${url}?token=${secret}&kind=dlr`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const first = await Promise.all(instances.map((instance) => post(instance.url)));
    // Two-phase: the copy that arrives while the first is being handled is told to come back.
    expect(first.map((response) => response.status).sort()).toEqual([200, 503]);
    // The platform retries what was not answered 200 (an in-flight duplicate gets 503).
    const retried = await Promise.all(
      instances.map((instance, i) =>
        first[i]!.status === 200
          ? first[i]
          : new Promise((r) => setTimeout(r, 400)).then(() => post(instance.url)),
      ),
    );
    expect(retried.map((response) => response!.status)).toEqual([200, 200]);
    const again = await Promise.all(instances.map((instance) => post(instance.url)));
    expect(await Promise.all(again.map((response) => response.json()))).toEqual([
      expect.objectContaining({ duplicate: true }),
      expect.objectContaining({ duplicate: true }),
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ messageId: '777', status: 'delivered' });
    await Promise.all(instances.map((instance) => instance.close()));
  });
});
