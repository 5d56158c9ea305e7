import {
  analyzeMessage,
  SmsPartnerApiError,
  SmsPartnerAuthenticationError,
  SmsPartnerInsufficientCreditError,
  SmsPartnerQuietHoursError,
  SmsPartnerResponseError,
  SmsPartnerStopListedError,
  SmsPartnerValidationError,
} from '@sms-partner/core';
import { describe, expect, it } from 'vitest';
import { MONDAY_WINDOW, rejection, SUNDAY_MORNING, useEmulator } from './helpers.js';

const fixture = useEmulator();

describe('client.account', () => {
  it('me() returns the emulator account with numbers as numbers', async () => {
    const account = fixture.emulator.accounts.get(fixture.emulator.apiKey);
    const me = await fixture.client().account.me();
    expect(me.user.username).toBe(account.username);
    expect(me.credits).toEqual({
      sms: account.creditSms,
      lowCostSms: account.creditSmsECO,
      hlr: account.creditHlr,
      pending: account.toSend,
      balance: account.balance,
      currency: 'EUR',
    });
    // The API sends the balance as a string; the raw payload keeps it that way.
    expect(typeof (me.raw as { credits: { balance: unknown } }).credits.balance).toBe('string');
  });

  it('credits() reflects a balance change', async () => {
    fixture.emulator.accounts.update(fixture.emulator.apiKey, { balance: 12.5 });
    expect((await fixture.client().account.credits()).balance).toBe(12.5);
  });

  it('parses the XML answer into the same result as JSON', async () => {
    const json = await fixture.client().account.me();
    const xml = await fixture.client({ format: 'xml' }).account.me();
    expect(fixture.emulator.lastRequest()?.query._format).toBe('xml');
    expect(xml.credits).toEqual(json.credits);
    expect(xml.user).toEqual(json.user);
  });
});

describe('client.sms.send', () => {
  it('sends plain text in the wire syntax to normalised, de-duplicated recipients', async () => {
    const message = 'Bonjour "Anne",\nvotre commande de 12 € est prête.';
    const result = await fixture.client().sms.send({
      to: ['06 12 34 56 78', '+33612345678', '0049 151 2345 6789'],
      message,
      category: 'transactional',
    });
    const request = fixture.emulator.lastRequest({ route: 'send' });
    expect(request?.params?.phoneNumbers).toBe('+33612345678,+4915123456789');
    expect(request?.params?.message).toBe(analyzeMessage(message).wireText);
    expect(request?.params?.message).toContain(':br:');
    expect(request?.params?.message).toContain(':euro:');
    const [record] = fixture.emulator.messages();
    expect(result.messageId).toBe(String(record?.messageId));
    expect(result.recipients).toEqual(['+33612345678', '+4915123456789']);
    expect(result.duplicatesRemoved).toBe(1);
    expect(record?.recipients.map((r) => r.text)).toEqual([message, message]);
    expect(result.cost).toBe(record?.cost);
    expect(result.billedSegments).toBe(record?.nbSms);
    expect(result.heldUntil).toBeUndefined();
  });

  it('names the total billed billedSegments, apart from the parts of one message', async () => {
    // One part per message, two recipients: SMS Partner bills 2 (nb_sms), the message has 1 part.
    const message = 'Votre code : 1234';
    const client = fixture.client();
    const result = await client.sms.send({
      to: ['0612345678', '0698765432'],
      message,
      category: 'transactional',
    });
    expect(result.analysis.segments).toBe(1);
    expect(client.sms.preview(message).segments).toBe(1);
    expect(result.billedSegments).toBe(2);
    expect(result.billedSegments).toBe(fixture.emulator.messages()[0]?.nbSms);
    // The deprecated name still answers the total, so that code written against it keeps working.
    expect(result.segments).toBe(result.billedSegments);
  });

  it('passes every option, schedules in Paris time and reports the rounded time', async () => {
    const scheduledAt = new Date('2030-01-16T08:02:00Z'); // 09:02 in Paris, rounded up to 09:05
    const result = await fixture.client().sms.send({
      to: '0612345678',
      message: 'Rappel',
      sender: 'MaBoutique',
      tag: 'rappel-jan',
      urlDlr: 'https://example.com/dlr',
      urlResponse: 'https://example.com/replies',
      isStopSms: true,
      isUnicode: true,
      sandbox: true,
      scheduledAt,
    });
    const params = fixture.emulator.lastRequest({ route: 'send' })?.params;
    expect(params).toMatchObject({
      sender: 'MaBoutique',
      tag: 'rappel-jan',
      urlDlr: 'https://example.com/dlr',
      urlResponse: 'https://example.com/replies',
      isStopSms: 1,
      isUnicode: 1,
      sandbox: 1,
      scheduledDeliveryDate: '16/01/2030',
      time: 9,
      minute: 5,
    });
    expect(result.scheduledAt?.toISOString()).toBe('2030-01-16T08:05:00.000Z');
    expect(result.sandbox).toBe(true);
    const [record] = fixture.emulator.messages();
    expect(record?.scheduled).toBe(true);
    expect(record?.sendAt.toISOString()).toBe('2030-01-16T08:05:00.000Z');
    expect(record?.sandbox).toBe(true);
  });

  it('sends gamme 2 for the low-cost range and the client sandbox default', async () => {
    await fixture
      .client({ sandbox: true })
      .sms.send({ to: '0612345678', message: 'Eco', range: 'lowcost' });
    const params = fixture.emulator.lastRequest({ route: 'send' })?.params;
    expect(params).toMatchObject({ gamme: 2, sandbox: 1 });
    expect(fixture.emulator.messages()[0]?.range).toBe('eco');
  });

  it('parses an XML answer like the JSON one', async () => {
    const client = fixture.client();
    const json = await client.sms.send({ to: '0612345678', message: 'Un' });
    const xml = await client.sms.send({ to: '0612345678', message: 'Deux', format: 'xml' });
    expect(fixture.emulator.lastRequest({ route: 'send' })?.params?._format).toBe('xml');
    expect(Number(xml.messageId)).toBe(Number(json.messageId) + 1);
    expect(xml.billedSegments).toBe(json.billedSegments);
    expect(xml.segments).toBe(xml.billedSegments);
    expect(xml.cost).toBe(json.cost);
    expect(xml.currency).toBe('EUR');
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['an upper-case tag with spaces', { tag: 'Promo Juin' }, 'tag'],
    ['a 21-character tag', { tag: 'a'.repeat(21) }, 'tag'],
    ['a 2-character sender', { sender: 'AB' }, 'sender'],
    ['a 12-character sender', { sender: 'ABCDEFGHIJKL' }, 'sender'],
    ['a sender with an accent', { sender: 'Boulangère' }, 'sender'],
    ['an empty message', { message: '' }, 'message'],
    ['a message over 10 parts', { message: 'a'.repeat(1531) }, 'message'],
    [
      'a low-cost message over 160 characters',
      { message: 'a'.repeat(161), range: 'lowcost' },
      'message',
    ],
    ['an unknown range', { range: 'gold' }, 'range'],
    ['a number without country', { to: '612345678' }, 'to'],
    ['a malformed number in a list', { to: ['0612345678', '06123'] }, 'to[1]'],
    ['no recipient', { to: [] }, 'to'],
    [
      '501 recipients',
      { to: Array.from({ length: 501 }, (_, i) => `+336${String(i).padStart(8, '0')}`) },
      'to',
    ],
    ['a past schedule', { scheduledAt: new Date('2030-01-15T09:00:00Z') }, 'scheduledAt'],
    ['an invalid date', { scheduledAt: new Date('nope') }, 'scheduledAt'],
    ['a relative callback URL', { urlDlr: '/dlr' }, 'urlDlr'],
    ['a non-boolean flag', { isStopSms: 1 }, 'isStopSms'],
  ];

  it.each(invalid)(
    'refuses %s before any network call, naming the field',
    async (_, patch, field) => {
      const error = await rejection(
        () =>
          fixture.client().sms.send({ to: '0612345678', message: 'Bonjour', ...patch } as never),
        SmsPartnerValidationError,
      );
      expect(error.field).toBe(field);
      expect(error.fix).not.toBe('');
      expect(error.outcome).toBe('not_sent');
      expect(fixture.emulator.requests()).toHaveLength(0);
    },
  );

  it('lists every problem at once', async () => {
    const error = await rejection(
      () => fixture.client().sms.send({ to: 'x', message: '', tag: 'A B', sender: 'A' }),
      SmsPartnerValidationError,
    );
    expect(error.issues.map((issue) => issue.field).sort()).toEqual([
      'message',
      'sender',
      'tag',
      'to',
    ]);
  });

  it('maps a wrong key to SmsPartnerAuthenticationError (code 10)', async () => {
    const error = await rejection(
      () => fixture.client({ apiKey: 'not-a-key' }).sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerAuthenticationError,
    );
    expect(error.apiCode).toBe(10);
    expect(error.endpoint).toBe('POST /v1/send');
    expect(error.outcome).toBe('rejected');
    expect(error.httpStatus).toBe(fixture.emulator.lastRequest()?.response?.status);
    expect(error.status).toBeUndefined();
  });

  it('maps an empty balance to SmsPartnerInsufficientCreditError (code 11)', async () => {
    fixture.emulator.accounts.update(fixture.emulator.apiKey, { balance: 0 });
    const error = await rejection(
      () => fixture.client().sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerInsufficientCreditError,
    );
    expect(error.apiCode).toBe(11);
    expect(error.meaning).toBe('insufficient credit');
    expect(fixture.emulator.messages()).toHaveLength(0);
  });

  it('maps a stop-listed recipient to SmsPartnerStopListedError, preferring the per-number code', async () => {
    fixture.emulator.configure({ stopListed: 'reject' });
    fixture.emulator.accounts.addStop(fixture.emulator.apiKey, '0612345678');
    const error = await rejection(
      () => fixture.client().sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerStopListedError,
    );
    expect(error.apiCode).toBe(14);
  });

  it('maps quiet-hour refusals (codes 22/23) to SmsPartnerQuietHoursError with the next window', async () => {
    await fixture.emulator.clock.set(SUNDAY_MORNING);
    fixture.emulator.accounts.update(fixture.emulator.apiKey, { quietHours: 'refuse' });
    const error = await rejection(
      () => fixture.client().sms.send({ to: '0612345678', message: 'Promo' }),
      SmsPartnerQuietHoursError,
    );
    expect([22, 23]).toContain(error.apiCode);
    expect(error.nextWindow.toISOString()).toBe(MONDAY_WINDOW);
    expect(error.outcome).toBe('rejected');
  });

  it('treats a "success" without message_id as a failure whose outcome is unknown', async () => {
    fixture.emulator.faults.inject({ kind: 'success-without-id', route: 'send', times: 1 });
    const error = await rejection(
      () => fixture.client().sms.send({ to: '0612345678', message: 'x' }),
      SmsPartnerResponseError,
    );
    expect(error.outcome).toBe('unknown');
    expect(error.message).toContain('message_id');
    expect(fixture.emulator.requests({ route: 'send' })).toHaveLength(1);
  });
});

describe('quiet hours on commercial sends', () => {
  it("'allow' sends and says when the platform releases the message", async () => {
    await fixture.emulator.clock.set(SUNDAY_MORNING);
    const result = await fixture.client().sms.send({ to: '0612345678', message: 'Promo' });
    expect(result.heldUntil?.toISOString()).toBe(MONDAY_WINDOW);
    expect(result.deferred).toBe(false);
    const [record] = fixture.emulator.messages();
    expect(record?.held).toBe(true);
    expect(record?.sendAt.toISOString()).toBe(MONDAY_WINDOW);
  });

  it("'defer' schedules the send at the next window", async () => {
    await fixture.emulator.clock.set(SUNDAY_MORNING);
    const result = await fixture
      .client({ quietHours: 'defer' })
      .sms.send({ to: '0612345678', message: 'Promo' });
    expect(result.deferred).toBe(true);
    expect(result.scheduledAt?.toISOString()).toBe(MONDAY_WINDOW);
    expect(fixture.emulator.lastRequest({ route: 'send' })?.params).toMatchObject({
      scheduledDeliveryDate: '21/01/2030',
      time: 8,
      minute: 0,
    });
    expect(fixture.emulator.messages()[0]?.scheduled).toBe(true);
  });

  it("'defer' also moves a scheduled time that falls in quiet hours", async () => {
    const result = await fixture.client().sms.send({
      to: '0612345678',
      message: 'Promo',
      scheduledAt: new Date(SUNDAY_MORNING),
      quietHours: 'defer',
    });
    expect(result.scheduledAt?.toISOString()).toBe(MONDAY_WINDOW);
  });

  it("'reject' throws before any network call, with the next window", async () => {
    await fixture.emulator.clock.set(SUNDAY_MORNING);
    const error = await rejection(
      () =>
        fixture.client({ quietHours: 'reject' }).sms.send({ to: '0612345678', message: 'Promo' }),
      SmsPartnerQuietHoursError,
    );
    expect(error.nextWindow.toISOString()).toBe(MONDAY_WINDOW);
    expect(error.reason).toBe('sunday');
    expect(error.outcome).toBe('not_sent');
    expect(fixture.emulator.requests()).toHaveLength(0);
  });

  it('leaves transactional messages alone', async () => {
    await fixture.emulator.clock.set(SUNDAY_MORNING);
    const client = fixture.client({ quietHours: 'reject', category: 'transactional' });
    const result = await client.sms.send({ to: '0612345678', message: 'Code 1234' });
    expect(result.heldUntil).toBeUndefined();
    expect(result.scheduledAt).toBeUndefined();
  });

  it("refuses 'defer' on the long-number endpoint, which cannot be scheduled", async () => {
    await fixture.emulator.clock.set(SUNDAY_MORNING);
    const error = await rejection(
      () =>
        fixture.client({ quietHours: 'defer' }).sms.sendFromLongNumber({
          from: '33700000000',
          to: '0612345678',
          message: 'Promo',
        }),
      SmsPartnerQuietHoursError,
    );
    expect(error.message).toContain('cannot be scheduled');
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});

describe('client.sms.sendFromLongNumber', () => {
  it('sends every documented parameter in the documented form', async () => {
    const result = await fixture.client().sms.sendFromLongNumber({
      from: '+33 7 00 00 00 00',
      to: '06 12 34 56 78',
      message: 'Répondez OUI\npour confirmer',
      tag: 'rdv',
      urlResponse: 'https://example.com/replies',
      urlDlr: 'https://example.com/dlr',
      isStopSms: true,
      sandbox: true,
      format: 'xml',
      category: 'transactional',
    });
    const params = fixture.emulator.lastRequest({ route: 'vn/send' })?.params;
    expect(params).toMatchObject({
      from: '33700000000',
      to: '+33612345678',
      message: 'Répondez OUI:br:pour confirmer',
      tag: 'rdv',
      urlResponse: 'https://example.com/replies',
      urlDlr: 'https://example.com/dlr',
      isStopSms: 1,
      sandbox: 1,
      _format: 'xml',
    });
    const [record] = fixture.emulator.messages({ endpoint: 'vn/send' });
    expect(result.messageId).toBe(String(record?.messageId));
    expect(result.from).toBe('33700000000');
    expect(result.to).toBe('+33612345678');
    expect(record?.sandbox).toBe(true);
    expect(result.sandbox).toBe(true);
    // A sandbox send is not charged, but the answer states what it would cost.
    expect(result.cost).toBeCloseTo(
      fixture.emulator.behaviour().pricing.premium * result.billedSegments,
      6,
    );
  });

  it('validates from, to and tag before sending', async () => {
    const error = await rejection(
      () =>
        fixture
          .client()
          .sms.sendFromLongNumber({ from: 'abc', to: '123', message: 'x', tag: 'UP' }),
      SmsPartnerValidationError,
    );
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(['from', 'tag', 'to']);
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});

describe('client.sms.bulkSend', () => {
  it('sends one text per recipient and reports each outcome', async () => {
    fixture.emulator.accounts.addStop(fixture.emulator.apiKey, '0698765432');
    const result = await fixture.client().sms.bulkSend({
      messages: [
        { to: '0612345678', message: 'Bonjour Anne' },
        { to: '0698765432', message: 'Bonjour Luc' },
        { to: '06 12 34 56 78', message: 'Bonjour Anne' },
      ],
      sender: 'MaBoutique',
      category: 'transactional',
    });
    expect(result.duplicatesRemoved).toBe(1);
    const params = fixture.emulator.lastRequest({ route: 'bulk-send' })?.params;
    expect(params?.SMSList).toEqual([
      { phoneNumber: '+33612345678', message: 'Bonjour Anne' },
      { phoneNumber: '+33698765432', message: 'Bonjour Luc' },
    ]);
    expect(result.items).toHaveLength(2);
    const refused = result.items.find((item) => !item.success);
    expect(refused?.apiCode).toBe(14);
    expect(refused?.meaning).toBe('number is in the STOP list');
    expect(result.items.find((item) => item.success)?.billedSegments).toBe(1);
    expect(result.messageId).toBe(String(fixture.emulator.messages()[0]?.messageId));
  });

  it('validates every message and names the one at fault', async () => {
    const error = await rejection(
      () =>
        fixture.client().sms.bulkSend({
          messages: [
            { to: '0612345678', message: 'ok' },
            { to: '0612345679', message: '' },
          ],
        }),
      SmsPartnerValidationError,
    );
    expect(error.field).toBe('messages[1].message');
  });
});

describe('client.sms.cancel', () => {
  it('cancels a scheduled send once, and reports the second attempt as an API error', async () => {
    const client = fixture.client();
    const { messageId } = await client.sms.send({
      to: '0612345678',
      message: 'Plus tard',
      scheduledAt: new Date('2030-01-16T10:00:00Z'),
    });
    const cancelled = await client.sms.cancel(messageId);
    expect(cancelled.cancelled).toBe(true);
    expect(fixture.emulator.message(Number(messageId))?.cancelled).toBe(true);
    const error = await rejection(() => client.sms.cancel(messageId), SmsPartnerApiError);
    expect(error.apiCode).toBe(5);
    expect(error.meaning).toBe('message already cancelled');
  });
});

describe('client.sms.preview', () => {
  it('returns the analysis and an estimate from the configured prices', async () => {
    const client = fixture.client({ pricing: { premium: 0.05 } });
    const preview = client.sms.preview('a'.repeat(161), { recipients: 10 });
    expect(preview.segments).toBe(2);
    expect(preview.estimatedCost).toEqual({ perRecipient: 0.1, total: 1, currency: 'EUR' });
    expect(fixture.client().sms.preview('x').estimatedCost).toBeUndefined();
    expect(fixture.emulator.requests()).toHaveLength(0);
  });
});
