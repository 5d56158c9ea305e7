import { describe, expect, it } from 'vitest';
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
