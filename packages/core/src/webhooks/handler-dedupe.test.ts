/**
 * Two-phase deduplication through the handler: only a handled event is a duplicate, a copy that
 * arrives while the first is in flight gets 503, a failure frees the key, a crash frees it once
 * the lease expires; stores with only setIfAbsent/delete keep the one-phase behaviour.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  answer,
  DLR,
  post,
  SECRET,
  setup,
  urlDlr,
} from '../../test/fixtures/webhooks/handler-kit.js';
import { createMemoryDedupeStore, type DedupeStore } from './dedupe.js';
import { WebhookError } from './errors.js';
import { createWebhookHandler } from './handler.js';

/** A promise and the functions that settle it, to hold a handler in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, ko) => {
    resolve = ok;
    reject = ko;
  });
  return { promise, resolve, reject };
}

/** Resolves once `check()` is true, polling the event loop (never a wall-clock wait). */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !check(); turn++) await new Promise((r) => setTimeout(r, 0));
  expect(check()).toBe(true);
}

describe('two-phase deduplication (built-in store)', () => {
  it('claimed, handled: 200, then every copy is a 200 duplicate that never reaches the handler', async () => {
    const { handle, onEvent } = setup();
    expect(await answer(await handle(post(urlDlr, DLR)))).toEqual({
      status: 200,
      body: { ok: true },
    });
    for (let copy = 0; copy < 3; copy++) {
      expect(await answer(await handle(post(urlDlr, DLR)))).toEqual({
        status: 200,
        body: { ok: true, duplicate: true },
      });
    }
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('claimed, handler throws: 500, the key is freed and the retry reaches the handler', async () => {
    let failures = 2;
    const seen: string[] = [];
    const onError = vi.fn();
    const handle = createWebhookHandler({
      secret: SECRET,
      onError,
      onDeliveryReport: async (report) => {
        seen.push(report.messageId);
        if (failures-- > 0) throw new Error('database down');
      },
    });
    expect((await handle(post(urlDlr, DLR))).status).toBe(500);
    expect((await handle(post(urlDlr, DLR))).status).toBe(500);
    expect(await answer(await handle(post(urlDlr, DLR)))).toEqual({
      status: 200,
      body: { ok: true },
    });
    // Handled once it succeeded: now, and only now, a duplicate.
    expect((await answer(await handle(post(urlDlr, DLR)))).body).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(seen).toEqual([DLR.msgId, DLR.msgId, DLR.msgId]);
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('a copy arriving while the first is in flight gets 503 retry-after 1 and never calls the handler', async () => {
    const gate = deferred();
    const calls: number[] = [];
    const handle = createWebhookHandler({
      secret: SECRET,
      onDeliveryReport: async () => {
        calls.push(calls.length);
        await gate.promise;
      },
    });
    const first = handle(post(urlDlr, DLR));
    await until(() => calls.length === 1);
    const copies = await Promise.all([handle(post(urlDlr, DLR)), handle(post(urlDlr, DLR))]);
    for (const copy of copies) {
      expect(copy.headers.get('retry-after')).toBe('1');
      expect(copy.headers.get('content-type')).toBe('application/json');
      expect(await answer(copy)).toEqual({ status: 503, body: { ok: false, error: 'in_flight' } });
    }
    expect(calls).toEqual([0]);
    gate.resolve();
    expect((await first).status).toBe(200);
    // The platform's retry of a 503 copy now finds the event handled.
    expect((await answer(await handle(post(urlDlr, DLR)))).body).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(calls).toEqual([0]);
  });

  it('in flight, then the first attempt fails: the retry of the 503 copy is handled (nothing lost)', async () => {
    const gate = deferred();
    let attempts = 0;
    const delivered: string[] = [];
    const handle = createWebhookHandler({
      secret: SECRET,
      onDeliveryReport: async (report) => {
        attempts++;
        if (attempts === 1) await gate.promise; // rejects below
        delivered.push(report.messageId);
      },
    });
    const first = handle(post(urlDlr, DLR));
    await until(() => attempts === 1);
    expect((await handle(post(urlDlr, DLR))).status).toBe(503);
    gate.reject(new Error('timeout talking to the database'));
    expect((await first).status).toBe(500);
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect(delivered).toEqual([DLR.msgId]);
  });

  it('a process killed mid-handler leaves a lease that expires: the retry after it is handled', async () => {
    let now = 1_000_000;
    const clock = () => now;
    // One store shared by two handlers, as Redis is by two processes.
    const store = createMemoryDedupeStore({ now: clock });
    let entered = 0;
    const crashed = createWebhookHandler({
      secret: SECRET,
      dedupeStore: store,
      dedupeLeaseMs: 30_000,
      now: clock,
      // Never settles: the process "dies" here, so neither markHandled nor delete runs.
      onDeliveryReport: () => {
        entered++;
        return new Promise(() => {});
      },
    });
    const survivor = setup({ dedupeStore: store, dedupeLeaseMs: 30_000, now: clock });
    void crashed(post(urlDlr, DLR));
    await until(() => entered === 1);
    expect((await survivor.handle(post(urlDlr, DLR))).status).toBe(503);
    now += 29_999;
    expect((await survivor.handle(post(urlDlr, DLR))).status).toBe(503);
    expect(survivor.onEvent).not.toHaveBeenCalled();
    now += 1;
    expect(await answer(await survivor.handle(post(urlDlr, DLR)))).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(survivor.onEvent).toHaveBeenCalledTimes(1);
    // Handled now, remembered for the TTL, not for the lease.
    now += 3_600_000;
    expect((await answer(await survivor.handle(post(urlDlr, DLR)))).body).toEqual({
      ok: true,
      duplicate: true,
    });
  });

  it('passes dedupeLeaseMs to claim and dedupeTtlMs to markHandled, hashed keys for your store', async () => {
    const inner = createMemoryDedupeStore();
    const log: string[] = [];
    const store: DedupeStore = {
      setIfAbsent: () => Promise.reject(new Error('not used by a two-phase store')),
      delete: async (key) => {
        log.push(`delete ${key.length}`);
        await inner.delete(key);
      },
      claim: async (key, leaseMs) => {
        log.push(`claim ${/^sms-partner:webhook:[0-9a-f]{64}$/.test(key)} ${leaseMs}`);
        return inner.claim(key, leaseMs);
      },
      markHandled: async (key, ttlMs) => {
        log.push(`markHandled ${ttlMs}`);
        await inner.markHandled(key, ttlMs);
      },
    };
    const { handle } = setup({ dedupeStore: store, dedupeLeaseMs: 1234, dedupeTtlMs: 5678 });
    await handle(post(urlDlr, DLR));
    await handle(post(urlDlr, DLR));
    expect(log).toEqual(['claim true 1234', 'markHandled 5678', 'claim true 1234']);
  });

  it('a failing markHandled still answers 200 (the event was handled) and reports the error', async () => {
    const store = createMemoryDedupeStore();
    const { handle, onEvent, onError } = setup({
      dedupeStore: { ...store, markHandled: () => Promise.reject(new Error('redis down')) },
    });
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toContain('redis down');
    // The key stays in flight until its lease expires: copies meanwhile are not handled twice.
    expect((await handle(post(urlDlr, DLR))).status).toBe(503);
  });

  it('a store whose claim answers something else gives 500, not a silent acknowledgement', async () => {
    const store = createMemoryDedupeStore();
    const { handle, onEvent, onError } = setup({
      dedupeStore: { ...store, claim: async () => 'maybe' as never },
    });
    expect((await handle(post(urlDlr, DLR))).status).toBe(500);
    expect(onEvent).not.toHaveBeenCalled();
    expect(String(onError.mock.calls[0]?.[0])).toContain('maybe');
  });

  it('refuses a bad dedupeLeaseMs, naming it', () => {
    for (const dedupeLeaseMs of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      try {
        createWebhookHandler({ secret: SECRET, dedupeLeaseMs });
        expect.unreachable(`dedupeLeaseMs: ${dedupeLeaseMs} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(WebhookError);
        expect((error as WebhookError).field).toBe('dedupeLeaseMs');
      }
    }
  });
});

describe('one-phase deduplication (a store with only setIfAbsent/delete)', () => {
  function legacyStore() {
    const keys = new Set<string>();
    const store: DedupeStore = {
      setIfAbsent: async (key) => {
        if (keys.has(key)) return false;
        keys.add(key);
        return true;
      },
      delete: async (key) => void keys.delete(key),
    };
    return { store, keys };
  }

  it("keeps today's behaviour: a copy during the first attempt is a 200 duplicate", async () => {
    const { store } = legacyStore();
    const gate = deferred();
    const calls: string[] = [];
    const handle = createWebhookHandler({
      secret: SECRET,
      dedupeStore: store,
      onDeliveryReport: async (report) => {
        calls.push(report.messageId);
        await gate.promise;
      },
    });
    const first = handle(post(urlDlr, DLR));
    await until(() => calls.length === 1);
    expect(await answer(await handle(post(urlDlr, DLR)))).toEqual({
      status: 200,
      body: { ok: true, duplicate: true },
    });
    gate.resolve();
    expect((await first).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('a failure deletes the key, so that the retry is handled', async () => {
    const { store, keys } = legacyStore();
    let fail = true;
    let calls = 0;
    const { handle } = setup({
      dedupeStore: store,
      onEvent: () => {
        calls++;
        if (fail) throw new Error('down');
      },
    });
    expect((await handle(post(urlDlr, DLR))).status).toBe(500);
    expect(keys.size).toBe(0);
    fail = false;
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect(keys.size).toBe(1);
    expect((await answer(await handle(post(urlDlr, DLR)))).body).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(calls).toBe(2);
  });

  it('a store with claim but no markHandled is used one-phase (the two come as a pair)', async () => {
    const { store } = legacyStore();
    const claim = vi.fn(async () => 'claimed' as const);
    const { handle } = setup({ dedupeStore: { ...store, claim } });
    expect((await handle(post(urlDlr, DLR))).status).toBe(200);
    expect((await answer(await handle(post(urlDlr, DLR)))).body).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(claim).not.toHaveBeenCalled();
  });
});
