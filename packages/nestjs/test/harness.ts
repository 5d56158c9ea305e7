import 'reflect-metadata';
import type { Server } from 'node:http';
import {
  Controller,
  Get,
  type INestApplication,
  Injectable,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { HarnessOptions } from '@sms-partner/adapter-contract';
import type { SmsPartnerClient, SmsPartnerWebhookEvent } from '@sms-partner/core';
import {
  InjectSmsPartner,
  OnDeliveryReport,
  OnHlrResult,
  OnInboundMessage,
  OnReply,
  OnStop,
  SmsPartnerModule,
} from '../src/index.js';

export type Platform = 'express' | 'fastify';

/** A provider whose decorated methods forward to the suite's handlers. */
export function handlersProvider(handlers: HarnessOptions['handlers']) {
  @Injectable()
  class SmsPartnerEvents {
    @OnDeliveryReport() delivery(event: SmsPartnerWebhookEvent) {
      return handlers.onDeliveryReport(event);
    }
    @OnReply() reply(event: SmsPartnerWebhookEvent) {
      return handlers.onReply(event);
    }
    @OnStop() stop(event: SmsPartnerWebhookEvent) {
      return handlers.onStop(event);
    }
    @OnInboundMessage() inbound(event: SmsPartnerWebhookEvent) {
      return handlers.onInboundMessage(event);
    }
    @OnHlrResult() hlr(event: SmsPartnerWebhookEvent) {
      return handlers.onHlrResult(event);
    }
  }
  return SmsPartnerEvents;
}

/** The app's own controller, using the injected client. */
export function appController(route: HarnessOptions['appRoute']) {
  @Controller()
  class AppController {
    constructor(@InjectSmsPartner() readonly client: SmsPartnerClient) {}
    @Get(route.path) get() {
      return route.handle(this.client);
    }
  }
  return AppController;
}

/** Boots `metadata` as the root module on `platform`, listening on 127.0.0.1:0. */
export async function boot(
  platform: Platform,
  metadata: ModuleMetadata,
  hostParsesBodies = true,
  rawBody = false,
) {
  @Module(metadata)
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app: INestApplication = moduleRef.createNestApplication(
    platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(),
    { bodyParser: hostParsesBodies, rawBody, logger: false },
  );
  await app.listen(0, '127.0.0.1');
  return {
    app,
    baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    server: app.getHttpServer() as Server,
    close: () => app.close(),
  };
}

/** The contract harness: `SmsPartnerModule.forRoot` the way the README shows. */
export function nestHarness(platform: Platform) {
  return async (options: HarnessOptions) =>
    boot(
      platform,
      {
        imports: [
          SmsPartnerModule.forRoot({
            client: options.client,
            webhooks: { path: options.webhookPath, ...options.webhook },
          }),
        ],
        controllers: [appController(options.appRoute)],
        providers: [handlersProvider(options.handlers)],
      },
      options.hostParsesBodies,
    );
}
