import { createMemoryDedupeStore } from '@sms-partner/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Mounted, mount } from './context.js';
import type { HarnessFactory } from './harness.js';
import { DLR_VARIANTS, uniqueId } from './payloads.js';
import { rawCallback } from './raw-http.js';
import { report } from './report.js';

/** Distinct delivery reports per adapter. */
export const LOAD_EVENTS = 20_000;
/** Requests in flight at once. */
export const LOAD_CONCURRENCY = 64;

/** Runs `task` over `items` with at most `concurrency` at a time; resolves to the results in order. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Load: {@link LOAD_EVENTS} distinct delivery reports, {@link LOAD_CONCURRENCY} at a time, in the
 * three encodings, reach the handler exactly once each; the same set sent again reaches it 0 times.
 * The dedupe store is sized for the set (the default remembers the last 10,000 keys: memory stays
 * bounded, which the core memory test proves at 1,000,000 ids).
 */
export function loadCases(name: string, factory: HarnessFactory): void {
  let app: Mounted;
  beforeAll(async () => {
    app = await mount(factory, {
      hostParsesBodies: false,
      client: { apiKey: 'contract-unused-key' },
      webhook: { dedupeStore: createMemoryDedupeStore({ maxEntries: 2 * LOAD_EVENTS }) },
    });
  });
  afterAll(() => app?.harness.close());

  // The limit only guards against a hang on a loaded machine; nothing is timed.
  it(`${LOAD_EVENTS} distinct DLRs at concurrency ${LOAD_CONCURRENCY} reach the handler exactly once each; sent again, 0 times`, {
    timeout: 900_000,
  }, async () => {
    const prefix = uniqueId();
    const ids = Array.from({ length: LOAD_EVENTS }, (_, i) => `${prefix}${i}`);
    const variants = DLR_VARIANTS.slice(0, 3); // best evidence as JSON, form and query
    const send = (id: string, index: number) => {
      const variant = variants[index % variants.length]!;
      return app.raw(rawCallback(app.urls.urlDlr, variant.transport, variant.build(id)));
    };
    const attemptsBefore = app.recorder.attempts.length;
    const first = await pool(ids, LOAD_CONCURRENCY, send);
    const firstCalls = app.recorder.attempts.length - attemptsBefore;
    const notOk = first.filter((answer) => answer.status !== 200);
    expect(notOk.slice(0, 3)).toEqual([]);
    expect(firstCalls).toBe(LOAD_EVENTS);
    const seen = new Set(app.recorder.attempts.slice(attemptsBefore));
    expect(seen.size).toBe(LOAD_EVENTS);
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);

    // The same set again, in another order of formats: every one a duplicate.
    const second = await pool(ids, LOAD_CONCURRENCY, (id, index) => send(id, index + 1));
    const secondCalls = app.recorder.attempts.length - attemptsBefore - firstCalls;
    expect(second.filter((answer) => answer.status !== 200).slice(0, 3)).toEqual([]);
    expect(second.filter((answer) => !answer.body.includes('"duplicate":true')).length).toBe(0);
    expect(secondCalls).toBe(0);
    report(
      `${name}: ${LOAD_EVENTS} distinct DLRs at concurrency ${LOAD_CONCURRENCY} -> ` +
        `${first.length - notOk.length} answered 200, handler called ${firstCalls}x ` +
        `(${seen.size} distinct); same set again -> handler called ${secondCalls}x`,
    );
  });
}
