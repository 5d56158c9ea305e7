import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { call, get, post } from './helpers.js';

const KEY = 'contacts-key';
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    accounts: [{ apiKey: KEY }],
    clock: { frozen: true, start: '2020-10-02T16:40:05+02:00' },
  });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

async function newGroup(name = 'Clients'): Promise<number> {
  const r = await post(emu.baseUrl, 'group/add', { apiKey: KEY, name });
  return r.json.groupId as number;
}

describe('groups', () => {
  it('adds with code 2, lists with ISO Paris dates, deletes (POST and DELETE on /groupe/delete)', async () => {
    const added = await post(emu.baseUrl, 'group/add', { apiKey: KEY, name: 'VIP' });
    expect(added.json).toEqual({
      success: true,
      code: 2,
      name: 'VIP',
      groupId: expect.any(Number),
    });
    const listed = await get(emu.baseUrl, 'group/list', { apiKey: KEY });
    expect(listed.json).toEqual({
      success: true,
      groups: [
        {
          id: added.json.groupId,
          name: 'VIP',
          createdAt: '2020-10-02T16:40:05+02:00',
          isSpecialFile: false,
          isLocationFile: false,
        },
      ],
    });
    expect(
      (await post(emu.baseUrl, 'groupe/delete', { apiKey: KEY, groupId: added.json.groupId })).json,
    ).toEqual({
      success: true,
      code: 200,
    });
    const other = await newGroup();
    expect(
      (await call(emu.baseUrl, 'DELETE', 'groupe/delete', { apiKey: KEY, groupId: other })).json
        .code,
    ).toBe(200);
    expect((await get(emu.baseUrl, 'group/list', { apiKey: KEY })).json.groups).toEqual([]);
  });

  it('answers 1 without a name, 2 without a key, 1 and 404 on delete', async () => {
    expect((await post(emu.baseUrl, 'group/add', { apiKey: KEY })).json.code).toBe(1);
    expect((await post(emu.baseUrl, 'group/add', { name: 'x' })).json.code).toBe(2);
    expect((await post(emu.baseUrl, 'groupe/delete', { apiKey: KEY })).json.code).toBe(1);
    const missing = await post(emu.baseUrl, 'groupe/delete', { apiKey: KEY, groupId: 999 });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe(404);
  });
});

describe('contacts', () => {
  it('adds (phoneNumber in, contactId out), reads back as `phone`, updates, deletes', async () => {
    const groupId = await newGroup();
    const added = await post(emu.baseUrl, 'contact/add', {
      apiKey: KEY,
      groupId,
      contact: {
        phoneNumber: '0611111111',
        firstname: 'Jean',
        lastname: 'Dupont',
        date: '1990-06-12',
        url: 'https://ex.fr',
        custom1: 'a',
      },
    });
    expect(added.json).toMatchObject({
      success: true,
      code: 200,
      contact: {
        phoneNumber: '+33611111111',
        firstname: 'Jean',
        lastname: 'Dupont',
        date: '1990-06-12',
        custom1: 'a',
        contactId: expect.any(Number),
      },
    });
    const contactId = (added.json.contact as { contactId: number }).contactId;
    const detail = await get(emu.baseUrl, 'contact/detail', { apiKey: KEY, contactId });
    expect(detail.json).toMatchObject({
      success: true,
      code: 200,
      contact: {
        contactId,
        phone: '+33611111111',
        firstname: 'Jean',
        createdAt: '2020-10-02T16:40:05+02:00',
        stopSms: false,
        groupId,
      },
    });
    expect((detail.json.contact as Record<string, unknown>).shortUrl).toMatch(/^https:\/\//);
    const updated = await post(emu.baseUrl, 'contact/update', {
      apiKey: KEY,
      contactId,
      contact: { lastname: 'Martin' },
    });
    expect(updated.json).toMatchObject({
      code: 200,
      contact: { lastname: 'Martin', firstname: 'Jean', contactId },
    });
    expect((await post(emu.baseUrl, 'contact/delete', { apiKey: KEY, contactId })).json).toEqual({
      success: true,
      code: 200,
    });
    expect((await get(emu.baseUrl, 'contact/detail', { apiKey: KEY, contactId })).json.code).toBe(
      404,
    );
  });

  it('lists 20 per page with a string total, by GET or POST', async () => {
    const groupId = await newGroup();
    for (let i = 0; i < 21; i++) {
      await post(emu.baseUrl, 'contact/add', {
        apiKey: KEY,
        groupId,
        contact: { phoneNumber: `+336100000${String(i).padStart(2, '0')}` },
      });
    }
    const page1 = await get(emu.baseUrl, 'contact/list', { apiKey: KEY, groupId });
    expect(page1.json).toMatchObject({ success: true, code: 200, currentPage: 1, total: '21' });
    expect(page1.json.datas).toHaveLength(20);
    const page2 = await post(emu.baseUrl, 'contact/list', { apiKey: KEY, groupId, page: 2 });
    expect(page2.json.datas).toEqual([expect.objectContaining({ phone: '+33610000020' })]);
  });

  it('answers 1 (groupId), 2 (contact), 15 (already in group), 9 (bad fields), 404 (unknown group)', async () => {
    const groupId = await newGroup();
    const add = (body: Record<string, unknown>) =>
      post(emu.baseUrl, 'contact/add', { apiKey: KEY, ...body });
    expect((await add({ contact: { phoneNumber: '0611111111' } })).json.code).toBe(1);
    expect((await add({ groupId })).json.code).toBe(2);
    await add({ groupId, contact: { phoneNumber: '0611111111' } });
    expect((await add({ groupId, contact: { phoneNumber: '+33611111111' } })).json.code).toBe(15);
    const bad = await add({
      groupId,
      contact: { phoneNumber: '0622222222', url: 'ftp://x', firstname: 'x'.repeat(33) },
    });
    expect(bad.json).toMatchObject({
      code: 9,
      error: expect.arrayContaining([expect.objectContaining({ elementId: 'children[url].data' })]),
    });
    expect((await add({ groupId: 12345, contact: { phoneNumber: '0633333333' } })).json.code).toBe(
      404,
    );
  });

  it('bulk-adds on both paths with the documented report', async () => {
    const groupId = await newGroup('Bulk');
    emu.accounts.addStop(KEY, '0644444444');
    await post(emu.baseUrl, 'contact/add', {
      apiKey: KEY,
      groupId,
      contact: { phoneNumber: '0655555555' },
    });
    const r = await post(emu.baseUrl, 'contact/multiple/add', {
      apiKey: KEY,
      groupId,
      contactsList: [
        { phoneNumber: '0611111111', firstname: 'A' },
        { phoneNumber: '0611111111' },
        { phoneNumber: '123' },
        { phoneNumber: '0644444444' },
        { phoneNumber: '0655555555', firstname: 'Updated' },
        { firstname: 'no number' },
      ],
    });
    expect(r.json).toMatchObject({
      groupe: { name: 'Bulk', token: expect.any(String) },
      rapport: {
        nbline: 6,
        nbline_imported: 1,
        nbline_updated: 1,
        errors: { duplicatePhone: 1, invalidePhone: 1, stopSms: 1, empty: 1 },
      },
    });
    expect((r.json.results as unknown[]).map((x) => (x as { code: number }).code)).toEqual([
      200, 15, 9, 14, 200, 2,
    ]);
    const viaAdd = await post(emu.baseUrl, 'contact/add', {
      apiKey: KEY,
      groupId,
      contactsList: [{ phoneNumber: '0677777777' }],
    });
    expect(viaAdd.json).toMatchObject({ rapport: { nbline_imported: 1 } });
    expect((await get(emu.baseUrl, 'contact/list', { apiKey: KEY, groupId })).json.total).toBe('3');
  });
});

describe('stop list', () => {
  it('adds, lists (nbData, createdAt in Paris time) and deletes by id', async () => {
    const added = await post(emu.baseUrl, 'stop-sms/add', {
      apiKey: KEY,
      phoneNumber: '0611111111',
    });
    expect(added.json).toEqual({ success: true, code: 200, stopId: expect.any(Number) });
    expect((await get(emu.baseUrl, 'stop-sms/list', { apiKey: KEY })).json).toEqual({
      success: true,
      code: 200,
      nbData: 1,
      data: [
        { id: added.json.stopId, phoneNumber: '+33611111111', createdAt: '2020-10-02 16:40:05' },
      ],
    });
    expect(
      (await get(emu.baseUrl, 'stop-sms/delete', { apiKey: KEY, id: added.json.stopId as number }))
        .json,
    ).toEqual({
      success: true,
      code: 200,
    });
    expect((await get(emu.baseUrl, 'stop-sms/list', { apiKey: KEY })).json.nbData).toBe(0);
  });

  it('answers 2 (no number), 9 (invalid), 3 (already listed), 3 (no id), 4 (unknown id)', async () => {
    expect((await post(emu.baseUrl, 'stop-sms/add', { apiKey: KEY })).json.code).toBe(2);
    expect(
      (await post(emu.baseUrl, 'stop-sms/add', { apiKey: KEY, phoneNumber: '12' })).json.code,
    ).toBe(9);
    await post(emu.baseUrl, 'stop-sms/add', { apiKey: KEY, phoneNumber: '0611111111' });
    expect(
      (await post(emu.baseUrl, 'stop-sms/add', { apiKey: KEY, phoneNumber: '+33611111111' })).json
        .code,
    ).toBe(3);
    expect((await get(emu.baseUrl, 'stop-sms/delete', { apiKey: KEY })).json.code).toBe(3);
    expect((await get(emu.baseUrl, 'stop-sms/delete', { apiKey: KEY, id: 999 })).json.code).toBe(4);
  });

  it('marks contacts as stopSms', async () => {
    const groupId = await newGroup();
    const added = await post(emu.baseUrl, 'contact/add', {
      apiKey: KEY,
      groupId,
      contact: { phoneNumber: '0611111111' },
    });
    await post(emu.baseUrl, 'stop-sms/add', { apiKey: KEY, phoneNumber: '+33611111111' });
    const detail = await get(emu.baseUrl, 'contact/detail', {
      apiKey: KEY,
      contactId: (added.json.contact as { contactId: number }).contactId,
    });
    expect(detail.json).toMatchObject({ contact: { stopSms: true } });
  });
});
