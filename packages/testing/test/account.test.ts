import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { get } from './helpers.js';

type Credits = Record<string, unknown>;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ accounts: [{ apiKey: 'key-main', balance: 10225.119 }] });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

describe('GET /v1/me', () => {
  it('reproduces the documented credits example from the balance', async () => {
    const r = await get(emu.baseUrl, 'me', { apiKey: 'key-main' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    // spec §2.1 example: 10225.119 EUR balance shows 269082 SMS, 444570 ECO, 2045023 HLR credits.
    expect(r.json).toMatchObject({
      success: true,
      code: 200,
      user: { username: expect.any(String) },
      credits: {
        creditSms: 269082,
        creditSmsLowCost: 444570,
        creditHlr: 2045023,
        toSend: 0,
        solde: '10225.119',
        currency: 'EUR',
        balance: '10225.119',
      },
    });
  });

  it("spells the low-cost credits as the docs do with lowCostCreditKey: 'creditSmsECO', or both", async () => {
    emu.configure({ lowCostCreditKey: 'creditSmsECO' });
    const eco = (await get(emu.baseUrl, 'me', { apiKey: 'key-main' })).json.credits as Credits;
    expect([eco.creditSmsECO, eco.creditSmsLowCost]).toEqual([444570, undefined]);
    emu.configure({ lowCostCreditKey: 'both' });
    const both = (await get(emu.baseUrl, 'me', { apiKey: 'key-main' })).json.credits as Credits;
    expect([both.creditSmsECO, both.creditSmsLowCost]).toEqual([444570, 444570]);
    expect(() => emu.configure({ lowCostCreditKey: 'ECO' as never })).toThrow(/lowCostCreditKey/);
  });

  it('answers code 1 without a key and code 10 with a wrong one, with 401', async () => {
    const missing = await get(emu.baseUrl, 'me');
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ success: false, code: 1 });
    const wrong = await get(emu.baseUrl, 'me', { apiKey: 'not-a-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ success: false, code: 10, message: 'Clé API incorrecte' });
  });

  it('renders XML as <result> with positional <entry> children', async () => {
    const r = await get(emu.baseUrl, 'me', { apiKey: 'key-main', _format: 'xml' });
    expect(r.headers.get('content-type')).toMatch(/application\/xml/);
    expect(r.text).toContain('<result><entry>true</entry><entry>200</entry><entry><username>');
    expect(r.text).toContain('<solde><![CDATA[10225.119]]></solde>');
  });
});

describe('the API key stays out of serialised objects', () => {
  it('is readable but absent from JSON.stringify and util.inspect of the emulator and account views', async () => {
    const { inspect } = await import('node:util');
    expect(emu.apiKey).toBe('key-main');
    const view = emu.accounts.get('key-main');
    expect(view.apiKey).toBe('key-main');
    for (const value of [emu, view, emu.accounts.list()]) {
      expect(JSON.stringify(value)).not.toContain('key-main');
      expect(inspect(value, { depth: 5 })).not.toContain('key-main');
    }
  });

  it('does not appear in error messages of the control API', () => {
    expect(() => emu.accounts.get('secret-looking-key')).toThrow(
      /No emulator account has this API key/,
    );
    try {
      emu.accounts.get('secret-looking-key');
    } catch (error) {
      expect(String(error)).not.toContain('secret-looking-key');
    }
  });
});
