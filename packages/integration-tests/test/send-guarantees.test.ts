/**
 * No send is ever made twice, and every failure says what is known: each emulator fault on each
 * endpoint that sends (`/v1/send`, `/v1/bulk-send`, `/v1/vn/send`, `/v1/sondage/to/send`,
 * `/v1/rcs/send`) gives its typed error with its outcome, and 200 sends at once under random
 * faults never leave the emulator with more sends than the client reported, nor with a send the
 * client called `not_sent` or `rejected`.
 */
import {
  type RetryEvent,
  type SmsPartnerClient,
  SmsPartnerError,
  type SmsPartnerError as SmsPartnerErrorType,
} from '@sms-partner/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULTS, type FaultCase, settled, timeoutFor } from './fault-cases.js';
import { GENEROUS_TIMEOUT_MS, useEmulator } from './helpers.js';

const fixture = useEmulator({ accounts: [{ quietHours: 'off' }] });

/** One way to send, and the numbers it sends to (unique per call, to find its SMS). */
interface Endpoint {
  route: string;
  /** `POST /v1/...` as the error's `endpoint` says it. */
  endpoint: string;
  send(client: SmsPartnerClient, numbers: readonly string[]): Promise<unknown>;
  /** Recipients per call. */
  recipients: number;
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    route: 'send',
    endpoint: 'POST /v1/send',
    recipients: 2,
    send: (client, to) => client.sms.send({ to: [...to], message: 'Une seule fois' }),
  },
  {
    route: 'bulk-send',
    endpoint: 'POST /v1/bulk-send',
    recipients: 2,
    send: (client, to) =>
      client.sms.bulkSend({ messages: to.map((number, i) => ({ to: number, message: `n°${i}` })) }),
  },
  {
    route: 'vn/send',
    endpoint: 'POST /v1/vn/send',
    recipients: 1,
    send: (client, [to]) =>
      client.sms.sendFromLongNumber({ from: '33700000000', to: to!, message: 'Une fois' }),
  },
  {
    route: 'sondage/to/send',
    endpoint: 'POST /v1/sondage/to/send',
    recipients: 1,
    send: (client, to) => client.sms.sendSurvey({ to: [...to], surveyId: 'sondage-1' }),
  },
  {
    route: 'rcs/send',
    endpoint: 'POST /v1/rcs/send',
    recipients: 1,
    send: (client, to) =>
      client.rcs.send({ to: [...to], richContent: { conversation: { text: 'Votre colis' } } }),
  },
];

let nextNumber = 0;
/** French mobile numbers no other call uses. */
const numbersFor = (count: number) =>
  Array.from({ length: count }, () => `06${String(10_000_000 + nextNumber++).padStart(8, '0')}`);

/** Sends of the emulator to any of `numbers` (one record per SMS a recipient receives). */
const sentTo = (numbers: readonly string[]) =>
  numbers.reduce(
    (sum, number) => sum + fixture.emulator.messages({ phoneNumber: number }).length,
    0,
  );

type Settled = { ok: true } | { ok: false; error: unknown };

const attempt = (run: () => Promise<unknown>): Promise<Settled> =>
  run().then(
    () => ({ ok: true }) as const,
    (error: unknown) => ({ ok: false, error }) as const,
  );

describe('every fault on every send endpoint', () => {
  it.each(FAULTS)(
    '$name: the typed error on each endpoint, and each SMS sent at most once',
    async (c: FaultCase) => {
      const retries: RetryEvent[] = [];
      const client = fixture.client({
        ...timeoutFor(c),
        hooks: { onRetry: (event) => retries.push(event) },
      });
      // Each endpoint has its own route, so the five run at once and each meets its fault once.
      for (const e of ENDPOINTS)
        fixture.emulator.faults.inject({ ...c.fault, route: e.route, times: 1 });
      const calls = ENDPOINTS.map((e) => ({ e, numbers: numbersFor(e.recipients) }));
      const results = await Promise.all(
        calls.map(({ e, numbers }) => attempt(() => e.send(client, numbers))),
      );
      for (const e of ENDPOINTS) await settled(fixture.emulator, e.route, 1);

      const lines: string[] = [];
      calls.forEach(({ e, numbers }, i) => {
        const result = results[i]!;
        expect(result.ok, `${e.route} should fail under ${c.name}`).toBe(false);
        const error = (result as { error: unknown }).error;
        expect(error, e.route).toBeInstanceOf(c.error);
        expect(error, e.route).toBeInstanceOf(SmsPartnerError);
        const typed = error as SmsPartnerErrorType;
        expect(typed.outcome, e.route).toBe(c.outcome);
        expect(typed.endpoint, e.route).toBe(e.endpoint);
        expect(fixture.emulator.requests({ route: e.route }), e.route).toHaveLength(1);
        const sent = sentTo(numbers);
        expect(sent, e.route).toBe(c.processed ? e.recipients : 0);
        lines.push(`${e.route} ${typed.constructor.name}/${typed.outcome}, sent ${sent}`);
      });
      // A send is never retried after its fate became unknown or the platform said no.
      expect(retries).toEqual([]);
      console.log(`[guarantee] client, ${c.name}: ${lines.join('; ')}; retries 0`);
    },
  );
});

describe('200 concurrent sends under random faults', () => {
  const SENDS = 200;

  it('never more sends than the client reported, and every send it could not confirm is unknown', async () => {
    // Random but fixed: the same plan on every run (a failure can be replayed).
    const plan = fc.sample(
      fc.record({
        endpoint: fc.constantFrom(...ENDPOINTS),
        fault: fc.option(fc.constantFrom(...FAULTS), { freq: 4 }),
      }),
      { numRuns: SENDS, seed: 2_000_200 },
    );
    for (const { endpoint, fault } of plan) {
      // One fault per planned send, queued on its endpoint: which request meets which fault is
      // up to the arrival order, as it would be against a real platform having a bad minute.
      // A latency outlasts the client's generous timeout, so it still ends as a timeout.
      const spec =
        fault?.fault.kind === 'latency'
          ? { ...fault.fault, latencyMs: GENEROUS_TIMEOUT_MS + 5_000 }
          : fault?.fault;
      if (spec) fixture.emulator.faults.inject({ ...spec, route: endpoint.route, times: 1 });
    }
    const retries: RetryEvent[] = [];
    // The fixture's generous timeout: 200 sends at once on a loaded two-core machine must not
    // time out for slowness alone (the invariants would hold, but no send would succeed).
    const client = fixture.client({ hooks: { onRetry: (event) => retries.push(event) } });
    const calls = plan.map(({ endpoint }) => ({
      e: endpoint,
      numbers: numbersFor(endpoint.recipients),
    }));
    const results = await Promise.all(
      calls.map(({ e, numbers }) => attempt(() => e.send(client, numbers))),
    );
    for (const e of ENDPOINTS) {
      await settled(fixture.emulator, e.route, calls.filter((call) => call.e === e).length);
    }

    const counts = { ok: 0, unknown: 0, not_sent: 0, rejected: 0 };
    let reported = 0;
    let unknownSent = 0;
    results.forEach((result, i) => {
      const { e, numbers } = calls[i]!;
      const sent = sentTo(numbers);
      if (result.ok) {
        counts.ok += 1;
        reported += e.recipients;
        // A success was sent exactly once, retries or not.
        expect(sent, `${e.route} call ${i}`).toBe(e.recipients);
        return;
      }
      expect(result.error, `${e.route} call ${i}`).toBeInstanceOf(SmsPartnerError);
      const outcome = (result.error as SmsPartnerErrorType).outcome;
      counts[outcome] += 1;
      if (outcome === 'unknown') {
        // Maybe sent (the platform processed it, the answer was lost), never twice.
        expect([0, e.recipients], `${e.route} call ${i}`).toContain(sent);
        reported += e.recipients;
        if (sent > 0) unknownSent += 1;
      } else {
        // The client said it was not sent: then it was not.
        expect(sent, `${e.route} call ${i} (${outcome})`).toBe(0);
      }
    });
    const emulatorSends = fixture.emulator
      .messages()
      .reduce((sum, message) => sum + message.recipients.length, 0);
    expect(emulatorSends).toBeLessThanOrEqual(reported);
    // The run must have exercised failures and successes both.
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.unknown).toBeGreaterThan(0);
    console.log(
      `[guarantee] client, ${SENDS} concurrent sends under random faults: ${counts.ok} ok, ` +
        `${counts.unknown} unknown (${unknownSent} of them sent), ${counts.rejected} rejected, ` +
        `${counts.not_sent} not sent; retries ${retries.length}; emulator recorded ` +
        `${emulatorSends} recipient sends <= ${reported} the client reported as sent or unknown; ` +
        `double sends 0`,
    );
  });
});
