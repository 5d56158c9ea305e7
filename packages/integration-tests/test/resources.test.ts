import {
  SmsPartnerApiError,
  SmsPartnerInsufficientCreditError,
  SmsPartnerValidationError,
} from '@sms-partner/core';
import { describe, expect, it } from 'vitest';
import { rejection, useEmulator } from './helpers.js';

const fixture = useEmulator({
  // Numbers ending in 99 are not delivered; the rest are.
  outcomes: [{ match: /99$/, status: 'not delivered' }],
  accounts: [{ virtualNumbers: [{ number: '33700000000', callForwardEnabled: true }] }],
});

async function deliverAll(): Promise<void> {
  await fixture.emulator.clock.advance(fixture.emulator.behaviour().dlrDelayMs + 1_000);
}

describe('client.status', () => {
  it('get() reads the status of one message, normalised', async () => {
    const client = fixture.client();
    const { messageId } = await client.sms.send({
      to: ['0612345678', '0612345699'],
      message: 'x',
      category: 'transactional',
    });
    const waiting = await client.status.get({ messageId, phoneNumber: '06 12 34 56 78' });
    expect(waiting.status).toBe('waiting');
    await deliverAll();
    const delivered = await client.status.get({ messageId, phoneNumber: '0612345678' });
    const failed = await client.status.get({ messageId, phoneNumber: '0612345699' });
    expect(delivered).toMatchObject({
      messageId,
      status: 'delivered',
      rawStatus: 'Delivered',
      stopSms: false,
      currency: 'EUR',
    });
    expect(failed.status).toBe('not_delivered');
    const record = fixture.emulator.message(Number(messageId))?.recipients[0];
    expect(delivered.date?.getTime()).toBe(
      Math.floor((record?.statusAt.getTime() ?? 0) / 1000) * 1000,
    );
    expect(delivered.cost).toBe(record?.cost);
  });

  it('getMany() reads many pairs and reports unknown ones per item', async () => {
    const client = fixture.client();
    const { messageId } = await client.sms.send({
      to: '0612345678',
      message: 'x',
      category: 'transactional',
    });
    await deliverAll();
    const { items } = await client.status.getMany([
      { messageId, phoneNumber: '0612345678' },
      { messageId: 999_999, phoneNumber: '0612345678' },
    ]);
    expect(fixture.emulator.lastRequest({ route: 'multi-status' })?.params?.SMSStatut_List).toEqual(
      [
        { phoneNumber: '+33612345678', messageId: Number(messageId) },
        { phoneNumber: '+33612345678', messageId: 999_999 },
      ],
    );
    expect(items[0]).toMatchObject({
      success: true,
      status: 'delivered',
      stopSms: false,
      isSpam: false,
    });
    expect(items[0]?.date).toBeInstanceOf(Date);
    expect(items[1]).toMatchObject({ success: false, apiCode: 4, status: 'unknown' });
    expect(items[1]?.error).toBeTruthy();
  });

  it('byMessage() lists every recipient of a send', async () => {
    const client = fixture.client();
    const { messageId } = await client.sms.send({
      to: ['0612345678', '0612345699'],
      message: 'x',
      category: 'transactional',
    });
    await deliverAll();
    const { items } = await client.status.byMessage(messageId);
    expect(items.map((item) => [item.phoneNumber, item.status])).toEqual([
      ['+33612345678', 'delivered'],
      ['+33612345699', 'not_delivered'],
    ]);
    expect(items.every((item) => item.messageId === messageId)).toBe(true);
  });

  it('byTag() pages and iterateByTag() walks every page', async () => {
    const client = fixture.client();
    await client.sms.send({
      to: ['0612345601', '0612345602'],
      message: 'x',
      tag: 'promo',
      category: 'transactional',
    });
    await client.sms.send({
      to: '0612345603',
      message: 'y',
      tag: 'promo',
      category: 'transactional',
    });
    await client.sms.send({
      to: '0612345604',
      message: 'z',
      tag: 'autre',
      category: 'transactional',
    });
    const page = await client.status.byTag('promo');
    expect(page.total).toBe(3);
    expect(page.page).toBe(1);
    const all = [];
    for await (const status of client.status.iterateByTag('promo')) all.push(status.phoneNumber);
    expect(all.sort()).toEqual(['+33612345601', '+33612345602', '+33612345603']);
  });

  it('maps an unknown message to an API error with the status family meaning', async () => {
    const error = await rejection(
      () => fixture.client().status.get({ messageId: 424242, phoneNumber: '0612345678' }),
      SmsPartnerApiError,
    );
    expect(error.apiCode).toBe(4);
    expect(error.meaning).toBe('message not found');
  });
});

describe('client.statistics', () => {
  it('costs() sums the month and reads numbers sent as strings', async () => {
    const client = fixture.client();
    await client.sms.send({
      to: ['0612345678', '0698765432'],
      message: 'x',
      category: 'transactional',
    });
    await deliverAll();
    const { months } = await client.statistics.costs({ from: '2030-01-01', to: '2030-01-31' });
    expect(fixture.emulator.lastRequest()?.query).toMatchObject({
      interval: 'custom',
      from: '01-01-2030',
      to: '31-01-2030',
    });
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ year: 2030, month: 1, sent: 2 });
    expect(months[0]?.cost).toBeCloseTo(2 * fixture.emulator.behaviour().pricing.premium, 6);
    expect(months[0]?.start?.toISOString()).toBe('2029-12-31T23:00:00.000Z');
    const year = await client.statistics.costs({ interval: 'last_twelve_months' });
    expect(year.months).toHaveLength(12);
  });

  it('refuses an unknown interval or reversed dates before any call', async () => {
    const client = fixture.client();
    await rejection(
      () => client.statistics.costs({ interval: 'yesterday' as never }),
      SmsPartnerValidationError,
    );
    const error = await rejection(
      () => client.statistics.costs({ from: '2030-02-01', to: '2030-01-01' }),
      SmsPartnerValidationError,
    );
    expect(error.field).toBe('to');
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});

describe('client.groups and client.contacts', () => {
  it('create, add, update, get, list, iterate, delete', async () => {
    const client = fixture.client();
    const group = await client.groups.create('Clients fidèles');
    expect(group.id).not.toBe('');
    expect((await client.groups.list()).groups).toMatchObject([
      { id: group.id, name: 'Clients fidèles' },
    ]);

    const added = await client.contacts.add({
      groupId: group.id,
      contact: {
        phoneNumber: '06 12 34 56 78',
        firstName: 'Anne',
        lastName: 'Martin',
        date: '1990-05-17',
        custom1: 'VIP',
      },
    });
    expect(fixture.emulator.lastRequest({ route: 'contact/add' })?.params?.contact).toMatchObject({
      phoneNumber: '+33612345678',
      firstname: 'Anne',
      lastname: 'Martin',
      date: '1990-05-17',
    });
    expect(added.contactId).not.toBe('');

    const updated = await client.contacts.update({
      contactId: added.contactId,
      contact: { firstName: 'Annie' },
    });
    expect(updated.firstName).toBe('Annie');
    const detail = await client.contacts.get(added.contactId);
    expect(detail).toMatchObject({
      contactId: added.contactId,
      firstName: 'Annie',
      lastName: 'Martin',
      custom1: 'VIP',
      groupId: group.id,
    });
    expect(detail.createdAt).toBeInstanceOf(Date);

    const bulk = await client.contacts.addMany({
      groupId: group.id,
      contacts: Array.from({ length: 30 }, (_, i) => ({
        phoneNumber: `+3361111${String(i).padStart(4, '0')}`,
      })),
    });
    expect(bulk.report).toMatchObject({ lines: 30, imported: 30 });
    const page = await client.contacts.list({ groupId: group.id });
    expect(page.total).toBe(31);
    const everyone = [];
    for await (const contact of client.contacts.iterate(group.id))
      everyone.push(contact.phoneNumber);
    expect(new Set(everyone).size).toBe(31);

    await client.contacts.delete(added.contactId);
    await rejection(() => client.contacts.get(added.contactId), SmsPartnerApiError);
    await client.groups.delete(group.id);
    expect((await client.groups.list()).groups).toHaveLength(0);
  });

  it('reports a duplicate contact as API code 15', async () => {
    const client = fixture.client();
    const group = await client.groups.create('g');
    await client.contacts.add({ groupId: group.id, contact: { phoneNumber: '0612345678' } });
    const error = await rejection(
      () => client.contacts.add({ groupId: group.id, contact: { phoneNumber: '+33612345678' } }),
      SmsPartnerApiError,
    );
    expect(error.apiCode).toBe(15);
  });

  it('validates contact fields before any call', async () => {
    const error = await rejection(
      () =>
        fixture.client().contacts.add({
          groupId: 1,
          contact: {
            phoneNumber: '123',
            firstName: 'x'.repeat(33),
            url: 'ftp://x',
            date: '2030-02-30',
          },
        }),
      SmsPartnerValidationError,
    );
    expect(error.issues.map((issue) => issue.field).sort()).toEqual([
      'contact.date',
      'contact.firstName',
      'contact.phoneNumber',
      'contact.url',
    ]);
  });
});

describe('client.stops', () => {
  it('add, list, has, remove', async () => {
    const client = fixture.client();
    const { id } = await client.stops.add('06 12 34 56 78');
    expect(fixture.emulator.accounts.get(fixture.emulator.apiKey).stopList).toEqual([
      '+33612345678',
    ]);
    const { entries } = await client.stops.list();
    expect(entries).toMatchObject([{ id, phoneNumber: '+33612345678' }]);
    expect(entries[0]?.createdAt).toBeInstanceOf(Date);
    expect(await client.stops.has('0612345678')).toBe(true);
    expect(await client.stops.has('0698765432')).toBe(false);
    await client.stops.remove(id);
    expect(fixture.emulator.accounts.get(fixture.emulator.apiKey).stopList).toEqual([]);
  });

  it('adding a number twice is an API error, not retried', async () => {
    const client = fixture.client();
    await client.stops.add('0612345678');
    const error = await rejection(() => client.stops.add('0612345678'), SmsPartnerApiError);
    expect(error.apiCode).toBe(3);
    expect(fixture.emulator.requests({ route: 'stop-sms/add' })).toHaveLength(2);
  });
});

describe('client.subaccounts', () => {
  it('create, list, credit both ways, delete', async () => {
    const client = fixture.client();
    const created = await client.subaccounts.create({ type: 'simple', creditToAttribute: 5 });
    expect(created.token).not.toBe('');
    const { subaccounts, total } = await client.subaccounts.list();
    expect(total).toBe(1);
    expect(subaccounts[0]).toMatchObject({ token: created.token, balance: 5, currency: 'EUR' });
    expect(subaccounts[0]?.apiKey).toBeTruthy();

    const added = await client.subaccounts.addCredit({ token: created.token, amount: 2.5 });
    expect(added.subaccountBalance).toBe(7.5);
    expect(added.balance).toBe(fixture.emulator.accounts.get(fixture.emulator.apiKey).balance);
    const removed = await client.subaccounts.removeCredit({ token: created.token, amount: 7.5 });
    expect(removed.subaccountBalance).toBe(0);

    // The sub-account's own key works as a client of its own.
    const child = fixture.client({ apiKey: subaccounts[0]?.apiKey as string });
    expect((await child.account.me()).credits.balance).toBe(0);

    await client.subaccounts.delete(created.token);
    expect((await client.subaccounts.list()).total).toBe(0);
  });

  it('validates the type and amounts', async () => {
    const client = fixture.client();
    await rejection(
      () => client.subaccounts.create({ type: 'gold' as never }),
      SmsPartnerValidationError,
    );
    await rejection(
      () => client.subaccounts.addCredit({ token: 't', amount: -1 }),
      SmsPartnerValidationError,
    );
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});

describe('client.numbers', () => {
  it('callForward() sends the documented type codes', async () => {
    const client = fixture.client();
    await client.numbers.callForward({
      number: '+33700000000',
      mode: 'phone',
      forwardTo: '0612345678',
    });
    expect(fixture.emulator.lastRequest()?.params).toMatchObject({
      number: '33700000000',
      type: 1,
      param: '+33612345678',
    });
    await client.numbers.callForward({
      number: '33700000000',
      mode: 'voicemail',
      email: 'accueil@example.com',
    });
    const off = await client.numbers.callForward({ number: '33700000000', mode: 'off' });
    expect(off.message).toBe('Callforward disabled');
    const error = await rejection(
      () => client.numbers.callForward({ number: '33700000000', mode: 'off' }),
      SmsPartnerApiError,
    );
    expect(error.apiCode).toBe(18);
    expect(error.meaning).toBe('call forwarding already off');
  });

  it('hlr() sends international numbers and returns the campaign', async () => {
    const result = await fixture
      .client()
      .numbers.hlr({ phoneNumbers: ['0612345678', '+4915123456789'], tag: 'verif' });
    expect(fixture.emulator.lastRequest()?.params?.phoneNumbers).toBe(
      '+33612345678,+4915123456789',
    );
    expect(result.campaignId).toMatch(/^HLR/);
    expect(result.count).toBe(2);
    expect(result.cost).toBeCloseTo(2 * fixture.emulator.behaviour().pricing.hlr, 6);
  });

  it('hlr() with an empty balance is an insufficient-credit error', async () => {
    fixture.emulator.accounts.update(fixture.emulator.apiKey, { balance: 0 });
    await rejection(
      () => fixture.client().numbers.hlr({ phoneNumbers: '+33612345678' }),
      SmsPartnerInsufficientCreditError,
    );
  });

  it('lookup() returns formats and per-number failures', async () => {
    const { results } = await fixture.client().numbers.lookup(['+33612345678', 'nonsense']);
    expect(results[0]).toMatchObject({
      success: true,
      prefix: 33,
      phoneNumber: '+33612345678',
      country: 'France',
    });
    expect(results[0]?.format?.e164).toBe('+33612345678');
    expect(results[1]).toMatchObject({ success: false, request: 'nonsense' });
    expect(results[1]?.message).toBeTruthy();
  });
});

describe('client.rental', () => {
  const targeting = {
    gender: 'mixed',
    minAge: 25,
    maxAge: 60,
    interest: 14,
    zipCodes: ['75001'],
  } as const;

  it('calculate, price, rent, status, download', async () => {
    const client = fixture.client();
    const estimate = await client.rental.calculate(targeting);
    expect(fixture.emulator.lastRequest()?.params).toMatchObject({
      op: 'calcul',
      parameters: { sexe: 'm', minAge: 25, maxAge: 60, interest: 14, zipcode: '75001' },
    });
    const total = estimate.volumes.find((line) => line.type === 'total')?.volume ?? 0;
    expect(total).toBeGreaterThan(0);
    const quote = await client.rental.price(targeting, { '75001': 10 });
    expect(quote.cost).toMatchObject({ quantity: 10 });
    expect(quote.cost?.total).toBeCloseTo(10 * fixture.emulator.behaviour().pricing.rental, 6);
    const order = await client.rental.rent(targeting, { '75001': 10 });
    expect(order.token).toBeTruthy();
    await deliverAll();
    const status = await client.rental.status(order.token as string);
    expect(status.phoneNumbers).toBe(10);
    const file = await client.rental.download(order.token as string);
    expect(String(file.raw).trim().split('\n')).toHaveLength(11);
    const again = await rejection(
      () => client.rental.download(order.token as string),
      SmsPartnerApiError,
    );
    expect(again.apiCode).toBe(34);
  });

  it('validates the targeting before any call', async () => {
    const error = await rejection(
      () => fixture.client().rental.calculate({ ...targeting, minAge: 16, gender: 'all' as never }),
      SmsPartnerValidationError,
    );
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(['gender', 'minAge']);
  });
});

describe('client.rcs', () => {
  it('sends rich content with an SMS failover in the wire syntax', async () => {
    const result = await fixture.client().rcs.send({
      to: ['0612345678'],
      richContent: {
        conversation: {
          text: 'Votre colis arrive',
          suggestions: [{ reply: { text: 'OK', postbackData: 'ok' } }],
        },
      },
      failover: { message: 'Votre colis arrive\ndemain', sender: 'MaBoutique' },
      category: 'transactional',
    });
    const params = fixture.emulator.lastRequest({ route: 'rcs/send' })?.params;
    expect(params).toMatchObject({
      phoneNumbers: ['+33612345678'],
      isUnicode: 1,
      failover: { message: 'Votre colis arrive:br:demain', sender: 'MaBoutique' },
    });
    expect(result.messageId).toBe(
      String(fixture.emulator.messages({ endpoint: 'rcs/send' })[0]?.messageId),
    );
    expect(result.billedSegments).toBe(1);
  });

  it('refuses more than 4 suggestions', async () => {
    const suggestion = { reply: { text: 'a', postbackData: 'a' } };
    await rejection(
      () =>
        fixture.client().rcs.send({
          to: '0612345678',
          richContent: { conversation: { text: 'x', suggestions: Array(5).fill(suggestion) } },
        }),
      SmsPartnerValidationError,
    );
  });
});

describe('client.sms.sendSurvey', () => {
  it('sends a survey by its identifier', async () => {
    const result = await fixture.client().sms.sendSurvey({
      to: ['0612345678'],
      surveyId: 'sondage-1',
      tag: 'nps',
      category: 'transactional',
    });
    expect(fixture.emulator.lastRequest()?.params).toMatchObject({
      phoneNumbers: '+33612345678',
      sondageIdent: 'sondage-1',
      tag: 'nps',
    });
    expect(result.messageId).toBe(String(fixture.emulator.messages()[0]?.messageId));
  });
});

describe('sandbox mode on endpoints that have none', () => {
  it('refuses surveys, RCS, HLR and rentals unless the call says sandbox: false', async () => {
    const client = fixture.client({ sandbox: true });
    const calls: Array<() => Promise<unknown>> = [
      () => client.sms.sendSurvey({ to: '0612345678', surveyId: 's', category: 'transactional' }),
      () =>
        client.rcs.send({
          to: '0612345678',
          richContent: { conversation: { text: 'x' } },
          category: 'transactional',
        }),
      () => client.numbers.hlr({ phoneNumbers: '+33612345678' }),
      () =>
        client.rental.rent(
          { gender: 'mixed', minAge: 20, maxAge: 30, interest: 14, zipCodes: ['75001'] },
          { '75001': 1 },
        ),
    ];
    for (const call of calls) {
      const error = await rejection(call, SmsPartnerValidationError);
      expect(error.field).toBe('sandbox');
    }
    expect(fixture.emulator.requests()).toHaveLength(0);
    await client.numbers.hlr({ phoneNumbers: '+33612345678', sandbox: false });
    expect(fixture.emulator.requests({ route: 'hlr/notify' })).toHaveLength(1);
  });
});
