/** Constants shared by the benchmark's parent and its server child processes. */

/** The webhook secret (a benchmark constant, not a credential). */
export const SECRET = 'bench-webhook-secret-0123456789abcdef';
export const WEBHOOK_PATH = '/webhooks/sms-partner';
export const BARE_PATH = '/bare';

/** The emulator account's key (a benchmark constant, not a credential). */
export const API_KEY = 'bench-api-key';
