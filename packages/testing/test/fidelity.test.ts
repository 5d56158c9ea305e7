/**
 * Where the emulator used to be kinder than the live API: placeholder keys beside a configured
 * key, senders the account does not rent, bodies cut short by a character-counted
 * Content-Length, `apiKey` beside `accounts`, and the port hint of the bin.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';
import { portHint } from '../src/internal/port-hint.js';
import { get, post } from './helpers.js';

const running: Emulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ accounts: [{ quietHours: 'off' }], ...options });
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** A body whose Content-Length counts characters (the docs' Node sample): one byte short per "é". */
function shortBody(emulator: Emulator, body: Record<string, unknown>): Promise<string> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.baseUrl}vn/send`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('placeholder keys', () => {
  it('stand for the demo account only while no key is configured', async () => {
    const keyless = await start();
    for (const key of ['xxxxx', 'YOUR API KEY', 'VOTRE_CLÉ_API']) {
      expect((await get(keyless.baseUrl, 'me', { apiKey: key })).json).toMatchObject({ code: 200 });
    }
    const keyed = await start({ apiKey: 'my-real-test-key' });
    for (const key of ['xxxxx', 'YOUR API KEY']) {
      expect((await get(keyed.baseUrl, 'me', { apiKey: key })).json).toMatchObject({ code: 10 });
    }
    expect((await get(keyed.baseUrl, 'me', { apiKey: 'my-real-test-key' })).json.code).toBe(200);
    const seeded = await start({ accounts: [{ apiKey: 'seeded' }, {}] });
    expect((await get(seeded.baseUrl, 'me', { apiKey: 'xxxxx' })).json.code).toBe(10);
    const strict = await start({ strict: true });
    expect((await get(strict.baseUrl, 'me', { apiKey: 'xxxxx' })).json.code).toBe(10);
  });
});

describe('startEmulator({ apiKey, accounts })', () => {
  it('refuses a key that disagrees with the first account instead of renaming it', async () => {
    await expect(startEmulator({ apiKey: 'one', accounts: [{ apiKey: 'two' }] })).rejects.toThrow(
      /`apiKey` and `accounts\[0\]\.apiKey` disagree/,
    );
    const named = await start({ apiKey: 'one', accounts: [{ balance: 5 }, { apiKey: 'two' }] });
    expect(named.apiKey).toBe('one');
    expect(named.accounts.get('one').balance).toBe(5);
    const same = await start({ apiKey: 'two', accounts: [{ apiKey: 'two' }] });
    expect((await get(same.baseUrl, 'me', { apiKey: 'two' })).json.code).toBe(200);
  });
});

describe('POST /v1/vn/send from a number the account does not rent', () => {
  it('is refused with code 44 naming the rented numbers; rented ones pass in any spelling', async () => {
    const emulator = await start({ apiKey: 'vn-key' });
    const send = (from: string) =>
      post(emulator.baseUrl, 'vn/send', { apiKey: 'vn-key', to: '0611111111', from, message: 'x' });
    const refused = await send('33799999999');
    expect(refused.json).toMatchObject({ success: false, code: 44 });
    expect(String(refused.json.message)).toContain('33799999999');
    expect(String(refused.json.message)).toContain('33700000000');
    for (const from of ['33700000000', '+33700000000', '0700000000']) {
      expect((await send(from)).json).toMatchObject({ success: true, code: 200 });
    }
    expect(emulator.messages()).toHaveLength(3);
    emulator.configure({ unrentedFrom: 'accept' });
    expect((await send('33799999999')).json).toMatchObject({ success: true });
  });

  it('lets the docs placeholder through unless strict', async () => {
    const keyless = await start();
    const body = { apiKey: 'xxxxx', to: '336xxxxxxxx', from: '336xxxxxxxx', message: 'x' };
    expect((await post(keyless.baseUrl, 'vn/send', body)).json).toMatchObject({ code: 200 });
    const strict = await start({ strict: true, apiKey: 'strict-key' });
    const refused = await post(strict.baseUrl, 'vn/send', { ...body, apiKey: 'strict-key' });
    expect(refused.json).toMatchObject({ code: 9 });
  });
});

describe('a body cut short by Content-Length counted in characters', () => {
  const body = {
    apiKey: 'k',
    to: '0611111111',
    from: '33700000000',
    message: 'Réponse à votre message',
  };

  it('is completed and logged outside strict mode', async () => {
    const lines: string[] = [];
    const emulator = await start({ apiKey: 'k', logger: (line) => lines.push(line) });
    expect(JSON.parse(await shortBody(emulator, body))).toMatchObject({ success: true, code: 200 });
    // "é" and "à" take two bytes each: the cut falls before the closing quote and brace.
    expect(emulator.lastRequest()?.completedBody).toBe('"}');
    expect(lines.at(-1)).toMatch(
      /^POST \/v1\/vn\/send 200 .*\(body completed with "\\"\}"; Content-Length counts characters, not bytes: the body is 2 bytes short\)$/,
    );
  });

  it('is refused with code 90 saying why under strict, and logged', async () => {
    const lines: string[] = [];
    const emulator = await start({ apiKey: 'k', strict: true, logger: (line) => lines.push(line) });
    const answer = JSON.parse(await shortBody(emulator, body));
    expect(answer).toMatchObject({ success: false, code: 90 });
    expect(answer.message).toMatch(
      /Content-Length counts characters, not bytes.*Buffer\.byteLength/,
    );
    expect(emulator.messages()).toHaveLength(0);
    expect(lines.at(-1)).toMatch(/\(body refused; Content-Length counts characters/);
  });

  it('strict can be relaxed for that one point', async () => {
    const emulator = await start({ apiKey: 'k', strict: true, repairSamples: true });
    expect(JSON.parse(await shortBody(emulator, body))).toMatchObject({ code: 200 });
  });
});

describe('a query string with a doubled "?" (the PHP SDK README)', () => {
  const me = async (emulator: Emulator) =>
    (await (await fetch(`${emulator.baseUrl}me??apiKey=php-key`)).json()) as { code: number };

  it('is read without it outside strict mode, and logged', async () => {
    const lines: string[] = [];
    const emulator = await start({ apiKey: 'php-key', logger: (line) => lines.push(line) });
    expect((await me(emulator)).code).toBe(200);
    expect(lines.at(-1)).toMatch(
      /^GET \/v1\/me\?\?apiKey=REDACTED 200 .*\(query read without its doubled "\?"\)$/,
    );
  });

  it('leaves the key unread under strict (code 1), as the real API would', async () => {
    const emulator = await start({ apiKey: 'php-key', strict: true });
    expect((await me(emulator)).code).toBe(1);
  });
});

describe('POST /v1/lookup formats', () => {
  it('groups numbers as libphonenumber does, Moroccan ones as the live capture', async () => {
    const emulator = await start({ apiKey: 'k' });
    const answer = await post(emulator.baseUrl, 'lookup', {
      apiKey: 'k',
      phoneNumbers: '0612345678,+32470123456,+212661000042,+4915123456789',
    });
    const items = answer.json.lookup as Record<string, unknown>[];
    expect(items.map((i) => [i.countryCode, i.network, i.type, i.format])).toEqual([
      [
        'France',
        '',
        'Mobile',
        {
          e164: '+33612345678',
          international: '+33 6 12 34 56 78',
          national: '06 12 34 56 78',
          rfc3966: 'tel:+33-6-12-34-56-78',
        },
      ],
      [
        '',
        '',
        'Mobile',
        {
          e164: '+32470123456',
          international: '+32 470 12 34 56',
          national: '0470 12 34 56',
          rfc3966: 'tel:+32-470-12-34-56',
        },
      ],
      [
        '',
        'Maroc Telecom',
        'Mobile',
        {
          e164: '+212661000042',
          international: '+212 661-000042',
          national: '0661-000042',
          rfc3966: 'tel:+212-661-000042',
        },
      ],
      [
        '',
        '',
        'Mobile',
        {
          e164: '+4915123456789',
          international: '+49 1512 3456789',
          national: '01512 3456789',
          rfc3966: 'tel:+49-1512-3456789',
        },
      ],
    ]);
  });
});

describe('the bin’s port hint', () => {
  it('says how to pass --port the way the bin was started', () => {
    expect(portHint({})).toBe('sms-partner-emulator --port <another>');
    expect(portHint({ npm_lifecycle_event: 'npx' })).toBe('sms-partner-emulator --port <another>');
    expect(portHint({ npm_lifecycle_event: 'start', npm_config_user_agent: 'npm/11.0.0' })).toBe(
      'npm start -- --port <another>',
    );
    expect(portHint({ npm_lifecycle_event: 'emu', npm_config_user_agent: 'npm/11.0.0' })).toBe(
      'npm run emu -- --port <another>',
    );
    expect(portHint({ npm_lifecycle_event: 'start', npm_config_user_agent: 'pnpm/12.4.2' })).toBe(
      'pnpm start --port <another>',
    );
    expect(portHint({ npm_lifecycle_event: 'emu', npm_config_user_agent: 'yarn/4.0.0' })).toBe(
      'yarn run emu --port <another>',
    );
  });
});

describe('keep-alive', () => {
  it('keeps idle connections for 5 s by default, so pooled clients do not reconnect per call', async () => {
    const emulator = await start();
    const { headers } = await get(emulator.baseUrl, 'me', { apiKey: emulator.apiKey });
    expect(headers.get('keep-alive')).toBe('timeout=5');
  });

  it('takes another idle timeout as an option', async () => {
    const emulator = await start({ keepAliveTimeout: 2000 });
    const { headers } = await get(emulator.baseUrl, 'me', { apiKey: emulator.apiKey });
    expect(headers.get('keep-alive')).toBe('timeout=2');
  });
});
