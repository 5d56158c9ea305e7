import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmsPartnerClient, toWireText } from '@sms-partner/core';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, cli } from './helpers.js';

const KEY = 'cli-send-test-key';
let emulator: Emulator;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'sms-partner-cli-send-'));

function csv(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: KEY, clock: { start: '2025-03-12T10:00:00+01:00' } });
  env = { SMS_PARTNER_API_KEY: KEY, SMS_PARTNER_BASE_URL: emulator.url };
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const sends = () => emulator.requests({ route: 'send' });
const sentTo = () => emulator.messages().flatMap((m) => m.recipients.map((r) => r.phoneNumber));

describe('sms-partner send', () => {
  it('sends one message to one number and prints its id, SMS and cost', async () => {
    const text = 'Votre code : 4821\nÀ bientôt, 5 €';
    const result = await cli(
      ['send', '--to', '06 12 34 56 78', '--transactional', '--sender', 'MaBoutique', text],
      {
        env,
      },
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [message] = emulator.messages();
    expect(emulator.messages()).toHaveLength(1);
    expect(sends()[0]?.params).toMatchObject({ message: toWireText(text), sender: 'MaBoutique' });
    expect(message?.recipients.map((r) => r.phoneNumber)).toEqual(['+33612345678']);
    expect(result.stdout).toMatch(new RegExp(`Message ids +${message?.messageId}\\n`));
    expect(result.stdout).toMatch(
      new RegExp(`SMS billed +${message?.nbSms}, ${message?.cost} EUR`),
    );
    expect(result.stdout).toMatch(/Sent +1 of 1 recipients/);
  });

  it('sends a CSV in batches, each number once, with a progress bar on stderr and a summary', async () => {
    const file = csv(
      'clients.csv',
      'nom;téléphone;ville\nAnne;06 12 34 56 78;Lyon\nLuc;+33 6 98 76 54 32;Nantes\n' +
        'Anne bis;0612345678;Lyon\nZoé;07 11 22 33 44;Lille\n"Dupont; Jean";0033 6 55 44 33 22;Paris\nMia;0690 12 34 56;Basse-Terre\n',
    );
    const result = await cli(
      [
        'send',
        '--csv',
        file,
        '--batch-size',
        '2',
        '--progress',
        '--json',
        'Soldes -20 % ce week-end',
      ],
      {
        env,
      },
    );
    expect(result.code).toBe(0);
    const expected = [
      '+33612345678',
      '+33698765432',
      '+33711223344',
      '+33655443322',
      '+590690123456',
    ];
    expect(sentTo()).toEqual(expected);
    expect(sends().map((r) => String(r.params?.phoneNumbers).split(',').length)).toEqual([2, 2, 1]);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      sent: 5,
      recipients: 5,
      duplicatesRemoved: 1,
      failures: [],
      notAttempted: [],
    });
    expect(summary.results.map((r: { messageId: string }) => r.messageId)).toEqual(
      emulator.messages().map((m) => String(m.messageId)),
    );
    expect(summary.cost).toBeCloseTo(
      emulator.messages().reduce((n, m) => n + m.cost, 0),
      6,
    );
    // The bar is redrawn in place after each batch, then cleared.
    expect(result.stderr).toContain('\r');
    expect(result.stderr).toContain('2/5 recipients');
    expect(result.stderr).toContain('5/5 recipients');
    expect(result.stderr.endsWith('\r\u001b[K')).toBe(true);

    // Off a terminal there is no bar unless asked for.
    const quiet = await cli(['send', '--csv', file, 'Re-bonjour'], { env });
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    expect(quiet.stdout).toMatch(/Sent +5 of 5 recipients \(1 duplicates removed\)/);
  });

  it('sends nothing when a recipient is not a number, unless --skip-invalid', async () => {
    const file = csv(
      'mixed.csv',
      'phone,name\n0612345678,Anne\n12,typo\n,empty\nnot a number,Luc\n',
    );
    const refused = await cli(['send', '--csv', file, 'Bonjour'], { env });
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('2 recipient(s) are not phone numbers; nothing was sent.');
    expect(refused.stderr).toContain(`line 3 of ${file}`);
    expect(refused.stderr).toContain(`line 5 of ${file}`);
    expect(emulator.requests()).toHaveLength(0);

    const skipped = await cli(['send', '--csv', file, '--skip-invalid', 'Bonjour'], { env });
    expect(skipped.code).toBe(0);
    expect(sentTo()).toEqual(['+33612345678']);
    expect(skipped.stderr).toContain(`left out line 3 of ${file}`);

    const column = await cli(['send', '--csv', csv('noheader.csv', 'Anne,Lyon\n'), 'x'], { env });
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('pass --column NAME');
  });

  it('costs a send with --dry-run without a key and without any request', async () => {
    const file = csv('dry.csv', 'mobile\n0612345678\n0698765432\n0612345678\n');
    const text = 'Nouveautés 🎉 en boutique';
    const result = await cli(
      ['send', '--csv', file, '--stop', '--dry-run', '--price', '0.045', '--json', text],
      {
        env: { SMS_PARTNER_BASE_URL: emulator.url },
      },
    );
    expect(result.code).toBe(0);
    expect(emulator.requests()).toHaveLength(0);
    const preview = new SmsPartnerClient({
      apiKey: 'unused',
      pricing: { premium: 0.045 },
    }).sms.preview(text, {
      isStopSms: true,
      recipients: 2,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({
      dryRun: true,
      recipients: 2,
      duplicatesRemoved: 1,
      segments: preview.segments,
      totalSms: preview.segments * 2,
      estimatedCost: preview.estimatedCost,
      wireText: preview.wireText,
    });
  });

  it('stops at a failed batch, says who may have been sent to, and exits with 1 (--keep-going carries on)', async () => {
    const file = csv('three.csv', 'phone\n0611111111\n0622222222\n0633333333\n');
    emulator.faults.inject({ kind: 'server-error', route: 'send', times: 1 });
    const stopped = await cli(['send', '--csv', file, '--batch-size', '1', 'Bonjour'], { env });
    expect(stopped.code).toBe(1);
    expect(sends()).toHaveLength(1); // the client never retries a send that may have arrived
    expect(stopped.stdout).toMatch(/Sent +0 of 3 recipients/);
    expect(stopped.stderr).toContain('a batch of 1 recipient(s) failed (may have been sent)');
    expect(stopped.stderr).toContain('2 recipient(s) not attempted');
    expect(stopped.stderr).toContain('1 of 3 recipient(s) were in a failed batch.');

    await emulator.reset();
    emulator.faults.inject({ kind: 'server-error', route: 'send', times: 1 });
    const kept = await cli(
      ['send', '--csv', file, '--batch-size', '1', '--keep-going', '--json', 'Bonjour'],
      { env },
    );
    expect(kept.code).toBe(1);
    expect(sends()).toHaveLength(3);
    const summary = JSON.parse(kept.stdout);
    expect(summary.sent).toBe(2);
    expect(summary.failures).toEqual([
      { recipients: ['+33611111111'], error: expect.objectContaining({ outcome: 'unknown' }) },
    ]);
    expect(sentTo()).toEqual(['+33622222222', '+33633333333']);
  });

  it('schedules with --at, sends in sandbox mode, and stops cleanly on Ctrl+C after the batch in flight', async () => {
    const year = new Date().getUTCFullYear() + 2; // always ahead; June is UTC+2 in Paris
    const at = `${year}-06-03 09:00`;
    const scheduled = await cli(['send', '--to', '0612345678', '--at', at, '--sandbox', 'Rappel'], {
      env,
    });
    expect(scheduled.code).toBe(0);
    const [message] = emulator.messages();
    expect(message).toMatchObject({ scheduled: true, sandbox: true });
    expect(message?.sendAt.toISOString()).toBe(`${year}-06-03T07:00:00.000Z`); // 09:00 in Paris
    expect(scheduled.stdout).toMatch(new RegExp(`Scheduled +${year}-06-03T07:00:00.000Z`));
    expect(scheduled.stdout).toContain('in sandbox mode');

    await emulator.reset();
    // Each request takes 1.5 s: interrupt while the first one is in flight.
    emulator.faults.inject({ kind: 'latency', latencyMs: 1_500, route: 'send' });
    const file = csv('interrupt.csv', 'phone\n0611111111\n0622222222\n0633333333\n');
    const child = spawn(
      process.execPath,
      [BIN, 'send', '--csv', file, '--batch-size', '1', 'Bonjour'],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (sends().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(sends()).toHaveLength(1);
    expect(sentTo()).toEqual(['+33611111111']); // the batch in flight was not abandoned
    expect(stdout).toMatch(/Sent +1 of 3 recipients/);
    expect(stderr).toContain('interrupted: 2 recipient(s) not sent to.');
  });

  it('exits with 2 before any request without recipients or key, and with 1 on a refused key (never printed)', async () => {
    const noRecipients = await cli(['send', 'Bonjour'], { env });
    expect(noRecipients).toMatchObject({ code: 2, stdout: '' });
    expect(noRecipients.stderr).toContain('no recipients: pass --to NUMBER or --csv FILE.');

    const noKey = await cli(['send', '--to', '0612345678', 'Bonjour'], {
      env: { SMS_PARTNER_BASE_URL: emulator.url },
    });
    expect(noKey).toMatchObject({ code: 2, stdout: '' });
    expect(noKey.stderr).toContain('sms-partner: no API key.');
    expect(noKey.stderr).toContain('SMS_PARTNER_API_KEY');

    const badSender = await cli(['send', '--to', '0612345678', '--sender', 'x', 'Bonjour'], {
      env,
    });
    expect(badSender.code).toBe(2);
    expect(badSender.stderr).toContain('sender');
    expect(emulator.requests()).toHaveLength(0);

    const wrongKey = 'cli-wrong-key-31415';
    const refused = await cli(['send', '--to', '0612345678', '--api-key', wrongKey, 'Bonjour'], {
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SMS Partner code 10');
    expect(refused.stdout + refused.stderr).not.toContain(wrongKey);
  });
});
