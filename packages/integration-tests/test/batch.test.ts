import { SmsPartnerServerError, SmsPartnerValidationError } from '@sms-partner/core';
import { describe, expect, it } from 'vitest';
import { rejection, useEmulator } from './helpers.js';

const fixture = useEmulator({ accounts: [{ balance: 10_000 }] });

/** `count` distinct French mobiles. */
function numbers(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => `+336${String(i + offset).padStart(8, '0')}`);
}

describe('client.sms.sendBatched', () => {
  it('sends 1,200 recipients (with duplicates) in batches of 500, each recipient once', async () => {
    const unique = numbers(1_200);
    // The same people again, written nationally: they must not receive a second SMS.
    const duplicates = unique.slice(0, 150).map((n) => `0${n.slice(3)}`);
    let inFlight = 0;
    let peak = 0;
    const client = fixture.client({
      fetch: async (input, init) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    });
    const result = await client.sms.sendBatched(
      { to: [...unique, ...duplicates], message: 'Soldes', category: 'transactional' },
      { concurrency: 2 },
    );
    expect(result.duplicatesRemoved).toBe(150);
    expect(result.failures).toEqual([]);
    expect(result.results.map((r) => r.recipients.length)).toEqual([500, 500, 200]);
    const requests = fixture.emulator.requests({ route: 'send' });
    expect(requests.map((r) => String(r.params?.phoneNumbers).split(',').length)).toEqual([
      500, 500, 200,
    ]);
    const received = fixture.emulator
      .messages()
      .flatMap((m) => m.recipients.map((r) => r.phoneNumber));
    expect(received.sort()).toEqual([...unique].sort());
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('reports a failed batch without retrying it, and sends the others', async () => {
    fixture.emulator.faults.inject({ kind: 'server-error', route: 'send', times: 1 });
    const all = numbers(1_100);
    const result = await fixture
      .client()
      .sms.sendBatched({ to: all, message: 'x', category: 'transactional' }, { concurrency: 3 });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.error).toBeInstanceOf(SmsPartnerServerError);
    expect(result.failures[0]?.error.outcome).toBe('unknown');
    expect(result.results).toHaveLength(2);
    const covered = [
      ...result.results.flatMap((r) => r.recipients),
      ...(result.failures[0]?.recipients ?? []),
    ];
    expect(covered.sort()).toEqual([...all].sort());
    expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(3);
  });

  it('stopOnError leaves the remaining batches unsent and says which recipients', async () => {
    fixture.emulator.faults.inject({ kind: 'server-error', route: 'send', times: 1 });
    const all = numbers(1_000);
    const result = await fixture
      .client()
      .sms.sendBatched(
        { to: all, message: 'x', category: 'transactional' },
        { concurrency: 1, batchSize: 250, stopOnError: true },
      );
    expect(result.failures[0]?.recipients).toEqual(all.slice(0, 250));
    expect(result.skipped).toEqual(all.slice(250));
    expect(result.results).toEqual([]);
    expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1);
  });

  it('validates the whole list before sending anything', async () => {
    const error = await rejection(
      () => fixture.client().sms.sendBatched({ to: [...numbers(600), 'oops'], message: 'x' }),
      SmsPartnerValidationError,
    );
    expect(error.field).toBe('to[600]');
    await rejection(
      () => fixture.client().sms.sendBatched({ to: numbers(3), message: 'x' }, { batchSize: 501 }),
      SmsPartnerValidationError,
    );
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});

describe('client.sms.bulkSendBatched', () => {
  it('sends 700 personalised messages in two requests', async () => {
    const messages = numbers(700).map((to, i) => ({ to, message: `Bonjour client ${i}` }));
    const result = await fixture
      .client()
      .sms.bulkSendBatched({ messages, category: 'transactional' });
    expect(result.results.map((r) => r.items.length)).toEqual([500, 200]);
    const lists = fixture.emulator
      .requests({ route: 'bulk-send' })
      .map((r) => r.params?.SMSList as unknown[]);
    expect(lists.map((list) => list.length)).toEqual([500, 200]);
    expect(lists.flat()[699]).toEqual({
      phoneNumber: messages[699]?.to,
      message: 'Bonjour client 699',
    });
  });
});
