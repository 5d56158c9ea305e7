import { describe, expect, it } from 'vitest';
import { parseDeliveryReport } from './delivery-report.js';
import { parseInboundMessage } from './inbound-message.js';
import { createMemoryOptOutStore, createOptOutTracker, normalizeOptOutNumber } from './opt-out.js';
import { parseReply } from './reply.js';

describe('normalizeOptOutNumber', () => {
  it('brings the formats callbacks use to one form', () => {
    for (const input of [
      '+33600000000',
      '33600000000',
      '0033600000000',
      '06 00 00 00 00',
      '06.00.00.00.00',
    ]) {
      expect(normalizeOptOutNumber(input)).toBe('+33600000000');
    }
    expect(normalizeOptOutNumber('+1 (555) 010-0000')).toBe('+15550100000');
    expect(normalizeOptOutNumber('SHORT')).toBe('SHORT');
  });
});

describe('createOptOutTracker', () => {
  const stop = parseReply({
    type: 'stop',
    phone_number: '+33600000000',
    text: 'Stop',
    message_id: 1,
  });
  it('opts out on a STOP event, whatever the number format asked later', async () => {
    const tracker = createOptOutTracker();
    expect(await tracker.handle(stop)).toBe('opted_out');
    expect(await tracker.isOptedOut('0600000000')).toBe(true);
    expect(await tracker.isOptedOut('33600000000')).toBe(true);
    expect(await tracker.isOptedOut('+33600000001')).toBe(false);
  });
  it('honours STOP words in replies and long-number messages by default, not when told otherwise', async () => {
    const reply = parseReply({ type: 'response', phone_number: '+33600000002', text: 'STOP' });
    const inbound = parseInboundMessage({ msisdn: '33600000003', messageId: 'm', text: 'stop' });
    const tracker = createOptOutTracker();
    expect([await tracker.handle(reply), await tracker.handle(inbound)]).toEqual([
      'opted_out',
      'opted_out',
    ]);
    expect(await tracker.isOptedOut('+33600000003')).toBe(true);
    const lenient = createOptOutTracker({ honorStopKeywords: false });
    expect(await lenient.handle(reply)).toBe('unchanged');
  });
  it('START does nothing by default, and opts back in when configured', async () => {
    const start = parseReply({ type: 'response', phone_number: '+33600000000', text: 'Start' });
    const store = createMemoryOptOutStore();
    const tracker = createOptOutTracker({ store });
    await tracker.handle(stop);
    expect(await tracker.handle(start)).toBe('unchanged');
    expect(await store.has('+33600000000')).toBe(true);
    const resubscribing = createOptOutTracker({ store, resubscribeKeywords: ['START'] });
    expect(await resubscribing.handle(start)).toBe('opted_in');
    expect(await resubscribing.isOptedOut('+33600000000')).toBe(false);
  });
  it('ignores events that say nothing about consent', async () => {
    const tracker = createOptOutTracker({ store: createMemoryOptOutStore(['+33600000009']) });
    expect(
      await tracker.handle(
        parseDeliveryReport({ msgId: 1, phone: '+33600000009', status: 'delivered' }),
      ),
    ).toBe('unchanged');
    expect(await tracker.handle(parseReply({ phone_number: '+33600000009', text: 'Merci' }))).toBe(
      'unchanged',
    );
    expect(await tracker.isOptedOut('+33600000009')).toBe(true);
  });
});
