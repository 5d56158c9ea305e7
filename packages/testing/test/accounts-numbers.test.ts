import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { call, get, post, startReceiver } from './helpers.js';

const KEY = 'parent-key';
let emu: Emulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  emu = await startEmulator({
    accounts: [{ apiKey: KEY, balance: 100, username: 'parent@example.com', surveys: ['SURVEY1'] }],
    clock: { frozen: true, start: '2025-03-12T10:00:00+01:00' },
    // Far beyond what a local POST needs on a loaded machine: no attempt here may time out.
    callbackTimeoutMs: 60_000,
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await emu.stop();
  await receiver.close();
});
beforeEach(async () => {
  await emu.reset();
  receiver.received.length = 0;
});

describe('sub-accounts', () => {
  async function createSimple(credit = 10) {
    return post(emu.baseUrl, 'subaccount/create', {
      apiKey: KEY,
      type: 'simple',
      parameters: { creditToAttribute: credit },
    });
  }

  it('creates a sub-account with its own API key that works on its own', async () => {
    const created = await createSimple(10);
    expect(created.json).toMatchObject({
      success: true,
      code: 200,
      subaccount: {
        email: expect.stringMatching(/^\d{8}@smspartner\.fr$/),
        token: expect.any(String),
      },
      parent_email: 'parent@example.com',
    });
    expect(emu.accounts.get(KEY).balance).toBe(90);
    const listed = await get(emu.baseUrl, 'subaccount/list', { apiKey: KEY });
    expect(listed.json).toMatchObject({
      success: true,
      code: 200,
      total: 1,
      nb_per_page: 20,
      page: 1,
    });
    const [sub] = listed.json.data as {
      apiKey: string;
      token: string;
      credits: unknown;
      createdAt: string;
      type: string;
    }[];
    expect(sub).toMatchObject({
      type: 'simple',
      credits: { balance: '10.000', currency: 'EUR' },
      createdAt: '2025-03-12 10:00:00',
    });
    const me = await get(emu.baseUrl, 'me', { apiKey: sub?.apiKey ?? '' });
    expect(me.json).toMatchObject({ credits: { balance: '10.000' } });
    await post(emu.baseUrl, 'send', {
      apiKey: sub?.apiKey,
      phoneNumbers: '0611111111',
      message: 'x',
    });
    expect(emu.accounts.get(sub?.apiKey ?? '').balance).toBe(9.962);
    expect(emu.accounts.get(KEY).balance).toBe(90);
  });

  it('moves credit both ways and reports both balances', async () => {
    const token = ((await createSimple(10)).json.subaccount as { token: string }).token;
    const added = await post(emu.baseUrl, 'subaccount/credit/add', {
      apiKey: KEY,
      credit: 5.5,
      tokenSubaccount: token,
    });
    expect(added.json).toEqual({
      success: true,
      code: 200,
      credit: 84.5,
      subaccountCredit: 15.5,
      currency: 'EUR',
    });
    const removed = await post(emu.baseUrl, 'subaccount/credit/remove', {
      apiKey: KEY,
      credit: 15.5,
      tokenSubaccount: token,
    });
    expect(removed.json).toMatchObject({ credit: 100, subaccountCredit: 0 });
    const tooMuch = await post(emu.baseUrl, 'subaccount/credit/remove', {
      apiKey: KEY,
      credit: 1,
      tokenSubaccount: token,
    });
    expect(tooMuch.json.code).toBe(8);
  });

  it('answers the credit codes: 2, 3, 5, 7', async () => {
    const credit = (body: Record<string, unknown>) =>
      post(emu.baseUrl, 'subaccount/credit/add', { apiKey: KEY, ...body });
    expect((await credit({ tokenSubaccount: 't' })).json.code).toBe(2);
    expect((await credit({ credit: 1 })).json.code).toBe(3);
    expect((await credit({ credit: 0, tokenSubaccount: 't' })).json.code).toBe(5);
    expect((await credit({ credit: 1, tokenSubaccount: 'unknown' })).json.code).toBe(7);
  });

  it('answers the create codes: 4, 5, 3, 6, 7, 8, 9 and 2', async () => {
    const create = (body: Record<string, unknown>) =>
      post(emu.baseUrl, 'subaccount/create', { apiKey: KEY, ...body });
    expect((await create({})).json.code).toBe(4);
    expect((await create({ type: 'gold' })).json.code).toBe(5);
    expect((await create({ type: 'advanced', parameters: { email: 'a@b.fr' } })).json.code).toBe(3);
    expect((await create({ type: 'advanced', parameters: { isBuyer: 0 } })).json.code).toBe(6);
    expect(
      (await create({ type: 'advanced', parameters: { isBuyer: 0, email: 'parent@example.com' } }))
        .json.code,
    ).toBe(7);
    expect(
      (await create({ type: 'simple', parameters: { creditToAttribute: -1 } })).json.code,
    ).toBe(8);
    expect(
      (await create({ type: 'simple', parameters: { creditToAttribute: 1000 } })).json.code,
    ).toBe(9);
    emu.accounts.update(KEY, { subaccounts: false });
    expect((await create({ type: 'simple' })).json.code).toBe(2);
  });

  it('deletes with DELETE /delete or POST /remove, returning the balance to the parent', async () => {
    const first = ((await createSimple(10)).json.subaccount as { token: string }).token;
    const second = ((await createSimple(5)).json.subaccount as { token: string }).token;
    expect(
      (await call(emu.baseUrl, 'DELETE', 'subaccount/delete', { apiKey: KEY, token: first })).json,
    ).toEqual({ success: true, code: 200 });
    expect(
      (await post(emu.baseUrl, 'subaccount/remove', { apiKey: KEY, token: second })).json.code,
    ).toBe(200);
    expect(emu.accounts.get(KEY).balance).toBe(100);
    expect(
      (await post(emu.baseUrl, 'subaccount/remove', { apiKey: KEY, token: second })).json.code,
    ).toBe(404);
    expect((await post(emu.baseUrl, 'subaccount/remove', { apiKey: KEY })).json.code).toBe(1);
  });
});

describe('POST /v1/vn/callforward', () => {
  const forward = (body: Record<string, unknown>) =>
    post(emu.baseUrl, 'vn/callforward', { apiKey: KEY, number: '33700000000', ...body });

  it('enables forwarding and voicemail, disables, all with success code 2', async () => {
    expect((await forward({ type: 1, param: '+33611111111' })).json).toEqual({
      success: true,
      code: 2,
      message: 'Callforward enabled',
    });
    expect((await forward({ type: 1, param: '+33611111111' })).json.code).toBe(16);
    expect((await forward({ type: 2, param: 'me@example.com' })).json).toMatchObject({
      code: 2,
      message: 'Voicemail enabled',
    });
    expect((await forward({ type: 2, param: 'me@example.com' })).json.code).toBe(17);
    expect((await forward({ type: 0, param: '' })).json).toEqual({
      success: true,
      code: 2,
      message: 'Callforward disabled',
    });
    expect((await forward({ type: 0 })).json.code).toBe(18);
  });

  it('answers 10 (key), 5, 6, 7, 8, 9, 12, 13', async () => {
    expect(
      (await post(emu.baseUrl, 'vn/callforward', { number: '33700000000', type: 0 })).json.code,
    ).toBe(10);
    expect((await forward({ number: undefined, type: 0 })).json.code).toBe(5);
    expect((await forward({})).json.code).toBe(6);
    expect((await forward({ type: 4 })).json.code).toBe(7);
    expect((await forward({ type: 1 })).json.code).toBe(8);
    expect((await forward({ type: 2, param: 'not-an-email' })).json).toEqual({
      success: false,
      code: 9,
      message: "L'e-mail n'est pas valide",
    });
    expect((await forward({ type: 1, param: '12' })).json.code).toBe(12);
    expect((await forward({ number: '33799999999', type: 0 })).json.code).toBe(13);
  });
});

describe('number verification', () => {
  it('HLR: answers the campaign, debits 0.005 per number, POSTs each result to notifyUrl', async () => {
    const r = await post(emu.baseUrl, 'hlr/notify', {
      apiKey: KEY,
      phoneNumbers: '+33611111111,+33600000001',
      notifyUrl: `${receiver.url}/hlr`,
    });
    expect(r.json).toEqual({
      success: true,
      code: 200,
      campaign_id: 'HLR000001',
      number: 2,
      cost: 0.01,
      currency: 'EUR',
    });
    expect(emu.accounts.get(KEY).balance).toBe(99.99);
    await emu.clock.advance(emu.behaviour().hlrDelayMs);
    const bodies = receiver.received.map((x) => JSON.parse(x.body));
    expect(bodies[0]).toEqual({
      phone: '+33611111111',
      messageId: expect.any(String),
      mccMnc: '20801',
      ported: 0,
      errorGrpId: 0,
      errorName: 'NO_ERROR',
      errorDesc: 'No Error',
      date: '2025-03-12T09:00:02.000+0000',
    });
    expect(bodies[1]).toMatchObject({
      phone: '+33600000001',
      errorName: 'UNKNOWN_SUBSCRIBER',
      errorGrpId: 1,
    });
    expect(emu.callbacks({ kind: 'hlr' })).toHaveLength(2);
  });

  it('HLR: 2 without numbers, 3 for other separators, 50 above 500', async () => {
    expect((await post(emu.baseUrl, 'hlr/notify', { apiKey: KEY })).json.code).toBe(2);
    expect(
      (
        await post(emu.baseUrl, 'hlr/notify', {
          apiKey: KEY,
          phoneNumbers: '+33611111111;+33622222222',
        })
      ).json.code,
    ).toBe(3);
    const many = Array.from({ length: 501 }, (_, i) => `+336${String(i).padStart(8, '0')}`).join(
      ',',
    );
    expect(
      (await post(emu.baseUrl, 'hlr/notify', { apiKey: KEY, phoneNumbers: many })).json.code,
    ).toBe(50);
  });

  it('lookup: formats valid numbers, fails items per the documented example', async () => {
    const r = await post(emu.baseUrl, 'lookup', {
      apiKey: KEY,
      phoneNumbers: '+33612345678, +212666123456',
    });
    expect(r.json).toEqual({
      success: true,
      code: 200,
      lookup: [
        {
          request: '+33612345678',
          success: true,
          countryCode: 'France',
          prefixCode: 33,
          phoneNumber: '+33612345678',
          type: 'Mobile',
          network: '',
          format: {
            e164: '+33612345678',
            international: '+33 6 12 34 56 78',
            national: '06 12 34 56 78',
            rfc3966: 'tel:+33-6-12-34-56-78',
          },
        },
        {
          request: ' +212666123456',
          success: false,
          message: "Le numéro de téléphone est vide ou n'est pas valide.",
        },
      ],
    });
  });

  it('HLR and lookup are limited per minute (429 + Retry-After), configurable', async () => {
    emu.configure({ rateLimits: { lookup: { limit: 2, windowMs: 60_000 } } });
    const body = { apiKey: KEY, phoneNumbers: '+33612345678' };
    expect((await post(emu.baseUrl, 'lookup', body)).status).toBe(200);
    expect((await post(emu.baseUrl, 'lookup', body)).status).toBe(200);
    const limited = await post(emu.baseUrl, 'lookup', body);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // hlr/notify keeps the documented 360/minute.
    expect((await post(emu.baseUrl, 'hlr/notify', body)).status).toBe(200);
  });
});

describe('survey and RCS sends', () => {
  it('sends a known survey with the /v1/send response shape, and rejects an unknown one (9, `error`)', async () => {
    const ok = await post(emu.baseUrl, 'sondage/to/send', {
      apiKey: KEY,
      phoneNumbers: '0611111111,0622222222',
      sondageIdent: 'SURVEY1',
    });
    expect(ok.json).toEqual({
      success: true,
      code: 200,
      message_id: expect.any(Number),
      nb_sms: 2,
      cost: 0.076,
      currency: 'EUR',
    });
    const unknown = await post(emu.baseUrl, 'sondage/to/send', {
      apiKey: KEY,
      phoneNumbers: '0611111111',
      sondageIdent: 'NOPE',
    });
    expect(unknown.json).toMatchObject({
      code: 9,
      error: [{ elementId: 'children[sondageIdent].data' }],
    });
    expect(
      (await post(emu.baseUrl, 'sondage/to/send', { apiKey: KEY, sondageIdent: 'SURVEY1' })).json
        .code,
    ).toBe(2);
  });

  it('sends RCS to a JSON array of numbers and answers nb_rcs', async () => {
    const r = await post(emu.baseUrl, 'rcs/send', {
      apiKey: KEY,
      phoneNumbers: ['+33611111111', '+33622222222'],
      isUnicode: 1,
      richContent: {
        conversation: {
          text: 'Bonjour',
          suggestions: [{ reply: { text: 'Oui', postbackData: 'yes' } }],
        },
      },
      failover: { sender: 'Shop', message: 'Bonjour (SMS)' },
    });
    expect(r.json).toEqual({
      success: true,
      code: 200,
      message_id: expect.any(Number),
      nb_rcs: 2,
      cost: 0.24,
      currency: 'EUR',
    });
    expect(emu.messages({ endpoint: 'rcs/send' })[0]?.recipients[0]?.text).toBe('Bonjour');
  });

  it('RCS validation: content required, at most 4 suggestions, card limits', async () => {
    const rcs = (richContent: unknown) =>
      post(emu.baseUrl, 'rcs/send', {
        apiKey: KEY,
        phoneNumbers: ['+33611111111'],
        isUnicode: 1,
        richContent,
      });
    expect((await rcs(undefined)).json.code).toBe(9);
    const five = Array.from({ length: 5 }, (_, i) => ({
      reply: { text: `${i}`, postbackData: `${i}` },
    }));
    expect((await rcs({ conversation: { text: 'x', suggestions: five } })).json.code).toBe(9);
    expect(
      (await rcs({ conversation: { richCard: { orientation: 'DIAGONAL', title: 't' } } })).json
        .code,
    ).toBe(9);
  });
});

describe('contact rental', () => {
  const parameters = { sexe: 'm', minAge: 25, maxAge: 50, interest: 14, zipcode: '06200,60200' };

  it('calculates, prices, rents, then the file is ready and downloads once', async () => {
    const calcul = await post(emu.baseUrl, 'location/optin', {
      apiKey: KEY,
      op: 'calcul',
      parameters,
    });
    const datas = calcul.json.datas as { Type: string; Localite: string; Volume: number }[];
    expect(datas.map((d) => [d.Type, d.Localite])).toEqual([
      ['CP', '06200'],
      ['CP', '60200'],
      ['total', ''],
    ]);
    expect(datas[2]?.Volume).toBe((datas[0]?.Volume ?? 0) + (datas[1]?.Volume ?? 0));
    const price = await post(emu.baseUrl, 'location/optin', {
      apiKey: KEY,
      op: 'price',
      parameters,
      volumes: { '06200': 10, '60200': 10 },
    });
    expect(price.json).toMatchObject({
      success: true,
      op: 'price',
      cost: { quantity: 20, total: 1.8, cost_unity: 0.09 },
    });
    const rent = await post(emu.baseUrl, 'location/optin', {
      apiKey: KEY,
      op: 'rent',
      parameters,
      volumes: { '06200': 10, '60200': 10 },
    });
    const token = rent.json.token as string;
    expect(emu.accounts.get(KEY).balance).toBe(98.2);
    expect(
      (await get(emu.baseUrl, 'location/file/download', { apiKey: KEY, token })).json.code,
    ).toBe(33);
    await emu.clock.advance(emu.behaviour().dlrDelayMs);
    const status = await get(emu.baseUrl, 'location/status', { apiKey: KEY, token });
    expect(status.json).toMatchObject({
      success: true,
      token,
      location: { cost: { quantity: 20, total: '1.800', cost_unity: '0.090' } },
      file: { phoneNumbers: '20' },
    });
    const file = await get(emu.baseUrl, 'location/file/download', { apiKey: KEY, token });
    expect(file.headers.get('content-type')).toMatch(/text\/csv/);
    expect(file.text.trim().split('\n')).toHaveLength(21);
    expect(
      (await get(emu.baseUrl, 'location/file/download', { apiKey: KEY, token })).json.code,
    ).toBe(34);
    expect((await get(emu.baseUrl, 'location/status', { apiKey: KEY, token })).json.status).toBe(
      'File downloaded by user from api',
    );
  });

  it('validates: op (4, 6), parameters (3), sexe (7, 8), ages (9, 12, 13, 14), interest (19), volume (27), token (31, 32)', async () => {
    const optin = (body: Record<string, unknown>) =>
      post(emu.baseUrl, 'location/optin', { apiKey: KEY, ...body });
    expect((await optin({ parameters })).json.code).toBe(4);
    expect((await optin({ op: 'buy', parameters })).json.code).toBe(6);
    expect((await optin({ op: 'calcul' })).json.code).toBe(3);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, sexe: undefined } })).json.code,
    ).toBe(7);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, sexe: 'x' } })).json.code,
    ).toBe(8);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, minAge: undefined } })).json.code,
    ).toBe(9);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, minAge: 16 } })).json.code,
    ).toBe(12);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, maxAge: undefined } })).json.code,
    ).toBe(13);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, maxAge: 99 } })).json.code,
    ).toBe(14);
    expect(
      (await optin({ op: 'calcul', parameters: { ...parameters, interest: undefined } })).json.code,
    ).toBe(19);
    expect(
      (await optin({ op: 'price', parameters, volumes: { '06200': 100_000 } })).json.code,
    ).toBe(27);
    expect((await get(emu.baseUrl, 'location/status', { apiKey: KEY })).json.code).toBe(31);
    expect(
      (await get(emu.baseUrl, 'location/status', { apiKey: KEY, token: 'nope' })).json.code,
    ).toBe(32);
  });
});

describe('GET /v1/statistics/cost-resume', () => {
  it('sums sent cost and parts per Paris month, strings where documented', async () => {
    await emu.clock.set('2025-02-10T10:00:00+01:00');
    await post(emu.baseUrl, 'send', {
      apiKey: KEY,
      phoneNumbers: '0611111111,0622222222',
      message: 'x',
    });
    await emu.clock.set('2025-03-12T10:00:00+01:00');
    const r = await get(emu.baseUrl, 'statistics/cost-resume', {
      apiKey: KEY,
      interval: 'last_month',
    });
    expect(r.json).toEqual({
      success: true,
      datas: [
        {
          month: 'february',
          year: '2025',
          m: '02',
          date: Date.parse('2025-02-01T00:00:00+01:00') / 1000,
          type: 'month',
          cost: '0.076',
          nb_send: '2',
        },
      ],
    });
    const twelve = await get(emu.baseUrl, 'statistics/cost-resume', {
      apiKey: KEY,
      interval: 'last_twelve_months',
    });
    expect(twelve.json.datas).toHaveLength(12);
    const custom = await get(emu.baseUrl, 'statistics/cost-resume', {
      apiKey: KEY,
      interval: 'custom',
      from: '11-02-2025',
      to: '31-03-2025',
    });
    expect((custom.json.datas as { cost: string }[]).map((d) => d.cost)).toEqual([
      '0.000',
      '0.000',
    ]);
    expect(
      (await get(emu.baseUrl, 'statistics/cost-resume', { apiKey: KEY, interval: 'weekly' })).json
        .code,
    ).toBe(9);
  });
});
