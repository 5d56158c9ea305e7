import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/fc.js';
import { multipartInboundCases, stringFields } from '../../test/fixtures/webhooks/index.js';
import { createConcatAssembler, isConcatReady } from './concat.js';
import { type ConcatStore, createMemoryConcatStore } from './concat-store.js';
import { WebhookError } from './errors.js';
import { parseInboundMessage } from './inbound-message.js';
import type { InboundMessageEvent } from './types.js';

// numRuns is 10,000 in CI; the limit only stops a hung run (nothing here is timed).
const PROPERTY_LIMIT = { timeout: 300_000 };

function part(
  ref: string,
  total: number,
  position: number,
  text: string,
  extra: Record<string, string> = {},
): InboundMessageEvent {
  return parseInboundMessage({
    msisdn: '33600000000',
    to: '33700000000',
    messageId: `${ref}-${position}`,
    text,
    concat: 'true',
    'concat-ref': ref,
    'concat-total': String(total),
    'concat-part': String(position),
    ...extra,
  });
}

describe('reassembly', () => {
  it('the fixture message reassembles identically in every order', async () => {
    const fixture = multipartInboundCases[0];
    if (!fixture) throw new Error('fixture missing');
    for (const order of [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]) {
      const assembler = createConcatAssembler();
      const results = [];
      for (const index of order) {
        results.push(
          await assembler.add(parseInboundMessage(stringFields(fixture.parts[index] ?? {}))),
        );
      }
      expect(results.slice(0, 2).map((result) => result.status)).toEqual(['pending', 'pending']);
      const last = results[2];
      if (!last || !isConcatReady(last)) throw new Error('not complete');
      expect(last.status).toBe('complete');
      expect(last.event.text).toBe(fixture.expected.text);
      expect(last.event.messageId).toBe(fixture.expected.messageId);
      expect(last.event.keyword).toBe(fixture.expected.keyword);
      expect(last.event.timestamp?.toISOString()).toBe(fixture.expected.timestamp);
      expect(last.event.parts?.map((p) => p.part)).toEqual([1, 2, 3]);
      expect(last.event.raw).toBe(last.event.parts?.[0]?.raw);
      expect([last.event.concat, last.event.partial, last.event.missingParts]).toEqual([
        undefined,
        false,
        [],
      ]);
    }
  });

  it(
    'any split of any text, sent in any order, comes back whole (property)',
    PROPERTY_LIMIT,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 8 }).chain((texts) =>
            fc.tuple(
              fc.constant(texts),
              fc.shuffledSubarray(
                texts.map((_, index) => index),
                {
                  minLength: texts.length,
                  maxLength: texts.length,
                },
              ),
            ),
          ),
          async ([texts, order]) => {
            const assembler = createConcatAssembler();
            const statuses: string[] = [];
            let text: string | undefined;
            for (const index of order) {
              const result = await assembler.add(
                part('9', texts.length, index + 1, texts[index] ?? ''),
              );
              statuses.push(result.status);
              if (isConcatReady(result)) text = result.event.text;
            }
            expect(statuses).toEqual([...Array(texts.length - 1).fill('pending'), 'complete']);
            expect(text).toBe(texts.join(''));
          },
        ),
        { numRuns },
      );
    },
  );

  it('keeps messages from different senders with the same ref apart', async () => {
    const assembler = createConcatAssembler();
    await assembler.add(part('1', 2, 1, 'A1', { msisdn: '33611111111' }));
    await assembler.add(part('1', 2, 1, 'B1', { msisdn: '33622222222' }));
    const a = await assembler.add(part('1', 2, 2, 'A2', { msisdn: '33611111111' }));
    expect(isConcatReady(a) && a.event.text).toBe('A1A2');
    const b = await assembler.add(part('1', 2, 2, 'B2', { msisdn: '33622222222' }));
    expect(isConcatReady(b) && [b.event.text, b.event.from]).toEqual(['B1B2', '33622222222']);
  });

  it('a repeated part replaces itself, it does not complete the message', async () => {
    const assembler = createConcatAssembler();
    await assembler.add(part('r', 2, 1, 'x'));
    expect((await assembler.add(part('r', 2, 1, 'x'))).status).toBe('pending');
  });

  it('commit forgets the parts; without commit the message can complete again (retry after a failure)', async () => {
    const assembler = createConcatAssembler();
    await assembler.add(part('c', 2, 1, 'a'));
    const first = await assembler.add(part('c', 2, 2, 'b'));
    expect(first.status).toBe('complete');
    const again = await assembler.add(part('c', 2, 2, 'b'));
    expect(again.status).toBe('complete');
    if (isConcatReady(again)) await again.commit();
    expect((await assembler.add(part('c', 2, 2, 'b'))).status).toBe('pending');
  });

  it('a single message passes straight through', async () => {
    const single = parseInboundMessage({ msisdn: '336', messageId: 'm', text: 'hi' });
    const result = await createConcatAssembler().add(single);
    expect(isConcatReady(result) && result.event).toBe(single);
  });

  it('serialises concurrent parts of one message', async () => {
    const assembler = createConcatAssembler();
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => assembler.add(part('z', 4, n, String(n)))),
    );
    const complete = results.filter(isConcatReady);
    expect(complete).toHaveLength(1);
    expect(complete[0]?.event.text).toBe('1234');
  });
});

describe('timeouts (injected clock)', () => {
  it('a late part of a timed-out message delivers it as partial, listing the missing parts', async () => {
    let now = 0;
    const assembler = createConcatAssembler({ timeoutMs: 1000, now: () => now });
    await assembler.add(part('t', 4, 1, 'one '));
    now = 999;
    expect((await assembler.add(part('t', 4, 3, 'three'))).status).toBe('pending');
    now = 1000;
    const late = await assembler.add(part('t', 4, 4, ' four'));
    if (!isConcatReady(late)) throw new Error(late.status);
    expect(late.status).toBe('partial');
    expect([late.event.text, late.event.partial, late.event.missingParts]).toEqual([
      'one three four',
      true,
      [2],
    ]);
  });

  it('a late part that completes the message delivers it whole', async () => {
    let now = 0;
    const assembler = createConcatAssembler({ timeoutMs: 1000, now: () => now });
    await assembler.add(part('w', 2, 2, 'b'));
    now = 50_000;
    expect((await assembler.add(part('w', 2, 1, 'a'))).status).toBe('complete');
  });

  it("onTimeout 'drop' discards an expired message", async () => {
    let now = 0;
    const assembler = createConcatAssembler({ timeoutMs: 1000, onTimeout: 'drop', now: () => now });
    await assembler.add(part('d', 3, 1, 'a'));
    now = 1000;
    expect(await assembler.add(part('d', 3, 2, 'b'))).toEqual({
      status: 'dropped',
      received: 2,
      total: 3,
    });
    now = 1001;
    expect((await assembler.add(part('d', 3, 3, 'c'))).status).toBe('pending');
    expect(await assembler.flushExpired()).toEqual([]);
  });

  it('flushExpired settles only expired messages, once', async () => {
    let now = 0;
    const assembler = createConcatAssembler({ timeoutMs: 1000, now: () => now });
    await assembler.add(part('old', 2, 2, 'tail'));
    now = 600;
    await assembler.add(part('new', 2, 1, 'head'));
    now = 1000;
    const flushed = await assembler.flushExpired();
    expect(flushed.map((event) => [event.text, event.partial, event.missingParts])).toEqual([
      ['tail', true, [1]],
    ]);
    expect(await assembler.flushExpired()).toEqual([]);
    now = 1600;
    expect((await assembler.flushExpired()).map((event) => event.text)).toEqual(['head']);
  });

  it('flushExpired needs a store that lists keys', async () => {
    const map = new Map();
    const store: ConcatStore = {
      get: async (key) => map.get(key),
      set: async (key, entry) => void map.set(key, entry),
      delete: async (key) => void map.delete(key),
    };
    let now = 0;
    const assembler = createConcatAssembler({ store, timeoutMs: 10, now: () => now });
    await assembler.add(part('k', 2, 1, 'a'));
    now = 100;
    expect(await assembler.flushExpired()).toEqual([]);
    expect(map.size).toBe(1);
  });
});

describe('createMemoryConcatStore', () => {
  it('drops the oldest entries beyond maxEntries and expires entries after their TTL', async () => {
    let now = 0;
    const store = createMemoryConcatStore({ maxEntries: 2, now: () => now });
    const entry = { firstSeenAt: 0, total: 2, from: '336', parts: {} };
    await store.set('a', entry, 100);
    await store.set('b', entry, 100);
    await store.set('c', entry, 100);
    expect(await store.keys?.()).toEqual(['b', 'c']);
    now = 100;
    expect(await store.get('b')).toBeUndefined();
    expect(await store.keys?.()).toEqual([]);
  });
  it('refuses bad options', () => {
    expect(() => createMemoryConcatStore({ maxEntries: -1 })).toThrow(WebhookError);
    expect(() => createConcatAssembler({ timeoutMs: 0 })).toThrow(WebhookError);
    expect(() => createConcatAssembler({ onTimeout: 'keep' as never })).toThrow(WebhookError);
  });
});
