import { SmsPartnerClient } from '@sms-partner/core';
import type { Emulator } from '@sms-partner/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_ROUTE, type Mounted, mount } from './context.js';
import type { HarnessFactory } from './harness.js';

/** The client the adapter provides to the app's own routes: configured as given, built once. */
export function clientCases(factory: HarnessFactory, emulator: () => Emulator): void {
  let app: Mounted;
  beforeAll(async () => {
    app = await mount(factory, {
      hostParsesBodies: false,
      client: { apiKey: emulator().apiKey, baseUrl: emulator().url, retry: false },
      appRoute: async (client) => {
        const credits = await (client as SmsPartnerClient).account.credits();
        return {
          isClient: client instanceof SmsPartnerClient,
          sms: credits.sms,
          balance: credits.balance,
        };
      },
    });
  });
  afterAll(() => app?.harness.close());

  it("is available to the app's own routes, configured with the given key and base URL", async () => {
    const before = emulator().requests().length;
    const response = await app.send(new Request(app.url(APP_ROUTE)));
    expect(response.status).toBe(200);
    const account = emulator().accounts.get(emulator().apiKey);
    // The figures come from the emulator's account, so the call really went there with that key.
    expect(await response.json()).toEqual({
      isClient: true,
      sms: account.creditSms,
      balance: account.balance,
    });
    expect(emulator().requests().length).toBeGreaterThan(before);
  });

  it('is one instance shared by every request (configured once)', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await app.send(new Request(app.url(APP_ROUTE)));
      expect(response.status).toBe(200);
    }
    expect(app.clientsSeen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(app.clientsSeen).size).toBe(1);
  });
}
