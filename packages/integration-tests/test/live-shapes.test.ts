/**
 * One test per response body captured from the live API (the official Go SDK's `v1/testdata`,
 * held as facts in `fixtures/live/`): the emulator's default answer to the same kind of request
 * has the live body's keys, types and formats, key by key, and the client reads it. Where the
 * vendor is inconsistent (the docs show another spelling), the emulator speaks the other one on
 * request and the client reads both into the same result.
 */
import { SmsPartnerApiError, SmsPartnerClient } from '@sms-partner/core';
import type { Emulator } from '@sms-partner/testing';
import { describe, expect, it } from 'vitest';
import { bulkStatus } from './fixtures/live/bulk-status.js';
import { cancelSms } from './fixtures/live/cancel-sms.js';
import { credits } from './fixtures/live/credits.js';
import { lookup } from './fixtures/live/lookup.js';
import { multiStatus } from './fixtures/live/multi-status.js';
import { sendBulkSms } from './fixtures/live/send-bulksms.js';
import { sendSms } from './fixtures/live/send-sms.js';
import {
  pastDateWithoutTime,
  sendSmsError,
  violationOrder,
} from './fixtures/live/send-sms-error.js';
import { status } from './fixtures/live/status.js';
import { verifyNumber } from './fixtures/live/verify-number.js';
import { differences } from './fixtures/shape.js';
import { GENEROUS_TIMEOUT_MS, rejection, useEmulator } from './helpers.js';

// An account with no unicode option, so that the client can provoke a code 9 the API finds and
// the client cannot (the client validates everything else before sending).
const fixture = useEmulator({ accounts: [{ apiKey: 'live-shapes-key', unicode: false }] });

/** A Moroccan mobile in the same carrier range as the capture's (not the capture's number). */
const MOROCCAN = '+212620000042';

async function raw(method: 'GET' | 'POST', path: string, params: Record<string, unknown>) {
  const emulator: Emulator = fixture.emulator;
  const all = { apiKey: emulator.apiKey, ...params };
  const url = new URL(`${emulator.baseUrl}${path}`);
  if (method === 'GET') {
    for (const [key, value] of Object.entries(all)) url.searchParams.set(key, String(value));
  }
  const response = await fetch(url, {
    method,
    ...(method === 'POST'
      ? { body: JSON.stringify(all), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function delivered(phoneNumbers: string): Promise<number> {
  const answer = await raw('POST', 'send', { phoneNumbers, message: 'Bonjour' });
  await fixture.emulator.clock.advance(fixture.emulator.behaviour().dlrDelayMs);
  return answer.message_id as number;
}

/** Tomorrow on the emulator's (Paris) calendar, as `dd/MM/yyyy`. */
function tomorrow(): string {
  const day = new Date(fixture.emulator.clock.now().getTime() + 86_400_000);
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(day);
  return parts;
}

describe('the emulator answers with the live shape, and the client reads it', () => {
  it('send_sms.json: a scheduled send carries scheduledDeliveryDate in Paris time', async () => {
    const date = tomorrow();
    const body = await raw('POST', 'send', {
      phoneNumbers: '0612345678',
      message: 'Rappel',
      scheduledDeliveryDate: date,
      time: 11,
      minute: 30,
    });
    expect(differences(body, sendSms)).toEqual([]);
    const [d, m, y] = date.split('/');
    expect(body.scheduledDeliveryDate).toBe(`${y}-${m}-${d} 11:30:00`);

    const at = new Date(fixture.emulator.clock.now().getTime() + 86_400_000);
    at.setUTCMinutes(30, 0, 0);
    const result = await fixture.client().sms.send({
      to: '0612345678',
      message: 'Rappel',
      scheduledAt: at,
      category: 'transactional',
    });
    const answered = (result.raw as { scheduledDeliveryDate: string }).scheduledDeliveryDate;
    // The client's scheduledAt is what the answer says, read in Paris time.
    expect(result.scheduledAt?.toISOString()).toBe(at.toISOString());
    expect(answered).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:30:00$/);
  });

  it('send_sms_error.json: code 9 under `error`, every violation in form order', async () => {
    const body = await raw('POST', 'send', {
      phoneNumbers: '922264',
      sender: 'A-SENDER-FAR-TOO-LONG',
      scheduledDeliveryDate: '21/11/2014',
    });
    expect(differences(body, sendSmsError)).toEqual([]);
    const list = body.error as { elementId: string; message: string }[];
    expect(list.map((v) => v.elementId)).toEqual([...violationOrder]);
    expect(list[3]?.message).toMatch(pastDateWithoutTime);

    // The client reads the details under either key, the same way.
    const read = async () =>
      (
        await rejection(
          () => fixture.client().sms.send({ to: '0612345678', message: 'é', isUnicode: true }),
          SmsPartnerApiError,
        )
      ).details;
    const live = await read();
    fixture.emulator.configure({ validationErrorKey: 'errors' });
    const documented = await read();
    expect(live).toEqual([{ field: 'isUnicode', message: expect.any(String) }]);
    expect(documented).toEqual(live);
  });

  it('send_bulksms.json: nbSMS and SMSResponse_List with per-item nbSms', async () => {
    const body = await raw('POST', 'bulk-send', {
      SMSList: [
        { phoneNumber: '0612345678', message: 'Un' },
        { phoneNumber: '0612345679', message: 'Deux' },
      ],
    });
    expect(differences(body, sendBulkSms)).toEqual([]);
    const result = await fixture.client().sms.bulkSend({
      messages: [
        { to: '0612345678', message: 'Un' },
        { to: '0612345679', message: 'Deux' },
      ],
      category: 'transactional',
    });
    expect(result.segments).toBe(2);
    expect(result.items.map((i) => [i.success, i.segments])).toEqual([
      [true, 1],
      [true, 1],
    ]);
  });

  it('credits.json: creditSmsLowCost, and only the login in user', async () => {
    const body = await raw('GET', 'me', {});
    expect(differences(body, credits)).toEqual([]);
    const client = fixture.client();
    const live = await client.account.me();
    fixture.emulator.configure({ lowCostCreditKey: 'creditSmsECO' });
    const documented = await client.account.me();
    expect(live.credits.lowCostSms).toBe(fixture.emulator.accounts.list()[0]?.creditSmsECO);
    expect(live.credits.lowCostSms).toBeGreaterThan(0);
    expect(documented.credits).toEqual(live.credits);
  });

  it('status.json: a Unix-seconds string date, statut, the ISO country code', async () => {
    const id = await delivered(MOROCCAN);
    const body = await raw('GET', 'message-status', { messageId: id, phoneNumber: MOROCCAN });
    expect(differences(body, status)).toEqual([]);
    const client = fixture.client();
    const live = await client.status.get({ messageId: id, phoneNumber: MOROCCAN });
    fixture.emulator.configure({ statusDate: 'datetime' });
    const documented = await client.status.get({ messageId: id, phoneNumber: MOROCCAN });
    expect(live.status).toBe('delivered');
    expect(live.date?.getTime()).toBe(Number(body.date) * 1000);
    expect(documented.date).toEqual(live.date);
    expect(live.countryCode).toBe('MA');
  });

  it('multi_status.json: a found pair with "0"/"1" flags, a missing one with code 4', async () => {
    const id = await delivered(MOROCCAN);
    const body = await raw('POST', 'multi-status', {
      SMSStatut_List: [
        { phoneNumber: MOROCCAN, messageId: id },
        { phoneNumber: '+212621000042', messageId: id - 1 },
      ],
    });
    expect(differences(body, multiStatus)).toEqual([]);
    const { items } = await fixture.client().status.getMany([
      { messageId: id, phoneNumber: MOROCCAN },
      { messageId: id - 1, phoneNumber: '+212621000042' },
    ]);
    expect(items.map((i) => [i.success, i.status, i.apiCode, i.stopSms, i.isSpam])).toEqual([
      [true, 'delivered', 200, false, false],
      [false, 'unknown', 4, undefined, undefined],
    ]);
  });

  it('bulk_status.json: message_id as a string, stopSMS as a boolean', async () => {
    const id = await delivered(MOROCCAN);
    const body = await raw('GET', 'bulk-status', { messageId: id });
    expect(differences(body, bulkStatus)).toEqual([]);
    const list = await fixture.client().status.byMessage(id);
    expect(list.items.map((i) => [i.phoneNumber, i.status, i.stopSms])).toEqual([
      [MOROCCAN, 'delivered', false],
    ]);
  });

  it('cancel_sms.json: success, code and a message', async () => {
    const scheduled = await raw('POST', 'send', {
      phoneNumbers: '0612345678',
      message: 'Plus tard',
      scheduledDeliveryDate: tomorrow(),
      time: 11,
      minute: 0,
    });
    const body = await raw('GET', 'message-cancel', { messageId: scheduled.message_id });
    expect(differences(body, cancelSms)).toEqual([]);
    const again = await raw('POST', 'send', {
      phoneNumbers: '0612345678',
      message: 'Plus tard',
      scheduledDeliveryDate: tomorrow(),
      time: 11,
      minute: 0,
    });
    const result = await fixture.client().sms.cancel(again.message_id as number);
    expect(result).toMatchObject({ cancelled: true });
  });

  it('verify_number.json: campaign_id HLR…, number and cost', async () => {
    const body = await raw('POST', 'hlr/notify', { phoneNumbers: MOROCCAN });
    expect(differences(body, verifyNumber)).toEqual([]);
    const result = await fixture.client().numbers.hlr({ phoneNumbers: [MOROCCAN] });
    expect(result.campaignId).toMatch(/^HLR\d+$/);
    expect(result.count).toBe(1);
  });

  it('lookup.json: libphonenumber formats, the carrier, no country name outside France', async () => {
    const body = await raw('POST', 'lookup', { phoneNumbers: `${MOROCCAN}, +212666000042` });
    expect(differences(body, lookup)).toEqual([]);
    const { results } = await fixture.client().numbers.lookup([MOROCCAN]);
    expect(results[0]).toMatchObject({
      success: true,
      prefix: 212,
      network: 'Méditel',
      format: { national: '0620-000042', international: '+212 620-000042' },
    });
  });
});

describe('the documented spellings, one option away, are not the live shape', () => {
  it('the checker names each difference key by key', async () => {
    fixture.emulator.configure({
      validationErrorKey: 'documented',
      lowCostCreditKey: 'creditSmsECO',
      statusDate: 'datetime',
    });
    const refused = await raw('POST', 'send', { phoneNumbers: '0612345678' });
    expect(differences(refused, sendSmsError)).toEqual(
      expect.arrayContaining(['$.error: missing', '$.errors: not in the live body']),
    );
    const me = await raw('GET', 'me', {});
    expect(differences(me, credits)).toEqual([
      '$.credits.creditSmsLowCost: missing',
      '$.credits.creditSmsECO: not in the live body',
    ]);
    const id = await delivered(MOROCCAN);
    const single = await raw('GET', 'message-status', { messageId: id, phoneNumber: MOROCCAN });
    expect(differences(single, status)).toEqual([
      expect.stringMatching(/^\$\.date: "\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}" is not Unix seconds/),
    ]);
  });
});

describe('placeholder keys and an explicit key', () => {
  it('refuses the docs placeholders once a key is configured, so a wrong-key test fails', async () => {
    const client = new SmsPartnerClient({
      apiKey: 'YOUR API KEY',
      baseUrl: fixture.emulator.url,
      timeout: GENEROUS_TIMEOUT_MS,
    });
    const error = await rejection(() => client.account.me(), SmsPartnerApiError);
    expect(error.apiCode).toBe(10);
  });
});
