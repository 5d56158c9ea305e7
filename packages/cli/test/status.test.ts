import { SmsPartnerClient } from '@sms-partner/core';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const KEY = 'cli-status-test-key';
let emulator: Emulator;
let env: Record<string, string>;
let client: SmsPartnerClient;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    clock: { start: '2025-03-12T10:00:00+01:00', frozen: true },
  });
  env = { SMS_PARTNER_API_KEY: KEY, SMS_PARTNER_BASE_URL: emulator.url };
  client = new SmsPartnerClient({
    apiKey: KEY,
    baseUrl: emulator.url,
    now: () => emulator.clock.now(),
  });
});
afterAll(() => emulator.stop());

describe('sms-partner status', () => {
  it('shows every recipient of a send, one recipient, or a tag, as the API reports them', async () => {
    const sent = await client.sms.send({
      to: ['0612345678', '0698765432'],
      message: 'Votre colis arrive',
      tag: 'colis',
      category: 'transactional',
    });
    const waiting = await cli(['status', sent.messageId, '--json'], { env });
    expect(waiting.code).toBe(0);
    expect(JSON.parse(waiting.stdout).map((s: { status: string }) => s.status)).toEqual([
      'waiting',
      'waiting',
    ]);

    await emulator.clock.advance(2_000); // the emulator's delivery delay
    const all = await cli(['status', sent.messageId], { env });
    expect(all).toMatchObject({ code: 0, stderr: '' });
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\S+ +delivered +\d{4}-\d\d-\d\dT/);
    const expected = (await client.status.byMessage(sent.messageId)).items;
    expect(lines.map((l) => l.split(/ +/)[0])).toEqual(expected.map((s) => s.phoneNumber));

    const one = await cli(['status', sent.messageId, '0698765432', '--json'], { env });
    expect(one.code).toBe(0);
    const [item] = JSON.parse(one.stdout);
    expect(item).toMatchObject({ messageId: sent.messageId, status: 'delivered' });
    expect(JSON.parse(one.stdout)).toHaveLength(1);

    const tag = JSON.parse((await cli(['status', '--tag', 'colis', '--json'], { env })).stdout);
    expect(tag).toHaveLength(2);
    expect(new Set(tag.map((s: { messageId: string }) => s.messageId))).toEqual(
      new Set([sent.messageId]),
    );
  });

  it('exits with 1 on an unknown message and with 2 without an id or a tag', async () => {
    const unknown = await cli(['status', '999999'], { env });
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^sms-partner: .*bulk-status/);
    expect(unknown.stderr).toContain('SMS Partner code 4');

    const neither = await cli(['status'], { env });
    expect(neither).toMatchObject({ code: 2, stdout: '' });
    expect(neither.stderr).toContain('give a message id or --tag');
    const both = await cli(['status', '1', '--tag', 'x'], { env });
    expect(both.code).toBe(2);
  });
});
