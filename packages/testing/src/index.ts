/**
 * `@sms-partner/testing`: a faithful local SMS Partner emulator (a real HTTP server) for tests
 * and development: no credits, no internet.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@sms-partner/testing';
 *
 * const emulator = await startEmulator();
 * // point your client at emulator.baseUrl with emulator.apiKey
 * await emulator.stop();
 * ```
 * @packageDocumentation
 */

export type { DlrFormat, DlrPresetName } from './callbacks/formats.js';
export { DLR_PRESETS } from './callbacks/formats.js';
export type { InboundOptions, ReplyOptions, StopOptions } from './callbacks/simulate.js';
export type { EmulatorClock } from './clock.js';
export type {
  AccountPatch,
  AccountsControl,
  Emulator,
  FaultsControl,
  MessageFilter,
  RequestFilter,
} from './emulator.js';
export { startEmulator } from './emulator.js';
export type { FaultHandle, FaultKind, FaultSpec } from './internal/faults.js';
export type {
  AccountSeed,
  AccountStatus,
  AccountView,
  CallbackAttempt,
  CallbackRecord,
  DeliveryStatus,
  EmulatorBehaviour,
  EmulatorOptions,
  MessageRecord,
  OutcomeRule,
  Pricing,
  QuietHoursMode,
  RateLimit,
  RateLimitedRoute,
  RecipientRecord,
  RecordedRequest,
  SmppStatus,
  VirtualNumberSeed,
} from './types.js';
