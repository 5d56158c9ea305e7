import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createCallbackUrls, type DeliveryReportEvent, SmsPartnerClient } from '@sms-partner/core';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InjectSmsPartner,
  OnDeliveryReport,
  SMS_PARTNER_CLIENT,
  SMS_PARTNER_OPTIONS,
  SmsPartnerModule,
  type SmsPartnerModuleOptions,
  type SmsPartnerOptionsFactory,
} from '../src/index.js';
import { boot, type Platform } from './harness.js';

const SECRET = 'nest-module-tests-secret-0123456789';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ quietHours: 'off' }] });
});
afterAll(() => emulator?.stop());

// Options as an app's config module would provide them; the path proves they were used.
const CONFIG = 'CONFIG';
const optionsFrom = (config: { path: string }): SmsPartnerModuleOptions => ({
  client: { apiKey: emulator.apiKey, baseUrl: emulator.url, retry: false },
  webhooks: { secret: SECRET, path: config.path },
});
@Module({
  providers: [{ provide: CONFIG, useValue: { path: '/async/webhooks' } }],
  exports: [CONFIG],
})
class ConfigModule {}
@Injectable()
class OptionsFactory implements SmsPartnerOptionsFactory {
  constructor(@Inject(CONFIG) private readonly config: { path: string }) {}
  createSmsPartnerOptions() {
    return optionsFrom(this.config);
  }
}
@Module({ imports: [ConfigModule], providers: [OptionsFactory], exports: [OptionsFactory] })
class FactoryModule {}

/** A provider of another module that injects the client and handles delivery reports. */
@Injectable()
class Receipts {
  readonly seen: DeliveryReportEvent[] = [];
  constructor(@InjectSmsPartner() readonly client: SmsPartnerClient) {}
  @OnDeliveryReport() record(event: DeliveryReportEvent) {
    this.seen.push(event);
  }
}

const variants = {
  'forRootAsync useFactory + imports + inject': SmsPartnerModule.forRootAsync({
    imports: [ConfigModule],
    inject: [CONFIG],
    useFactory: optionsFrom,
  }),
  'forRootAsync useClass': SmsPartnerModule.forRootAsync({
    imports: [ConfigModule],
    useClass: OptionsFactory,
  }),
  'forRootAsync useExisting': SmsPartnerModule.forRootAsync({
    imports: [FactoryModule],
    useExisting: OptionsFactory,
  }),
};

describe.each(['express', 'fastify'] as Platform[])('on %s', (platform) => {
  it.each(Object.entries(variants))(
    '%s: options resolved at bootstrap, client injected, route mounted',
    async (_, dynamic) => {
      const { app, baseUrl, close } = await boot(platform, {
        imports: [dynamic],
        providers: [Receipts],
      });
      try {
        const receipts = app.get(Receipts);
        expect(receipts.client).toBeInstanceOf(SmsPartnerClient);
        expect(app.get(SMS_PARTNER_CLIENT)).toBe(receipts.client);
        expect(app.get(SmsPartnerClient)).toBe(receipts.client);
        // The client carries the factory's key and base URL: the emulator answers with that account.
        expect((await receipts.client.account.credits()).sms).toBe(
          emulator.accounts.get(emulator.apiKey).creditSms,
        );
        const { urlDlr } = createCallbackUrls({
          baseUrl: `${baseUrl}/async/webhooks`,
          secret: SECRET,
        });
        const response = await fetch(urlDlr, {
          method: 'POST',
          body: JSON.stringify({ msgId: '42', status: 'delivered' }),
        });
        expect(response.status).toBe(200);
        expect(receipts.seen.map((event) => [event.messageId, event.status])).toEqual([
          ['42', 'delivered'],
        ]);
      } finally {
        await close();
      }
    },
  );
});

describe('module scope', () => {
  @Module({ providers: [Receipts] })
  class FeatureModule {}

  it('isGlobal makes the client injectable in modules that do not import SmsPartnerModule', async () => {
    const global = SmsPartnerModule.forRootAsync({
      isGlobal: true,
      imports: [ConfigModule],
      inject: [CONFIG],
      useFactory: optionsFrom,
    });
    const app = await NestFactory.createApplicationContext(
      { module: class Root {}, imports: [global, FeatureModule] },
      { logger: false },
    );
    expect(app.get(Receipts).client).toBe(app.get(SMS_PARTNER_CLIENT));
    await app.close();
  });

  it('without isGlobal, such a module cannot resolve the client', async () => {
    const local = SmsPartnerModule.forRoot({ client: { apiKey: 'k' } });
    await expect(
      NestFactory.createApplicationContext(
        { module: class Root {}, imports: [local, FeatureModule] },
        { logger: false, abortOnError: false },
      ),
    ).rejects.toThrow(/SMS_PARTNER_CLIENT/);
  });

  it('forRoot accepts an existing client and shares that very instance', async () => {
    const client = new SmsPartnerClient({ apiKey: 'k' });
    const app = await NestFactory.createApplicationContext(SmsPartnerModule.forRoot({ client }), {
      logger: false,
    });
    expect(app.get(SMS_PARTNER_CLIENT)).toBe(client);
    expect(app.get(SMS_PARTNER_OPTIONS)).toEqual({ client });
    await app.close();
  });

  it('forRootAsync without a source of options says which ones it needs', () => {
    expect(() => SmsPartnerModule.forRootAsync({})).toThrow(/useFactory, useClass or useExisting/);
  });
});
