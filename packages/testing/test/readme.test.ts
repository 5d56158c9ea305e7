/**
 * The README's first example, as written there (imports adjusted to the source).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: 'test-key',
    clock: { start: '2025-03-12T10:00:00+01:00', frozen: true },
  });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

it('delivers', async () => {
  const response = await fetch(`${emulator.baseUrl}send`, {
    method: 'POST',
    body: JSON.stringify({ apiKey: 'test-key', phoneNumbers: '0600000000', message: 'Bonjour' }),
  });
  const { message_id } = await response.json();

  await emulator.clock.advance(2_000); // the default delivery delay
  expect(emulator.message(message_id)?.recipients[0]?.status).toBe('delivered');
  expect(emulator.accounts.get('test-key').balance).toBe(99.962); // 100 € minus one premium SMS
});

it('holds a Sunday marketing SMS until Monday 08:00 (README "The clock")', async () => {
  await emulator.clock.set('2025-03-16T11:00:00+01:00');
  await fetch(`${emulator.baseUrl}send`, {
    method: 'POST',
    body: JSON.stringify({ apiKey: 'test-key', phoneNumbers: '0611111111', message: 'Promo' }),
  });
  await emulator.clock.set('2025-03-17T07:59:59+01:00');
  expect(emulator.messages()[0]?.recipients[0]?.status).toBe('scheduled');
  await emulator.clock.set('2025-03-17T08:00:00+01:00');
  expect(emulator.messages()[0]?.recipients[0]?.status).toBe('waiting');
  await emulator.clock.advance(2_000);
  expect(emulator.messages()[0]?.recipients[0]?.status).toBe('delivered');
});
