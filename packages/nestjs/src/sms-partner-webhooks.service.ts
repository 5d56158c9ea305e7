import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost, MetadataScanner, Reflector } from '@nestjs/core';
import {
  createWebhookHandler,
  type SmsPartnerWebhookEvent,
  type SmsPartnerWebhookEventType,
  type WebhookEventContext,
  type WebhookHandler,
  type WebhookPlainRequest,
  type WebhookPlainResponse,
} from '@sms-partner/core';
import { mountWebhookRoute } from './internal/http-mount.js';
import {
  DEFAULT_WEBHOOK_PATH,
  SMS_PARTNER_EVENT_METADATA,
  SMS_PARTNER_OPTIONS,
} from './sms-partner.constants.js';
import type { SmsPartnerModuleOptions } from './sms-partner.interfaces.js';

type Listener = (event: SmsPartnerWebhookEvent, context: WebhookEventContext) => unknown;
const CALLBACK: Record<SmsPartnerWebhookEventType, string> = {
  delivery_report: 'onDeliveryReport',
  reply: 'onReply',
  stop: 'onStop',
  inbound_message: 'onInboundMessage',
  hlr_result: 'onHlrResult',
};

/**
 * Finds the `@On...()` methods of every provider at bootstrap, builds core's webhook handler with
 * them and mounts it on the HTTP server. `handle()` is public for apps that prefer their own route.
 */
@Injectable()
export class SmsPartnerWebhooksService implements OnModuleInit, OnApplicationShutdown {
  private handler: WebhookHandler | undefined;
  private closed = false;
  private readonly logger = new Logger('SmsPartnerModule');

  constructor(
    @Inject(SMS_PARTNER_OPTIONS) private readonly options: SmsPartnerModuleOptions,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * Runs core's handler on a Web `Request`, for apps that mount their own route. Answers 503 (so
   * that SMS Partner retries later) once the application is shutting down.
   */
  async handle(request: Request, context?: { remoteAddress?: string }): Promise<Response> {
    if (this.closed) return new Response(null, { status: 503, headers: { 'retry-after': '60' } });
    return this.configured()(request, context);
  }

  /**
   * The same as {@link handle} on plain parts (core's `handlePlain`: Node's `req.method`,
   * `req.url`, `req.headers` and `req` as the body), which the mounted route uses: no Web
   * `Request` or `Response` is built per callback.
   */
  handlePlain(request: WebhookPlainRequest): Promise<WebhookPlainResponse> {
    // Not `async`: core's promise is handed on as it is, one promise less per callback.
    if (this.closed) {
      return Promise.resolve({ status: 503, headers: { 'retry-after': '60' }, body: '' });
    }
    try {
      return this.configured().handlePlain(request);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private configured(): WebhookHandler {
    if (!this.handler)
      throw new Error(
        'The SMS Partner webhook route is not configured: pass the `webhooks` option.',
      );
    return this.handler;
  }

  /** Called by NestJS: builds the webhook handler from the options and the discovered handlers. */
  onModuleInit(): void {
    const { webhooks } = this.options;
    if (!webhooks) return;
    const { path = DEFAULT_WEBHOOK_PATH, ...handlerOptions } = webhooks;
    const callbacks: Record<string, Listener> = {};
    for (const [type, listeners] of this.discoverListeners()) {
      // One listener (the usual case) is core's handler itself: core waits on what it returns
      // only when that is a promise, and turns a throw into a 500 as it does a rejection.
      callbacks[CALLBACK[type]] =
        listeners.length === 1
          ? listeners[0]!
          : async (event, context) => {
              for (const listener of listeners) await listener(event, context);
            };
    }
    // Refusals are logged through Nest's logger unless the app chose where (or not) to log.
    this.handler = createWebhookHandler({
      ...(handlerOptions.onRejected || 'logger' in handlerOptions ? {} : { logger: this.logger }),
      ...handlerOptions,
      ...callbacks,
    });
    const server = this.adapterHost.httpAdapter;
    if (server) mountWebhookRoute(server, path, (request) => this.handlePlain(request));
    else
      this.logger.warn(
        'No HTTP server (application context only): the webhook route was not mounted.',
      );
  }

  /** Hands multipart messages that timed out to their handlers before the process goes. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.handler?.flushExpired();
  }

  private discoverListeners(): Map<SmsPartnerWebhookEventType, Listener[]> {
    const found = new Map<SmsPartnerWebhookEventType, Listener[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance } = wrapper;
      // Request-scoped providers have no instance at bootstrap; events are not requests to them.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const type = this.reflector.get<SmsPartnerWebhookEventType | undefined>(
          SMS_PARTNER_EVENT_METADATA,
          method,
        );
        if (!type) continue;
        found.set(type, [...(found.get(type) ?? []), method.bind(instance) as Listener]);
      }
    }
    return found;
  }
}
