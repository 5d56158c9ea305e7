import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { get, post, startReceiver } from './helpers.js';

const KEY = 'cb-key';
let emu: Emulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let statuses: number[] = [];

beforeAll(async () => {
  emu = await startEmulator({
    accounts: [{ apiKey: KEY }],
    clock: { frozen: true, start: '2025-03-12T10:00:00+01:00' },
    dlrDelayMs: 1000,
    // Far beyond what a local POST needs on a loaded machine: no attempt here may time out.
    callbackTimeoutMs: 60_000,
  });
  receiver = await startReceiver(() => statuses.shift() ?? 200);
});
afterAll(async () => {
  await emu.stop();
  await receiver.close();
});
beforeEach(async () => {
  await emu.reset();
  receiver.received.length = 0;
  statuses = [];
});

async function sendWithDlr(phoneNumbers = '0611111111', extra: Record<string, unknown> = {}) {
  const r = await post(emu.baseUrl, 'send', {
    apiKey: KEY,
    phoneNumbers,
    message: 'x',
    tag: 'camp1',
    urlDlr: `${receiver.url}/dlr?secret=s3cr3t`,
    urlResponse: `${receiver.url}/reply`,
    ...extra,
  });
  expect(r.json.success).toBe(true);
  return r.json.message_id as number;
}

describe('delivery reports', () => {
  it('POSTs the best-evidence JSON after the delay, keeping the URL query string', async () => {
    const id = await sendWithDlr();
    await emu.clock.advance(999);
    expect(receiver.received).toHaveLength(0);
    await emu.clock.advance(1);
    expect(receiver.received).toHaveLength(1);
    const [dlr] = receiver.received;
    expect(dlr?.method).toBe('POST');
    expect(dlr?.url).toBe('/dlr?secret=s3cr3t');
    expect(dlr?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(dlr?.body ?? '')).toEqual({
      status: 'delivered',
      msgId: String(id),
      date: Date.parse('2025-03-12T09:00:01Z') / 1000,
      phone: '+33611111111',
      cost: '0.038',
      currency: 'EUR',
      tag: 'camp1',
    });
    expect(emu.callbacks({ kind: 'dlr' })[0]).toMatchObject({
      state: 'delivered',
      attempts: [{ status: 200 }],
    });
  });

  it('sends one report per recipient with each outcome', async () => {
    await sendWithDlr('0611111111,0600000001');
    await emu.clock.advance(1000);
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => [b.phone, b.status])).toEqual([
      ['+33611111111', 'delivered'],
      ['+33600000001', 'not delivered'],
    ]);
  });

  it('form preset: the same fields urlencoded', async () => {
    emu.configure({ dlrFormat: 'form' });
    const id = await sendWithDlr();
    await emu.clock.advance(1000);
    const [dlr] = receiver.received;
    expect(dlr?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(dlr?.body));
    expect(form).toEqual({
      status: 'delivered',
      msgId: String(id),
      date: String(Date.parse('2025-03-12T09:00:01Z') / 1000),
      phone: '+33611111111',
      cost: '0.038',
      currency: 'EUR',
      tag: 'camp1',
    });
  });

  it('query preset: a GET with the fields appended to the existing query string', async () => {
    emu.configure({ dlrFormat: 'query' });
    const id = await sendWithDlr();
    await emu.clock.advance(1000);
    const [dlr] = receiver.received;
    expect(dlr?.method).toBe('GET');
    expect(dlr?.body).toBe('');
    const url = new URL(dlr?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/dlr');
    expect(url.searchParams.get('secret')).toBe('s3cr3t');
    expect(url.searchParams.get('msgId')).toBe(String(id));
    expect(url.searchParams.get('status')).toBe('delivered');
    expect(url.searchParams.get('phone')).toBe('+33611111111');
  });

  it('polling preset: messageId (number), phoneNumber, statut with capitals, Paris date', async () => {
    emu.configure({ dlrFormat: 'polling' });
    const id = await sendWithDlr('0600000001');
    await emu.clock.advance(1000);
    expect(JSON.parse(receiver.received[0]?.body ?? '')).toEqual({
      statut: 'Not delivered',
      messageId: id,
      date: '2025-03-12 10:00:01',
      phoneNumber: '+33600000001',
      cost: 0.038,
      currency: 'EUR',
      tag: 'camp1',
    });
  });

  it('snake, smpp and minimal presets, and field-by-field overrides', async () => {
    emu.configure({ dlrFormat: 'snake' });
    const id = await sendWithDlr();
    await emu.clock.advance(1000);
    expect(JSON.parse(receiver.received[0]?.body ?? '')).toMatchObject({
      message_id: String(id),
      phone_number: '+33611111111',
    });

    emu.configure({ dlrFormat: 'smpp' });
    await sendWithDlr('0600000004');
    await emu.clock.advance(1000);
    const smpp = Object.fromEntries(new URLSearchParams(receiver.received[1]?.body));
    expect(smpp).toMatchObject({ status: 'EXPIRED', msisdn: '33600000004' });

    emu.configure({ dlrFormat: 'minimal' });
    await sendWithDlr();
    await emu.clock.advance(1000);
    expect(Object.keys(JSON.parse(receiver.received[2]?.body ?? ''))).toEqual([
      'status',
      'msgId',
      'phone',
    ]);

    emu.configure({
      dlrFormat: {
        idField: 'messageId',
        phoneField: 'number',
        statusStyle: 'capitalized',
        idType: 'number',
      },
    });
    const last = await sendWithDlr();
    await emu.clock.advance(1000);
    expect(JSON.parse(receiver.received[3]?.body ?? '')).toMatchObject({
      messageId: last,
      number: '+33611111111',
      status: 'Delivered',
    });
  });

  it('retries a failed report on the configured schedule and records every attempt', async () => {
    emu.configure({ callbackRetryDelaysMs: [10_000, 60_000] });
    statuses = [500, 503, 200];
    await sendWithDlr();
    await emu.clock.advance(1000);
    expect(emu.callbacks()[0]).toMatchObject({ state: 'retrying', attempts: [{ status: 500 }] });
    await emu.clock.advance(9_999);
    expect(emu.callbacks()[0]?.attempts).toHaveLength(1);
    await emu.clock.advance(1);
    expect(emu.callbacks()[0]?.attempts).toHaveLength(2);
    await emu.clock.advance(60_000);
    const record = emu.callbacks()[0];
    expect(record?.state).toBe('delivered');
    expect(record?.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(receiver.received).toHaveLength(3);
  });

  it('gives up after the last retry and records network errors', async () => {
    emu.configure({ callbackRetryDelaysMs: [1000] });
    await post(emu.baseUrl, 'send', {
      apiKey: KEY,
      phoneNumbers: '0611111111',
      message: 'x',
      urlDlr: 'http://127.0.0.1:9/unreachable',
    });
    await emu.clock.advance(5000);
    const record = emu.callbacks()[0];
    expect(record?.state).toBe('failed');
    expect(record?.attempts).toHaveLength(2);
    expect(record?.attempts[0]?.error).toMatch(/fetch failed/);
  });

  it('works on the real clock too', async () => {
    const live = await startEmulator({
      accounts: [{ apiKey: 'live', quietHours: 'off' }],
      dlrDelayMs: 10,
      callbackTimeoutMs: 60_000,
    });
    try {
      await post(live.baseUrl, 'send', {
        apiKey: 'live',
        phoneNumbers: '0611111111',
        message: 'x',
        urlDlr: `${receiver.url}/live`,
      });
      // Polls until the report arrives; the limit only guards against a hang.
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), {
        timeout: 30_000,
        interval: 10,
      });
      expect(receiver.received[0]?.url).toBe('/live');
    } finally {
      await live.stop();
    }
  });
});

describe('replies, STOP and inbound SMS', () => {
  it('simulateReply POSTs {type: response, phone_number, text, message_id} to urlResponse', async () => {
    const id = await sendWithDlr();
    const record = await emu.simulateReply({ phoneNumber: '0611111111', text: 'Oui merci' });
    expect(record.state).toBe('delivered');
    const reply = receiver.received.find((r) => r.url === '/reply');
    expect(reply?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(reply?.body ?? '')).toEqual({
      type: 'response',
      phone_number: '+33611111111',
      text: 'Oui merci',
      message_id: id,
    });
  });

  it('simulateStop stop-lists the number and POSTs {type: stop}; later sends get 14', async () => {
    const id = await sendWithDlr();
    await emu.simulateStop({ phoneNumber: '+33611111111' });
    const stop = receiver.received.find((r) => r.url === '/reply');
    expect(JSON.parse(stop?.body ?? '')).toEqual({
      type: 'stop',
      phone_number: '+33611111111',
      text: 'STOP',
      message_id: id,
    });
    expect(emu.accounts.get(KEY).stopList).toEqual(['+33611111111']);
    const again = await post(emu.baseUrl, 'send', {
      apiKey: KEY,
      phoneNumbers: '0611111111',
      message: 'x',
    });
    expect(again.json.code).toBe(14);
  });

  it('replies can be form-encoded', async () => {
    emu.configure({ callbackEncoding: 'form' });
    await sendWithDlr();
    await emu.simulateReply({ phoneNumber: '0611111111', text: 'a b' });
    const reply = receiver.received.find((r) => r.url === '/reply');
    expect(reply?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(reply?.body))).toMatchObject({
      type: 'response',
      text: 'a b',
    });
  });

  it('simulateInbound sends one callback per part with string concat fields', async () => {
    const text = 'MessageLong en trois parties pour tester le réassemblage';
    const records = await emu.simulateInbound({
      from: '+33611111111',
      text,
      parts: 3,
      url: `${receiver.url}/in`,
    });
    expect(records).toHaveLength(3);
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.text).join('')).toBe(text);
    const refs = new Set(bodies.map((b) => b['concat-ref']));
    expect(refs.size).toBe(1);
    expect(bodies.map((b) => [b.concat, b['concat-total'], b['concat-part']])).toEqual([
      ['true', '3', '1'],
      ['true', '3', '2'],
      ['true', '3', '3'],
    ]);
    expect(bodies[0]).toMatchObject({
      msisdn: '33611111111',
      to: '33700000000',
      type: 'text',
      keyword: 'MESSAGELONG',
      'message-timestamp': '2025-03-12 10:00:00',
    });
    expect(typeof bodies[0].messageId).toBe('string');
  });

  it('a single-part inbound message has no concat fields; the URL comes from the last vn/send', async () => {
    await post(emu.baseUrl, 'vn/send', {
      apiKey: KEY,
      to: '0611111111',
      from: '33700000000',
      message: 'Bonjour',
      urlResponse: `${receiver.url}/vn`,
    });
    await emu.simulateInbound({ from: '0611111111', text: 'Salut' });
    const inbound = receiver.received.find((r) => r.url === '/vn');
    const body = JSON.parse(inbound?.body ?? '');
    expect(body.concat).toBeUndefined();
    expect(body.text).toBe('Salut');
  });

  it('explains what is missing when no URL is known', async () => {
    await expect(emu.simulateReply({ phoneNumber: '0699999999' })).rejects.toThrow(/no target URL/);
  });
});

describe('stop list seen through the API', () => {
  it('a simulated STOP shows in GET /v1/stop-sms/list', async () => {
    await emu.simulateStop({ phoneNumber: '0612345678' });
    const r = await get(emu.baseUrl, 'stop-sms/list', { apiKey: KEY });
    expect(r.json).toMatchObject({
      success: true,
      code: 200,
      nbData: 1,
      data: [{ phoneNumber: '+33612345678' }],
    });
  });
});

describe('zero delays', () => {
  it('with dlrDelayMs 0 the report goes out without moving a frozen clock', async () => {
    emu.configure({ dlrDelayMs: 0 });
    await sendWithDlr();
    await emu.settle();
    expect(receiver.received.map((r) => r.url)).toEqual(['/dlr?secret=s3cr3t']);
  });
});
