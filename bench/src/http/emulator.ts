/**
 * Child process for the client benchmark: starts the SMS Partner emulator on 127.0.0.1 (no
 * request log) and sends `{ baseUrl }` to the parent; exits on `'exit'`.
 */
import { startEmulator } from '@sms-partner/testing';
import { API_KEY } from './shared.js';

const emulator = await startEmulator({
  accounts: [{ apiKey: API_KEY, balance: 1_000_000, quietHours: 'off' }],
});
process.on('message', async (message) => {
  if (message === 'exit') {
    await emulator.stop();
    process.exit(0);
  }
});
process.send?.({ baseUrl: emulator.baseUrl });
