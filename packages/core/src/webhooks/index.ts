/**
 * Webhooks: typed parsers for every SMS Partner callback, callback URLs carrying a secret, and
 * one framework-neutral handler (`Request` in, `Response` out, or plain parts in and out) with verification,
 * deduplication and multipart reassembly.
 *
 * @example
 * ```ts
 * import { createCallbackUrls, createWebhookHandler, generateWebhookSecret } from '@sms-partner/core';
 *
 * const secret = generateWebhookSecret();
 * const { urlDlr, urlResponse } = createCallbackUrls({ baseUrl: 'https://example.com/sms-partner', secret });
 * const handle = createWebhookHandler({
 *   secret,
 *   onDeliveryReport: (report) => console.log(report.messageId, report.status),
 *   onStop: (stop) => console.log(`${stop.phoneNumber} opted out`),
 * });
 * ```
 * @packageDocumentation
 */
export {
  type CallbackUrlOptions,
  type CallbackUrls,
  createCallbackUrls,
  DEFAULT_KIND_PARAM,
  DEFAULT_TOKEN_PARAM,
  generateWebhookSecret,
  MIN_SECRET_LENGTH,
  verifyWebhookToken,
} from './callback-urls.js';
export {
  type ConcatAddResult,
  type ConcatAssembler,
  type ConcatAssemblerOptions,
  type ConcatReadyResult,
  type ConcatTimeoutPolicy,
  type ConcatWaitingResult,
  createConcatAssembler,
  isConcatReady,
} from './concat.js';
export {
  type ConcatEntry,
  type ConcatStore,
  createMemoryConcatStore,
  type MemoryConcatStoreOptions,
  type StoredConcatPart,
} from './concat-store.js';
export {
  createMemoryDedupeStore,
  type DedupeClaim,
  type DedupeStore,
  defaultDedupeKey,
  type MemoryDedupeStoreOptions,
} from './dedupe.js';
export {
  DEFAULT_DELIVERY_STATUS_MAP,
  DELIVERY_REPORT_FIELDS,
  normalizeDeliveryStatus,
  type ParseDeliveryReportOptions,
  type ParseOptions,
  parseDeliveryReport,
} from './delivery-report.js';
export { WebhookError, type WebhookErrorOptions, type WebhookErrorReason } from './errors.js';
export { createWebhookHandler } from './handler.js';
export type {
  WebhookEventContext,
  WebhookEventHandler,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookLogger,
  WebhookPlainRequest,
  WebhookPlainResponse,
  WebhookRequestContext,
} from './handler-types.js';
export { HLR_RESULT_FIELDS, parseHlrResult } from './hlr.js';
export {
  INBOUND_MESSAGE_FIELDS,
  type ParseInboundMessageOptions,
  parseInboundMessage,
} from './inbound-message.js';
export {
  createMemoryOptOutStore,
  createOptOutTracker,
  normalizeOptOutNumber,
  type OptOutChange,
  type OptOutStore,
  type OptOutTracker,
  type OptOutTrackerOptions,
} from './opt-out.js';
export {
  detectWebhookEventType,
  type ParseWebhookEventOptions,
  parseWebhookEvent,
  WEBHOOK_CALLBACK_KINDS,
  type WebhookCallbackKind,
} from './parse-event.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  type ReadWebhookPayloadOptions,
  type ReadWebhookPayloadResult,
  readWebhookPayload,
  toWebhookPayload,
  type WebhookInput,
} from './payload.js';
export { type ParseReplyOptions, parseReply, REPLY_FIELDS } from './reply.js';
export {
  createAddressMatcher,
  isAddressAllowed,
  type ResolveRemoteAddressOptions,
  resolveRemoteAddress,
  type TrustProxy,
} from './source-address.js';
export { DEFAULT_STOP_KEYWORDS, isStopKeyword, normalizeKeyword } from './stop-keywords.js';
export {
  toWebRequest,
  type WebRequestBody,
  type WebRequestHeaders,
  type WebRequestParts,
} from './to-web-request.js';
export type {
  ConcatInfo,
  DeliveryReportEvent,
  DeliveryStatus,
  HlrResultEvent,
  InboundMessageEvent,
  InboundMessagePart,
  ReplyEvent,
  SmsPartnerWebhookEvent,
  SmsPartnerWebhookEventType,
  StopEvent,
  WebhookEventBase,
  WebhookPayload,
  WebhookPayloadFormat,
} from './types.js';
