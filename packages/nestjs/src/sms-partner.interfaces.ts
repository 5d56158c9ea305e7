import type {
  InjectionToken,
  ModuleMetadata,
  OptionalFactoryDependency,
  Type,
} from '@nestjs/common';
import type {
  SmsPartnerClient,
  SmsPartnerClientOptions,
  WebhookHandlerOptions,
} from '@sms-partner/core';

/**
 * Options of the webhook route: everything `createWebhookHandler` takes except the event callbacks,
 * which come from `@OnDeliveryReport()`-style methods, plus the path.
 */
export interface SmsPartnerWebhookRouteOptions
  extends Omit<
    WebhookHandlerOptions,
    'onDeliveryReport' | 'onReply' | 'onStop' | 'onInboundMessage' | 'onHlrResult'
  > {
  /**
   * Absolute path of the route on the HTTP server, for every method (core answers 405 to all but
   * GET and POST). Not affected by `setGlobalPrefix()`: give the full path.
   * @default '/sms-partner/webhooks'
   */
  path?: string;
}

/** Options of {@link SmsPartnerModule.forRoot}. */
export interface SmsPartnerModuleOptions {
  /** The client to share, or the options to build it with (built once, at bootstrap). */
  client: SmsPartnerClient | SmsPartnerClientOptions;
  /** Mounts the webhook route when given; omit it to use the client only. */
  webhooks?: SmsPartnerWebhookRouteOptions;
}

/** A class that `forRootAsync({ useClass | useExisting })` asks for the options. */
export interface SmsPartnerOptionsFactory {
  /** Returns the module options (the client options, and `webhooks` to mount the route). */
  createSmsPartnerOptions(): SmsPartnerModuleOptions | Promise<SmsPartnerModuleOptions>;
}

/** Options of {@link SmsPartnerModule.forRootAsync}: exactly one of `useFactory`, `useClass`, `useExisting`. */
export interface SmsPartnerModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Makes the client injectable in every module without importing this one. @default false */
  isGlobal?: boolean;
  /** Returns the options; receives the `inject` tokens, in order. */
  // biome-ignore lint/suspicious/noExplicitAny: a factory's parameters are whatever `inject` resolves to.
  useFactory?: (...args: any[]) => SmsPartnerModuleOptions | Promise<SmsPartnerModuleOptions>;
  /** Tokens resolved and passed to `useFactory`, in order. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  /** A class this module instantiates to get the options. */
  useClass?: Type<SmsPartnerOptionsFactory>;
  /** An already-provided (imported) provider to get the options from. */
  useExisting?: InjectionToken<SmsPartnerOptionsFactory>;
}
