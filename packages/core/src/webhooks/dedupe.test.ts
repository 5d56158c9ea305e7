import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { createMemoryDedupeStore, defaultDedupeKey, hashDedupeKey } from './dedupe.js';
import { parseDeliveryReport } from './delivery-report.js';
import { WebhookError } from './errors.js';
import { parseHlrResult } from './hlr.js';
import { parseInboundMessage } from './inbound-message.js';
import { parseReply } from './reply.js';

describe('createMemoryDedupeStore', () => {
  it('claims a key once until its TTL passes (injected clock)', async () => {
    let now = 1000;
    const store = createMemoryDedupeStore({ now: () => now });
    expect(await store.setIfAbsent('a', 500)).toBe(true);
    expect(await store.setIfAbsent('a', 500)).toBe(false);
    now = 1499;
    expect(await store.setIfAbsent('a', 500)).toBe(false);
    now = 1500;
    expect(await store.setIfAbsent('a', 500)).toBe(true);
    expect(await store.setIfAbsent('a', 500)).toBe(false);
  });

  it('forgets the oldest keys beyond maxEntries', async () => {
    const store = createMemoryDedupeStore({ maxEntries: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd']) expect(await store.setIfAbsent(key, 1000)).toBe(true);
    // 'a' was evicted by 'd'; 'b', 'c', 'd' are still remembered.
    expect(await store.setIfAbsent('b', 1000)).toBe(false);
    expect(await store.setIfAbsent('d', 1000)).toBe(false);
    expect(await store.setIfAbsent('a', 1000)).toBe(true);
    // Re-adding 'a' evicted 'b', the oldest.
    expect(await store.setIfAbsent('b', 1000)).toBe(true);
  });

  it('stays bounded under a flood of distinct keys', async () => {
    let now = 0;
    const store = createMemoryDedupeStore({ maxEntries: 100, now: () => now });
    for (let index = 0; index < 5000; index++) {
      now = index;
      await store.setIfAbsent(`k${index}`, 1_000_000);
    }
    // Only the last 100 keys are remembered.
    expect(await store.setIfAbsent('k4999', 1_000_000)).toBe(false);
    expect(await store.setIfAbsent('k4900', 1_000_000)).toBe(false);
    expect(await store.setIfAbsent('k4899', 1_000_000)).toBe(true);
  });

  it('delete releases a key', async () => {
    const store = createMemoryDedupeStore();
    await store.setIfAbsent('a', 1000);
    await store.delete('a');
    expect(await store.setIfAbsent('a', 1000)).toBe(true);
  });

  it('claim: claimed, then in_flight until markHandled, then handled; delete frees it', async () => {
    const store = createMemoryDedupeStore({ now: () => 0 });
    expect(await store.claim('a', 1000)).toBe('claimed');
    expect(await store.claim('a', 1000)).toBe('in_flight');
    expect(await store.setIfAbsent('a', 1000)).toBe(false);
    await store.markHandled('a', 5000);
    expect(await store.claim('a', 1000)).toBe('handled');
    await store.delete('a');
    expect(await store.claim('a', 1000)).toBe('claimed');
    // setIfAbsent records a handled key.
    expect(await store.setIfAbsent('b', 1000)).toBe(true);
    expect(await store.claim('b', 1000)).toBe('handled');
  });

  it('a lease expires after leaseMs, a handled key after ttlMs (injected clock)', async () => {
    let now = 0;
    const store = createMemoryDedupeStore({ now: () => now });
    expect(await store.claim('a', 100)).toBe('claimed');
    now = 99;
    expect(await store.claim('a', 100)).toBe('in_flight');
    now = 100;
    expect(await store.claim('a', 100)).toBe('claimed');
    await store.markHandled('a', 1000);
    now = 1099;
    expect(await store.claim('a', 100)).toBe('handled');
    now = 1100;
    expect(await store.claim('a', 100)).toBe('claimed');
  });

  it('matches a model under any sequence of operations and clock moves', async () => {
    type Op =
      | { op: 'claim' | 'setIfAbsent'; key: string; ms: number }
      | { op: 'markHandled'; key: string; ms: number }
      | { op: 'delete'; key: string }
      | { op: 'tick'; ms: number };
    const key = fc.constantFrom('a', 'b', 'c');
    const ms = fc.integer({ min: 1, max: 50 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constantFrom('claim', 'setIfAbsent', 'markHandled'), key, ms }),
      fc.record({ op: fc.constant('delete'), key }),
      fc.record({ op: fc.constant('tick'), ms }),
    ) as fc.Arbitrary<Op>;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        let now = 0;
        const store = createMemoryDedupeStore({ now: () => now });
        const model = new Map<string, { until: number; handled: boolean }>();
        const live = (k: string) => {
          const entry = model.get(k);
          return entry && entry.until > now ? entry : undefined;
        };
        for (const step of ops) {
          if (step.op === 'tick') now += step.ms;
          else if (step.op === 'delete') {
            await store.delete(step.key);
            model.delete(step.key);
          } else if (step.op === 'markHandled') {
            await store.markHandled(step.key, step.ms);
            model.set(step.key, { until: now + step.ms, handled: true });
          } else if (step.op === 'claim') {
            const entry = live(step.key);
            const expected = entry ? (entry.handled ? 'handled' : 'in_flight') : 'claimed';
            expect(await store.claim(step.key, step.ms)).toBe(expected);
            if (!entry) model.set(step.key, { until: now + step.ms, handled: false });
          } else {
            const entry = live(step.key);
            expect(await store.setIfAbsent(step.key, step.ms)).toBe(!entry);
            if (!entry) model.set(step.key, { until: now + step.ms, handled: true });
          }
        }
      }),
      { numRuns: Math.min(numRuns, 2000) },
    );
  });

  it('in-flight keys count towards maxEntries too; the oldest recorded goes first', async () => {
    const store = createMemoryDedupeStore({ maxEntries: 2, now: () => 0 });
    expect(await store.claim('a', 1000)).toBe('claimed');
    expect(await store.claim('b', 1000)).toBe('claimed');
    await store.markHandled('b', 1000); // keeps its place: 'a' is still the oldest
    expect(await store.claim('c', 1000)).toBe('claimed'); // evicts 'a'
    expect(await store.claim('b', 1000)).toBe('handled');
    expect(await store.claim('a', 1000)).toBe('claimed'); // evicts 'b'
    expect(await store.claim('b', 1000)).toBe('claimed');
  });

  it('a deleted key leaves a hole that is skipped; the bound holds under any churn', async () => {
    let now = 0;
    const store = createMemoryDedupeStore({ maxEntries: 50, now: () => now });
    for (let index = 0; index < 20_000; index++) {
      now = index;
      const key = `k${index % 997}`;
      const found = await store.claim(key, 1 + (index % 7) * 100);
      if (found === 'claimed' && index % 3 === 0) await store.delete(key);
      else if (found === 'claimed') await store.markHandled(key, 500 + (index % 11) * 1000);
    }
    // Then 200 fresh keys: exactly the 50 most recent are remembered, whatever holes the churn
    // left (asked newest first, so that re-recording one never evicts another still to be asked).
    for (let index = 0; index < 200; index++)
      expect(await store.claim(`f${index}`, 1e9)).toBe('claimed');
    const answers: string[] = [];
    for (let index = 199; index >= 0; index--) answers.push(await store.claim(`f${index}`, 1e9));
    expect(answers.slice(0, 50).every((answer) => answer === 'in_flight')).toBe(true);
    expect(answers.slice(50).every((answer) => answer === 'claimed')).toBe(true);
  });

  it('refuses a bad maxEntries', () => {
    expect(() => createMemoryDedupeStore({ maxEntries: 0 })).toThrow(WebhookError);
  });
});

describe('defaultDedupeKey', () => {
  const dlr = (payload: Record<string, unknown>) => defaultDedupeKey(parseDeliveryReport(payload));
  it('DLR: same id, number and status are one event whatever the date and casing', () => {
    const base = { msgId: '1', phone: '+33600000000', status: 'delivered' };
    expect(dlr({ ...base, date: 1 })).toBe(dlr({ ...base, date: 2, status: 'Delivered' }));
    expect(dlr(base)).not.toBe(dlr({ ...base, status: 'waiting' }));
    expect(dlr(base)).not.toBe(dlr({ ...base, phone: '+33600000001' }));
    expect(dlr(base)).not.toBe(dlr({ ...base, msgId: '2' }));
    expect(dlr({ msgId: '1', status: 'delivered' })).not.toBe(dlr(base));
  });
  it('reply and STOP: keyed by id, number and text; a STOP and a reply never collide', () => {
    const reply = (payload: Record<string, unknown>) => defaultDedupeKey(parseReply(payload));
    const base = { type: 'response', phone_number: '+33600000000', text: 'Oui', message_id: 1 };
    expect(reply(base)).toBe(reply({ ...base }));
    expect(reply(base)).not.toBe(reply({ ...base, text: 'Non' }));
    expect(reply({ ...base, type: 'stop', text: 'Stop' })).not.toBe(
      reply({ ...base, text: 'Stop' }),
    );
  });
  it('fields cannot run into each other', () => {
    const a = defaultDedupeKey(parseReply({ phone_number: '+336', text: 'ab', message_id: '1' }));
    const b = defaultDedupeKey(parseReply({ phone_number: '+336', text: 'b', message_id: '1a' }));
    expect(a).not.toBe(b);
  });
  it('inbound: one key per part messageId; HLR: id, number and date', () => {
    const inbound = (messageId: string) =>
      defaultDedupeKey(parseInboundMessage({ msisdn: '336', messageId, text: 'x' }));
    expect(inbound('a')).toBe(inbound('a'));
    expect(inbound('a')).not.toBe(inbound('b'));
    const hlr = (date: string) =>
      defaultDedupeKey(parseHlrResult({ phone: '+33600000000', messageId: 'h', date }));
    expect(hlr('2018-03-05T10:34:52Z')).not.toBe(hlr('2018-03-06T10:34:52Z'));
  });
  it('hashDedupeKey gives fixed-size SHA-256 keys', async () => {
    const hashed = await hashDedupeKey('x'.repeat(100_000));
    expect(hashed).toMatch(/^sms-partner:webhook:[0-9a-f]{64}$/);
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(await hashDedupeKey('abc')).toBe(
      'sms-partner:webhook:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
