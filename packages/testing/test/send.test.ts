import { DEFAULT_STOP_MENTION } from '@sms-partner/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { get, post } from './helpers.js';

// Wednesday 12 March 2025, 10:00 in Paris: inside SMS Partner's commercial send window.
const WEDNESDAY_10H = '2025-03-12T10:00:00+01:00';
const KEY = 'send-key';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    accounts: [{ apiKey: KEY, balance: 50 }],
    clock: { frozen: true, start: WEDNESDAY_10H },
  });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const send = (body: Record<string, unknown>) => post(emu.baseUrl, 'send', { apiKey: KEY, ...body });

describe('POST /v1/send', () => {
  it('accepts a send and answers the documented shape (int message_id, nb_sms, cost, currency)', async () => {
    const r = await send({ phoneNumbers: '0600000000', message: 'Bonjour', sender: 'mycompany' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      success: true,
      code: 200,
      message_id: expect.any(Number),
      nb_sms: 1,
      cost: 0.038,
      currency: 'EUR',
    });
    expect(Object.keys(r.json)).toEqual([
      'success',
      'code',
      'message_id',
      'nb_sms',
      'cost',
      'currency',
    ]);
    const [message] = emu.messages();
    expect(message?.messageId).toBe(r.json.message_id);
    expect(message?.sender).toBe('mycompany');
    expect(message?.recipients[0]).toMatchObject({
      input: '0600000000',
      phoneNumber: '+33600000000',
      status: 'waiting',
    });
    expect(emu.accounts.get(KEY).balance).toBe(49.962);
  });

  it('charges every part of every recipient: 161 GSM characters are 2 parts of 153', async () => {
    const r = await send({ phoneNumbers: '0611111111,+33622222222', message: 'a'.repeat(161) });
    expect(r.json).toMatchObject({ success: true, nb_sms: 4, cost: 0.152 });
  });

  it('decodes the wire syntax: :br: and :euro: become a line break and €', async () => {
    await send({ phoneNumbers: '0611111111', message: 'Prix 5 :euro::br:Merci' });
    expect(emu.messages()[0]?.recipients[0]?.text).toBe('Prix 5 €\nMerci');
  });

  it("counts core's STOP mention with isStopSms and on marketing accounts, not on the low-cost range", async () => {
    const fits = 'a'.repeat(160 - DEFAULT_STOP_MENTION.length);
    const over = `${fits}a`;
    expect(
      (await send({ phoneNumbers: '0611111111', message: fits, isStopSms: 1 })).json.nb_sms,
    ).toBe(1);
    expect(
      (await send({ phoneNumbers: '0611111111', message: over, isStopSms: 1 })).json.nb_sms,
    ).toBe(2);
    expect((await send({ phoneNumbers: '0611111111', message: over })).json.nb_sms).toBe(1);
    expect(
      (await send({ phoneNumbers: '0611111111', message: over, isStopSms: 1, gamme: 2 })).json,
    ).toMatchObject({
      success: true,
      nb_sms: 1,
    });
    emu.accounts.update(KEY, { marketing: true });
    expect((await send({ phoneNumbers: '0611111111', message: over })).json.nb_sms).toBe(2);
  });

  it('allows 10 parts (1530 GSM characters) and refuses 11 with code 52', async () => {
    const ok = await send({ phoneNumbers: '0611111111', message: 'a'.repeat(1530) });
    expect(ok.json).toMatchObject({ success: true, nb_sms: 10 });
    const tooLong = await send({ phoneNumbers: '0611111111', message: 'a'.repeat(1531) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({ success: false, code: 52 });
  });

  it('counts Unicode messages by 70 then 67 UTF-16 units', async () => {
    const one = await send({ phoneNumbers: '0611111111', message: 'é'.repeat(70), isUnicode: 1 });
    expect(one.json).toMatchObject({ success: true, nb_sms: 1 });
    const two = await send({ phoneNumbers: '0611111111', message: 'ж'.repeat(71), isUnicode: 1 });
    expect(two.json).toMatchObject({ success: true, nb_sms: 2 });
  });

  it('limits the low-cost range to 160 characters (code 42) and prices it as ECO', async () => {
    const ok = await send({ phoneNumbers: '0611111111', message: 'a'.repeat(160), gamme: 2 });
    expect(ok.json).toMatchObject({ success: true, nb_sms: 1, cost: 0.023 });
    const tooLong = await send({ phoneNumbers: '0611111111', message: 'a'.repeat(161), gamme: 2 });
    expect(tooLong.json).toMatchObject({ success: false, code: 42 });
  });

  it('refuses the low-cost range with code 51 when the account does not have it', async () => {
    emu.accounts.update(KEY, { lowCost: false });
    const r = await send({ phoneNumbers: '0611111111', message: 'x', gamme: 2 });
    expect(r.json).toMatchObject({ success: false, code: 51 });
  });

  it('takes 500 recipients and refuses 501 with code 50', async () => {
    const numbers = (n: number) =>
      Array.from({ length: n }, (_, i) => `+3361${String(i).padStart(7, '0')}`).join(',');
    const ok = await send({ phoneNumbers: numbers(500), message: 'x' });
    expect(ok.json).toMatchObject({ success: true, nb_sms: 500 });
    const tooMany = await send({ phoneNumbers: numbers(501), message: 'x' });
    expect(tooMany.json).toMatchObject({ success: false, code: 50 });
  });

  it('answers the documented codes for missing key, wrong key, missing numbers', async () => {
    const noKey = await post(emu.baseUrl, 'send', { phoneNumbers: '0611111111', message: 'x' });
    expect(noKey.json).toMatchObject({ success: false, code: 1 });
    const badKey = await post(emu.baseUrl, 'send', {
      apiKey: 'nope',
      phoneNumbers: '0611111111',
      message: 'x',
    });
    expect(badKey.json).toMatchObject({ success: false, code: 10 });
    const noNumbers = await send({ message: 'x' });
    expect(noNumbers.json).toMatchObject({ success: false, code: 2 });
  });

  it('reports constraint violations with code 9 under `error`, in the live form order', async () => {
    const r = await send({ phoneNumbers: '922264', message: '', sender: 'a-very-long-sender' });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe(9);
    expect(r.json.errors).toBeUndefined();
    expect(r.json.error).toEqual([
      { elementId: 'children[message].data', message: 'Le message est requis' },
      {
        elementId: 'children[phoneNumbers].data',
        message: "Ce numero de telephone n'est pas valide (922264)",
      },
      expect.objectContaining({ elementId: 'children[sender].data' }),
    ]);
  });

  it("speaks the send page's `errors` with validationErrorKey: 'documented'", async () => {
    emu.configure({ validationErrorKey: 'documented' });
    const r = await send({ phoneNumbers: '0611111111', message: '' });
    expect(r.json.error).toBeUndefined();
    expect(r.json.errors).toEqual([
      { elementId: 'children[message].data', message: 'Le message est requis' },
    ]);
  });

  it('switches the violation key with validationErrorKey', async () => {
    emu.configure({ validationErrorKey: 'both' });
    const r = await send({ phoneNumbers: '0611111111', message: '' });
    expect(r.json.error).toEqual(r.json.errors);
    expect(Array.isArray(r.json.error)).toBe(true);
  });

  it('refuses with code 11 when the balance cannot pay', async () => {
    emu.accounts.update(KEY, { balance: 0.037 });
    const r = await send({ phoneNumbers: '0611111111', message: 'x' });
    expect(r.json).toMatchObject({ success: false, code: 11 });
    expect(emu.messages()).toHaveLength(0);
  });

  it('sandbox: answers like a send but debits nothing and sends no report', async () => {
    const r = await send({
      phoneNumbers: '0611111111',
      message: 'x',
      sandbox: 1,
      urlDlr: 'http://127.0.0.1:9/dlr',
    });
    expect(r.json).toMatchObject({ success: true, code: 200, nb_sms: 1 });
    expect(emu.accounts.get(KEY).balance).toBe(50);
    await emu.clock.advance(60_000);
    expect(emu.messages()[0]).toMatchObject({ sandbox: true, cost: 0 });
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('waiting');
    expect(emu.callbacks()).toHaveLength(0);
  });

  it('skips stop-listed numbers, and answers 14 when nobody is left', async () => {
    emu.accounts.addStop(KEY, '+33611111111');
    const partly = await send({ phoneNumbers: '0611111111,0622222222', message: 'x' });
    expect(partly.json).toMatchObject({ success: true, nb_sms: 1, cost: 0.038 });
    const only = await send({ phoneNumbers: '0611111111', message: 'x' });
    expect(only.json).toMatchObject({ success: false, code: 14 });
    emu.configure({ stopListed: 'reject' });
    const rejected = await send({ phoneNumbers: '0611111111,0622222222', message: 'x' });
    expect(rejected.json).toMatchObject({ success: false, code: 14 });
  });

  it('accounts.removeStop takes a number off the stop list, whatever its spelling', async () => {
    await emu.simulateStop({ phoneNumber: '+33611111111', apiKey: KEY });
    emu.accounts.addStop(KEY, '0622222222');
    expect((await send({ phoneNumbers: '0611111111', message: 'x' })).json.code).toBe(14);
    expect(emu.accounts.removeStop(KEY, '0611111111').stopList).toEqual(['+33622222222']);
    expect((await send({ phoneNumbers: '0611111111', message: 'x' })).json).toMatchObject({
      success: true,
      nb_sms: 1,
    });
    const listed = await get(emu.baseUrl, 'stop-sms/list', { apiKey: KEY });
    expect(listed.json).toMatchObject({ nbData: 1, data: [{ phoneNumber: '+33622222222' }] });
    // Not on the list (any more): nothing to do.
    expect(emu.accounts.removeStop(KEY, '+33611111111').stopList).toEqual(['+33622222222']);
    expect(() => emu.accounts.removeStop(KEY, 'nope')).toThrow(TypeError);
    expect(() => emu.accounts.removeStop('no-such-key', '0622222222')).toThrow(/accounts\.create/);
  });

  it('answers code 13 for a destination without a price', async () => {
    emu.configure({ pricing: { destinations: { '+44': null } } as never });
    const r = await send({ phoneNumbers: '+447700900123', message: 'x' });
    expect(r.json).toMatchObject({ success: false, code: 13 });
  });
});

describe('scheduled sends', () => {
  it('schedules in Paris time, echoes the date, counts toSend, then sends at that time', async () => {
    const r = await send({
      phoneNumbers: '0611111111',
      message: 'plus tard',
      scheduledDeliveryDate: '12/03/2025',
      time: 15,
      minute: 30,
    });
    expect(r.json).toMatchObject({ success: true, scheduledDeliveryDate: '2025-03-12 15:30:00' });
    const message = emu.messages()[0];
    // 15:30 in Paris in March (UTC+1) is 14:30 UTC.
    expect(message?.sendAt.toISOString()).toBe('2025-03-12T14:30:00.000Z');
    expect(message?.recipients[0]?.status).toBe('scheduled');
    expect((await get(emu.baseUrl, 'me', { apiKey: KEY })).json).toMatchObject({
      credits: { toSend: 1 },
    });
    await emu.clock.set('2025-03-12T14:29:59Z');
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('scheduled');
    await emu.clock.set('2025-03-12T14:30:00Z');
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('waiting');
    await emu.clock.advance(emu.behaviour().dlrDelayMs);
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('delivered');
  });

  it('refuses a past date with code 9 and the documented message', async () => {
    const r = await send({
      phoneNumbers: '0611111111',
      message: 'x',
      scheduledDeliveryDate: '21/10/2014',
      time: 9,
      minute: 0,
    });
    expect(r.json.code).toBe(9);
    expect(r.json.error).toEqual([
      {
        elementId: 'children[scheduledDeliveryDate].data',
        message: 'La date (21/10/2014 à 09:00) est antérieure à la date actuelle',
      },
    ]);
  });

  it('runs the PHP sample unchanged on the day before its date (21/10/2014 at 9:00)', async () => {
    // Placeholder keys stand for the demo account only on an emulator with no configured key.
    const keyless = await startEmulator({
      clock: { frozen: true, start: '2014-10-20T12:00:00+02:00' },
    });
    const r = await post(
      keyless.baseUrl,
      'send',
      JSON.stringify({
        apiKey: 'YOUR API KEY',
        phoneNumbers: '+336xxxxxxxx',
        message: 'This is your message',
        sender: 'mycompany',
        scheduledDeliveryDate: '21/10/2014',
        time: 9,
        minute: 0,
      }),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    await keyless.stop();
    expect(r.json).toMatchObject({
      success: true,
      code: 200,
      scheduledDeliveryDate: '2014-10-21 09:00:00',
    });
  });

  it('checks hour and minute: missing (9), minute not a multiple of 5 (48), out of range (47), bad date (49)', async () => {
    const base = { phoneNumbers: '0611111111', message: 'x', scheduledDeliveryDate: '13/03/2025' };
    expect((await send({ ...base, minute: 0 })).json).toMatchObject({
      code: 9,
      error: [{ elementId: 'children[time].data' }],
    });
    expect((await send({ ...base, time: 9, minute: 7 })).json).toMatchObject({ code: 48 });
    expect((await send({ ...base, time: 9, minute: 60 })).json).toMatchObject({ code: 47 });
    expect(
      (await send({ ...base, scheduledDeliveryDate: '2025-03-13', time: 9, minute: 0 })).json,
    ).toMatchObject({
      code: 49,
    });
    expect(
      (await send({ ...base, scheduledDeliveryDate: '31/02/2025', time: 9, minute: 0 })).json,
    ).toMatchObject({
      code: 49,
    });
  });
});

describe('quiet hours', () => {
  // Sunday 16 March 2025, 11:00 in Paris.
  const SUNDAY = '2025-03-16T11:00:00+01:00';

  it('holds a Sunday send until Monday 08:00 Paris by default', async () => {
    await emu.clock.set(SUNDAY);
    const r = await send({ phoneNumbers: '0611111111', message: 'promo' });
    expect(r.json).toMatchObject({ success: true });
    const message = emu.messages()[0];
    expect(message?.held).toBe(true);
    expect(message?.sendAt.toISOString()).toBe('2025-03-17T07:00:00.000Z');
    await emu.clock.set('2025-03-17T07:00:00Z');
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('waiting');
  });

  it("refuses with 23 on a Sunday or holiday and 22 at night when the account is 'refuse'", async () => {
    emu.accounts.update(KEY, { quietHours: 'refuse' });
    await emu.clock.set(SUNDAY);
    expect((await send({ phoneNumbers: '0611111111', message: 'x' })).json).toMatchObject({
      code: 23,
    });
    // 1 May 2025 (Thursday) is a public holiday.
    await emu.clock.set('2025-05-01T11:00:00+02:00');
    expect((await send({ phoneNumbers: '0611111111', message: 'x' })).json).toMatchObject({
      code: 23,
    });
    // Wednesday 23:00.
    await emu.clock.set('2025-03-12T23:00:00+01:00');
    expect((await send({ phoneNumbers: '0611111111', message: 'x' })).json).toMatchObject({
      code: 22,
    });
  });

  it("sends at once on a transactional account ('off')", async () => {
    emu.accounts.update(KEY, { quietHours: 'off' });
    await emu.clock.set(SUNDAY);
    await send({ phoneNumbers: '0611111111', message: 'code 1234' });
    expect(emu.messages()[0]).toMatchObject({ held: false });
    expect(emu.messages()[0]?.recipients[0]?.status).toBe('waiting');
  });
});

describe('malformed bodies', () => {
  it('answers HTTP 400 for an unescaped double quote in the message', async () => {
    const body = `{"apiKey":"${KEY}","phoneNumbers":"0611111111","message":"Il a dit "bonjour" hier"}`;
    const r = await post(emu.baseUrl, 'send', body);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ success: false, code: 90 });
    expect(emu.messages()).toHaveLength(0);
  });

  it('answers code 90 for other malformed JSON; only that one follows errorStatus', async () => {
    const truncated = `{"apiKey":"${KEY}","phoneNumbers":"0611111111"`;
    expect((await post(emu.baseUrl, 'send', truncated)).json).toMatchObject({
      success: false,
      code: 90,
    });
    emu.configure({ errorStatus: 'always-200' });
    const r = await post(emu.baseUrl, 'send', truncated);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: false, code: 90 });
    const quote = `{"apiKey":"${KEY}","message":"a "b" c","phoneNumbers":"0611111111"}`;
    expect((await post(emu.baseUrl, 'send', quote)).status).toBe(400);
  });
});

describe('POST /v1/bulk-send', () => {
  it('answers nbSMS / SMSResponse_List with per-item nbSms, one message_id', async () => {
    const r = await post(emu.baseUrl, 'bulk-send', {
      apiKey: KEY,
      sender: 'mycompany',
      SMSList: [
        { phoneNumber: '0611111111', message: 'msg 0' },
        { phoneNumber: '0622222222', message: 'b'.repeat(200) },
        { phoneNumber: '12', message: 'invalid number' },
      ],
    });
    expect(r.json).toMatchObject({
      success: true,
      code: 200,
      message_id: expect.any(Number),
      currency: 'EUR',
      cost: 0.114,
      nbSMS: 3,
      SMSResponse_List: [
        { success: true, code: 200, nbSms: 1, cost: 0.038, phoneNumber: '+33611111111' },
        { success: true, code: 200, nbSms: 2, cost: 0.076, phoneNumber: '+33622222222' },
        { success: false, code: 9, phoneNumber: '12' },
      ],
    });
    expect(emu.messages()[0]?.recipients).toHaveLength(2);
  });

  it('reports validation errors under `error` (the bulk page key)', async () => {
    const r = await post(emu.baseUrl, 'bulk-send', {
      apiKey: KEY,
      sender: 'x',
      SMSList: [{ phoneNumber: '0611111111', message: 'm' }],
    });
    expect(r.json).toMatchObject({ code: 9, error: [{ elementId: 'children[sender].data' }] });
  });
});

describe('POST /v1/vn/send', () => {
  it('sends from a long number with the documented shape', async () => {
    const r = await post(emu.baseUrl, 'vn/send', {
      apiKey: KEY,
      to: '0611111111',
      from: '33700000000',
      message: 'hello',
    });
    expect(r.json).toEqual({
      success: true,
      code: 200,
      message_id: expect.any(Number),
      nb_sms: 1,
      cost: 0.038,
      currency: 'EUR',
    });
    expect(emu.messages()[0]).toMatchObject({ endpoint: 'vn/send', from: '33700000000' });
  });

  it('needs `to` (code 2) and `from` (code 9)', async () => {
    expect(
      (await post(emu.baseUrl, 'vn/send', { apiKey: KEY, from: '33700000000', message: 'x' })).json,
    ).toMatchObject({ code: 2 });
    expect(
      (await post(emu.baseUrl, 'vn/send', { apiKey: KEY, to: '0611111111', message: 'x' })).json,
    ).toMatchObject({
      code: 9,
      error: [{ elementId: 'children[from].data' }],
    });
  });
});

describe('XML', () => {
  it('answers a send as positional <entry> elements in key order', async () => {
    const r = await send({ phoneNumbers: '0611111111', message: 'x', _format: 'xml' });
    expect(r.headers.get('content-type')).toMatch(/application\/xml/);
    const id = emu.messages()[0]?.messageId;
    expect(r.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<result><entry>true</entry><entry>200</entry><entry>${id}</entry><entry>1</entry><entry>0.038</entry><entry><![CDATA[EUR]]></entry></result>`,
    );
  });

  it('answers errors in XML too', async () => {
    const r = await get(emu.baseUrl, 'me', { apiKey: 'wrong', _format: 'xml' });
    expect(r.text).toContain('<entry>false</entry><entry>10</entry>');
  });
});
