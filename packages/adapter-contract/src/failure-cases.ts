import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Mounted, mount } from './context.js';
import type { HarnessFactory } from './harness.js';
import { callbackRequest, DLR_VARIANTS, type Transport, uniqueId } from './payloads.js';
import { report } from './report.js';

/**
 * Nothing lost: a callback whose handler failed is answered 5xx (SMS Partner then retries) and is
 * not taken as seen, so its retry reaches the handler again; only a handled event is
 * deduplicated; a copy arriving while the first attempt is still running is answered 503 with
 * `retry-after` (the handler is not entered twice at once), and when that first attempt then
 * fails, the retry still reaches the handler.
 */
export function failureCases(name: string, factory: HarnessFactory, hostParsesBodies: boolean) {
  let app: Mounted;
  beforeAll(async () => {
    app = await mount(factory, { hostParsesBodies, client: { apiKey: 'contract-unused-key' } });
  });
  afterAll(() => app?.harness.close());

  const dlr = (id: string, transport: Transport = 'json') =>
    app.send(callbackRequest(app.urls.urlDlr, transport, DLR_VARIANTS[0]!.build(id)));
  const body = async (response: Response) => JSON.parse(await response.text()) as unknown;

  /**
   * Sends `id` and holds its handler call open while `during` runs; the call is released however
   * `during` ends (so a failing assertion never leaves a request hanging past the app's close).
   */
  async function whileInFlight<T>(
    id: string,
    during: (release: (error?: Error) => void, first: Promise<Response>) => Promise<T>,
  ): Promise<T> {
    const held = app.recorder.holdNext(id);
    const first = dlr(id);
    first.catch(() => undefined);
    await held.entered;
    try {
      return await during(held.release, first);
    } finally {
      held.release();
      await first.catch(() => undefined);
    }
  }

  for (const [how, sync] of [
    ['throws', true],
    ['rejects', false],
  ] as const) {
    it(`a handler that ${how} gets a 5xx, and every retry reaches it until one is handled`, async () => {
      const id = uniqueId();
      const failures = 3;
      for (let i = 0; i < failures; i++)
        app.recorder.failNext(id, new Error(`down ${i}`), { sync });
      const statuses: number[] = [];
      // The platform retries a failed callback, in any of its formats.
      for (const transport of ['json', 'form', 'query', 'json'] as const) {
        statuses.push((await dlr(id, transport)).status);
      }
      expect(statuses.slice(0, failures).every((status) => status >= 500)).toBe(true);
      expect(statuses[failures]).toBe(200);
      expect(app.recorder.attemptsFor(id)).toBe(failures + 1);
      expect(app.recorder.byId(id)).toHaveLength(1);
      // Handled now: a further copy is a duplicate, acknowledged without calling the handler.
      const duplicate = await dlr(id, 'form');
      expect(duplicate.status).toBe(200);
      expect(await body(duplicate)).toMatchObject({ ok: true, duplicate: true });
      expect(app.recorder.attemptsFor(id)).toBe(failures + 1);
      report(
        `${name}${hostParsesBodies ? ' (host parses bodies)' : ''}: handler ${how} ${failures}x -> ` +
          `statuses ${statuses.join(',')}; handler entered ${app.recorder.attemptsFor(id)}x, ` +
          `handled 1x; later copy: 200 duplicate`,
      );
    });
  }

  it('a copy arriving while the first attempt runs gets 503; when that attempt fails, the retry is handled', async () => {
    const id = uniqueId();
    await whileInFlight(id, async (release, first) => {
      // Several copies while it runs: none enters the handler, each is told to come back.
      const copies = await Promise.all(
        (['json', 'form', 'query'] as const).map((transport) => dlr(id, transport)),
      );
      for (const copy of copies) {
        expect(copy.status).toBe(503);
        expect(copy.headers.get('retry-after')).toBe('1');
        expect(await body(copy)).toEqual({ ok: false, error: 'in_flight' });
      }
      expect(app.recorder.attemptsFor(id)).toBe(1);
      release(new Error('database down'));
      expect((await first).status).toBe(500);
    });
    expect(app.recorder.byId(id)).toEqual([]);
    // The platform's retry of the failed event reaches the handler.
    const retry = await dlr(id);
    expect(retry.status).toBe(200);
    expect(await body(retry)).toEqual({ ok: true });
    expect(app.recorder.attemptsFor(id)).toBe(2);
    expect(app.recorder.byId(id)).toHaveLength(1);
    report(
      `${name}${hostParsesBodies ? ' (host parses bodies)' : ''}: 3 copies in flight -> 503 x3 ` +
        '(retry-after: 1); first attempt failed -> 500; retry -> 200 handled (handler entered 2x)',
    );
  });

  it('a copy arriving while the first attempt runs gets 503; once that attempt succeeds, copies are duplicates', async () => {
    const id = uniqueId();
    await whileInFlight(id, async (release, first) => {
      expect((await dlr(id, 'form')).status).toBe(503);
      release();
      expect((await first).status).toBe(200);
    });
    const later = await dlr(id, 'query');
    expect(later.status).toBe(200);
    expect(await body(later)).toMatchObject({ duplicate: true });
    expect(app.recorder.attemptsFor(id)).toBe(1);
    expect(app.recorder.byId(id)).toHaveLength(1);
  });

  it('20 copies at once enter the handler once; the rest are told to retry', async () => {
    const id = uniqueId();
    await whileInFlight(id, async (release, first) => {
      const copies = await Promise.all(Array.from({ length: 20 }, () => dlr(id)));
      expect(copies.map((copy) => copy.status)).toEqual(Array(20).fill(503));
      release();
      expect((await first).status).toBe(200);
    });
    expect(app.recorder.attemptsFor(id)).toBe(1);
  });
}
