/**
 * `@sms-partner/core`: the dependency-free heart of the SMS Partner SDK. Message analysis and
 * splitting, French public holidays and quiet hours, the HTTP client for the whole SMS API, phone
 * number normalisation, and webhook parsing and verification. Every export is a pure function or
 * a class with no side effect at import time, so bundlers keep only what you use.
 *
 * @example
 * ```ts
 * import { analyzeMessage, SmsPartnerClient } from '@sms-partner/core';
 *
 * analyzeMessage('Bonjour !', { encoding: 'auto' }).segments; // 1
 * const client = new SmsPartnerClient({ apiKey: 'your-key' });
 * await client.sms.send({ to: '0612345678', message: 'Bonjour !' });
 * ```
 * @packageDocumentation
 */
export * from './client/index.js';
export * from './message/index.js';
export * from './phone/index.js';
export * from './schedule/index.js';
export * from './webhooks/index.js';
