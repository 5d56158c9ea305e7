import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { call, get, post } from './helpers.js';

const KEY = 'status-key';
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    accounts: [{ apiKey: KEY }],
    clock: { frozen: true, start: '2025-03-12T10:00:00+01:00' },
    dlrDelayMs: 1000,
  });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

async function sendTo(phoneNumbers: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await post(emu.baseUrl, 'send', { apiKey: KEY, phoneNumbers, message: 'x', ...extra });
  expect(r.json.success).toBe(true);
  return r.json.message_id as number;
}

describe('GET /v1/message-status', () => {
  it('moves from Waiting to Delivered and uses the `statut` spelling', async () => {
    const id = await sendTo('0611111111');
    const before = await get(emu.baseUrl, 'message-status', {
      apiKey: KEY,
      messageId: id,
      phoneNumber: '0611111111',
    });
    expect(before.json).toEqual({
      success: true,
      code: 200,
      number: '0611111111',
      messageId: String(id),
      stopSms: false,
      date: String(Date.parse('2025-03-12T10:00:00+01:00') / 1000),
      statut: 'Waiting',
      cost: 0.038,
      countryCode: 'FR',
      currency: 'EUR',
    });
    await emu.clock.advance(1000);
    const after = await get(emu.baseUrl, 'message-status', {
      apiKey: KEY,
      messageId: id,
      phoneNumber: '+33611111111',
    });
    expect(after.json).toMatchObject({
      statut: 'Delivered',
      date: String(Date.parse('2025-03-12T10:00:01+01:00') / 1000),
    });
    emu.configure({ statusDate: 'datetime' });
    const documented = await get(emu.baseUrl, 'message-status', {
      apiKey: KEY,
      messageId: id,
      phoneNumber: '+33611111111',
    });
    expect(documented.json).toMatchObject({ statut: 'Delivered', date: '2025-03-12 10:00:01' });
  });

  it('applies outcome rules: the magic numbers and custom rules', async () => {
    const id = await sendTo('0600000001,0600000002,0600000003');
    await emu.clock.advance(10_000);
    const statuses = emu.messages()[0]?.recipients.map((r) => [r.status, r.smpp]);
    expect(statuses).toEqual([
      ['not delivered', 'UNDELIV'],
      ['ko', 'REJECTD'],
      ['waiting', 'ENROUTE'],
    ]);
    const r = await get(emu.baseUrl, 'message-status', {
      apiKey: KEY,
      messageId: id,
      phoneNumber: '0600000001',
    });
    expect(r.json.statut).toBe('Not delivered');
    emu.configure({ outcomes: [{ match: /^\+3361/, status: 'not delivered', delayMs: 50 }] });
    await sendTo('0611111111');
    await emu.clock.advance(50);
    expect(emu.messages()[1]?.recipients[0]?.status).toBe('not delivered');
  });

  it('answers 3 without messageId, 2 without phoneNumber, 4 (HTTP 404) for an unknown message', async () => {
    expect(
      (await get(emu.baseUrl, 'message-status', { apiKey: KEY, phoneNumber: '0611111111' })).json
        .code,
    ).toBe(3);
    expect(
      (await get(emu.baseUrl, 'message-status', { apiKey: KEY, messageId: 5 })).json.code,
    ).toBe(2);
    const unknown = await get(emu.baseUrl, 'message-status', {
      apiKey: KEY,
      messageId: 99,
      phoneNumber: '0611111111',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ success: false, code: 4 });
  });

  it("does not show another account's messages", async () => {
    const id = await sendTo('0611111111');
    const other = emu.accounts.create({ apiKey: 'other' });
    const r = await get(emu.baseUrl, 'message-status', {
      apiKey: other.apiKey,
      messageId: id,
      phoneNumber: '0611111111',
    });
    expect(r.json.code).toBe(4);
  });
});

describe('POST /v1/multi-status', () => {
  it('answers StatutResponse_List with string dates and "0"/"1" flags, per-item failures', async () => {
    const id = await sendTo('0611111111');
    emu.accounts.addStop(KEY, '0611111111');
    await emu.clock.advance(1000);
    const r = await post(emu.baseUrl, 'multi-status', {
      apiKey: KEY,
      SMSStatut_List: [
        { phoneNumber: '+33611111111', messageId: id },
        { phoneNumber: '+33699999992', messageId: 1000 },
      ],
    });
    expect(r.json).toEqual({
      success: true,
      code: 200,
      StatutResponse_List: [
        {
          success: true,
          code: 200,
          phoneNumber: '+33611111111',
          messageId: id,
          status: 'Delivered',
          date: String(Date.parse('2025-03-12T09:00:01Z') / 1000),
          stopSms: '1',
          isSpam: '0',
        },
        {
          success: false,
          code: 4,
          phoneNumber: '+33699999992',
          messageId: 1000,
          status: 'Numéro introuvable',
        },
      ],
    });
  });
});

describe('GET /v1/bulk-status and /v1/bulk-status-by-tag', () => {
  it('lists a message with a string message_id and boolean stopSMS', async () => {
    const id = await sendTo('0611111111,0622222222', { tag: 'promo' });
    const r = await get(emu.baseUrl, 'bulk-status', { apiKey: KEY, messageId: id });
    expect(r.json).toEqual({
      success: true,
      code: 200,
      message_id: String(id),
      StatutResponse_List: [
        {
          phoneNumber: '+33611111111',
          status: 'Waiting',
          stopSMS: false,
          date: String(Date.parse('2025-03-12T09:00:00Z') / 1000),
        },
        {
          phoneNumber: '+33622222222',
          status: 'Waiting',
          stopSMS: false,
          date: String(Date.parse('2025-03-12T09:00:00Z') / 1000),
        },
      ],
    });
    const byTag = await get(emu.baseUrl, 'bulk-status-by-tag', { apiKey: KEY, tag: 'promo' });
    expect(byTag.json).toMatchObject({ success: true, code: 200, currentPage: 1, total: 2 });
    expect(byTag.json.StatutResponse_List).toHaveLength(2);
    expect((await get(emu.baseUrl, 'bulk-status', { apiKey: KEY })).json.code).toBe(3);
    expect((await get(emu.baseUrl, 'bulk-status', { apiKey: KEY, messageId: 1 })).json.code).toBe(
      4,
    );
  });
});

describe('GET /v1/message-cancel', () => {
  const later = { scheduledDeliveryDate: '12/03/2025', time: 11, minute: 0 };

  it('cancels a scheduled send, refunds it, and refuses a second cancel with 5', async () => {
    const id = await sendTo('0611111111', later);
    expect(emu.accounts.get(KEY).balance).toBe(99.962);
    const r = await get(emu.baseUrl, 'message-cancel', { apiKey: KEY, messageId: id });
    expect(r.json).toEqual({ success: true, code: 200, message: "L'envoi du SMS a été annulé." });
    expect(emu.accounts.get(KEY).balance).toBe(100);
    expect(
      (await get(emu.baseUrl, 'message-cancel', { apiKey: KEY, messageId: id })).json.code,
    ).toBe(5);
    await emu.clock.set('2025-03-12T11:00:00+01:00');
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('cancelled');
  });

  it('refuses within 5 minutes of the send time (6) and after it (7)', async () => {
    const id = await sendTo('0611111111', later);
    await emu.clock.set('2025-03-12T10:55:01+01:00');
    expect(
      (await get(emu.baseUrl, 'message-cancel', { apiKey: KEY, messageId: id })).json.code,
    ).toBe(6);
    await emu.clock.set('2025-03-12T11:00:00+01:00');
    expect(
      (await get(emu.baseUrl, 'message-cancel', { apiKey: KEY, messageId: id })).json.code,
    ).toBe(7);
    const now = await sendTo('0611111111');
    expect(
      (await get(emu.baseUrl, 'message-cancel', { apiKey: KEY, messageId: now })).json.code,
    ).toBe(7);
  });

  it('answers 3 without messageId and 4 for an unknown one; DELETE /message-cancel/{id} works too', async () => {
    expect((await get(emu.baseUrl, 'message-cancel', { apiKey: KEY })).json.code).toBe(3);
    expect(
      (await get(emu.baseUrl, 'message-cancel', { apiKey: KEY, messageId: 42 })).json.code,
    ).toBe(4);
    const id = await sendTo('0611111111', later);
    const r = await call(emu.baseUrl, 'DELETE', `message-cancel/${id}?apiKey=${KEY}`);
    expect(r.json).toMatchObject({ success: true, code: 200 });
  });
});
