import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { SmsPartnerClient } from '@sms-partner/core';
import { SMS_PARTNER_CLIENT, SMS_PARTNER_OPTIONS } from './sms-partner.constants.js';
import type {
  SmsPartnerModuleAsyncOptions,
  SmsPartnerModuleOptions,
  SmsPartnerOptionsFactory,
} from './sms-partner.interfaces.js';
import { SmsPartnerWebhooksService } from './sms-partner-webhooks.service.js';

const sharedProviders: Provider[] = [
  {
    provide: SMS_PARTNER_CLIENT,
    useFactory: (options: SmsPartnerModuleOptions) =>
      options.client instanceof SmsPartnerClient
        ? options.client
        : new SmsPartnerClient(options.client),
    inject: [SMS_PARTNER_OPTIONS],
  },
  // So that `@Inject(SmsPartnerClient)` works too, resolving to the same instance.
  { provide: SmsPartnerClient, useExisting: SMS_PARTNER_CLIENT },
  SmsPartnerWebhooksService,
];
const exported = [SMS_PARTNER_CLIENT, SMS_PARTNER_OPTIONS, SmsPartnerClient];

/**
 * The SMS Partner module: one shared client, and a webhook route whose events go to provider
 * methods decorated with `@OnDeliveryReport()`, `@OnReply()`, `@OnStop()`, `@OnInboundMessage()`
 * or `@OnHlrResult()`.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     SmsPartnerModule.forRoot({
 *       client: { apiKey: process.env.SMS_PARTNER_API_KEY! },
 *       webhooks: { secret: process.env.SMS_PARTNER_WEBHOOK_SECRET!, path: '/webhooks/sms-partner' },
 *       isGlobal: true,
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class of static factories.
export class SmsPartnerModule {
  /** Configures the module with known options. */
  static forRoot(options: SmsPartnerModuleOptions & { isGlobal?: boolean }): DynamicModule {
    const { isGlobal = false, ...moduleOptions } = options;
    return {
      module: SmsPartnerModule,
      global: isGlobal,
      imports: [DiscoveryModule],
      providers: [{ provide: SMS_PARTNER_OPTIONS, useValue: moduleOptions }, ...sharedProviders],
      exports: exported,
    };
  }

  /** Configures the module with options resolved at bootstrap (from `ConfigService`, a vault...). */
  static forRootAsync(options: SmsPartnerModuleAsyncOptions): DynamicModule {
    return {
      module: SmsPartnerModule,
      global: options.isGlobal ?? false,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [...asyncOptionsProviders(options), ...sharedProviders],
      exports: exported,
    };
  }
}

function asyncOptionsProviders(options: SmsPartnerModuleAsyncOptions): Provider[] {
  if (options.useFactory) {
    return [
      {
        provide: SMS_PARTNER_OPTIONS,
        useFactory: options.useFactory,
        inject: options.inject ?? [],
      },
    ];
  }
  const factory = options.useExisting ?? options.useClass;
  if (!factory) {
    throw new TypeError(
      'SmsPartnerModule.forRootAsync() needs one of useFactory, useClass or useExisting to get its options.',
    );
  }
  const fromFactory: Provider = {
    provide: SMS_PARTNER_OPTIONS,
    useFactory: (instance: SmsPartnerOptionsFactory) => instance.createSmsPartnerOptions(),
    inject: [factory],
  };
  return options.useClass && !options.useExisting ? [options.useClass, fromFactory] : [fromFactory];
}
