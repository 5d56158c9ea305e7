import { expect, it } from 'vitest';
import { main } from '../examples/client-readme.js';

it('the README example of the client runs and prints what it says', async () => {
  const lines: unknown[][] = [];
  await main((...values) => lines.push(values));
  const [preview, sent, statuses, validation] = lines;
  expect(preview).toEqual([
    1,
    'gsm7',
    'Bonjour Anne,:br:votre commande de 42 :euro: est prête.',
    { perRecipient: 0.045, total: 0.09, currency: 'EUR' },
  ]);
  expect(sent?.[1]).toEqual(['+33612345678', '+33698765432']);
  // Two recipients of a one-part message: 2 SMS billed, while the preview counted 1 part.
  expect(sent?.[2]).toBe(2);
  expect(statuses?.[0]).toHaveLength(2);
  expect(validation?.[0]).toEqual([
    'to: write it in international form with a "+", e.g. "+33612345678" or "+4915123456789".',
    'tag: use at most 20 lower-case characters without spaces, e.g. "promo-juin".',
  ]);
});
