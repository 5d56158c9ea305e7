import { describe, expect, it } from 'vitest';
import { SmsPartnerClient } from './client.js';
import { AccountResource } from './resources/account.js';
import { SmsResource } from './resources/sms.js';

const GROUPS = [
  'sms',
  'status',
  'statistics',
  'contacts',
  'groups',
  'stops',
  'account',
  'subaccounts',
  'numbers',
  'rental',
  'rcs',
] as const;

describe('SmsPartnerClient resource groups', () => {
  it('gives one instance of each group per client, created on first use', () => {
    const client = new SmsPartnerClient({
      apiKey: 'sk_test_groups',
      baseUrl: 'http://127.0.0.1:9',
    });
    for (const name of GROUPS) {
      expect(client[name]).toBeDefined();
      expect(client[name]).toBe(client[name]);
    }
    expect(client.sms).toBeInstanceOf(SmsResource);
    expect(client.account).toBeInstanceOf(AccountResource);
    const other = new SmsPartnerClient({ apiKey: 'sk_test_groups', baseUrl: 'http://127.0.0.1:9' });
    expect(other.sms).not.toBe(client.sms);
  });

  it("runs each group on its own client's settings", () => {
    const pricing = { premium: 0.05, currency: 'EUR' };
    const priced = new SmsPartnerClient({ apiKey: 'k', pricing });
    const plain = new SmsPartnerClient({ apiKey: 'k' });
    expect(priced.sms.preview('Bonjour').estimatedCost?.perRecipient).toBe(0.05);
    expect(plain.sms.preview('Bonjour').estimatedCost).toBeUndefined();
  });

  it('keeps the key out of what the client shows, groups used or not', () => {
    const client = new SmsPartnerClient({ apiKey: 'sk_test_SHOWN_NOWHERE' });
    void client.sms;
    expect(JSON.stringify(client)).not.toContain('SHOWN_NOWHERE');
    expect(String(client)).not.toContain('SHOWN_NOWHERE');
  });
});
