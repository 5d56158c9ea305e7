import { createServer } from 'node:net';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const KEY = 'cli-credits-test-key';
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ apiKey: KEY, balance: 12.5 }] });
});
afterAll(() => emulator.stop());

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('sms-partner credits', () => {
  it("prints the account's balance and credits, from the key in the environment or the flag", async () => {
    const account = emulator.accounts.get(KEY);
    const fromEnv = await cli(['credits', '--json'], {
      env: { SMS_PARTNER_API_KEY: KEY, SMS_PARTNER_BASE_URL: emulator.url },
    });
    expect(fromEnv).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(fromEnv.stdout)).toEqual({
      sms: account.creditSms,
      lowCostSms: account.creditSmsECO,
      hlr: account.creditHlr,
      pending: account.toSend,
      balance: 12.5,
      currency: 'EUR',
    });
    const fromFlags = await cli(['--api-key', KEY, 'credits', '--base-url', emulator.baseUrl]);
    expect(fromFlags.code).toBe(0);
    expect(fromFlags.stdout).toMatch(/Balance +12\.5 EUR/);
    expect(fromFlags.stdout).toMatch(new RegExp(`Premium SMS +${account.creditSms}\\n`));
    expect(fromFlags.stdout + fromFlags.stderr).not.toContain(KEY);
  });

  it('exits with 1 on a refused key or an unreachable API, never printing the key, and 2 without one', async () => {
    const wrong = 'cli-not-the-key-27182';
    const refused = await cli(['credits'], {
      env: { SMS_PARTNER_API_KEY: wrong, SMS_PARTNER_BASE_URL: emulator.url },
    });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('SMS Partner code 10: invalid API key');
    expect(refused.stderr).not.toContain(wrong);

    const port = await closedPort();
    const down = await cli([
      'credits',
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--api-key',
      wrong,
    ]);
    expect(down).toMatchObject({ code: 1, stdout: '' });
    expect(down.stderr).toMatch(/^sms-partner: GET \/v1\/me /);
    expect(down.stderr).not.toContain(wrong);
    // A read has no effect to check, so no "check the status" hint.
    expect(down.stderr).not.toContain('sms-partner status');

    const none = await cli(['credits'], { env: { SMS_PARTNER_BASE_URL: emulator.url } });
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('no API key');
    const badUrl = await cli(['credits', '--base-url', 'ftp://example.com', '--api-key', wrong]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('baseUrl');
  });
});
