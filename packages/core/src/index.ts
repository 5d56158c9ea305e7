/**
 * `@sms-partner/core`: the dependency-free heart of the SMS Partner SDK.
 *
 * @example
 * ```ts
 * import { analyzeMessage } from '@sms-partner/core';
 * analyzeMessage('Bonjour !', { encoding: 'auto' }).segments; // 1
 * ```
 * @packageDocumentation
 */
export * from './message/index.js';
export * from './schedule/index.js';
export * from './phone/index.js';
export * from './webhooks/index.js';
export * from './client/index.js';
