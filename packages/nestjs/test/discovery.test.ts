import 'reflect-metadata';
import { Injectable, Scope } from '@nestjs/common';
import {
  DiscoveryService,
  HttpAdapterHost,
  MetadataScanner,
  NestFactory,
  Reflector,
} from '@nestjs/core';
import {
  createCallbackUrls,
  type DeliveryReportEvent,
  SmsPartnerClient,
  type StopEvent,
} from '@sms-partner/core';
import { describe, expect, it } from 'vitest';
import {
  OnDeliveryReport,
  OnStop,
  SMS_PARTNER_CLIENT,
  SmsPartnerModule,
  SmsPartnerWebhooksService,
} from '../src/index.js';
import { appController, boot } from './harness.js';

const SECRET = 'nest-discovery-tests-secret-0123456789';
const module = (path = '/sms') =>
  SmsPartnerModule.forRoot({
    client: { apiKey: 'unused-key' },
    webhooks: { secret: SECRET, path },
  });
const post = (baseUrl: string, body: object, path = '/sms') =>
  fetch(createCallbackUrls({ baseUrl: `${baseUrl}${path}`, secret: SECRET }).urlDlr, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const calls: string[] = [];
@Injectable()
class First {
  @OnDeliveryReport() a(event: DeliveryReportEvent) {
    calls.push(`first:${event.messageId}`);
  }
  @OnStop() b(event: StopEvent) {
    calls.push(`stop:${event.phoneNumber}`);
  }
  notAHandler() {
    calls.push('never');
  }
}
@Injectable()
class Second {
  @OnDeliveryReport() c(event: DeliveryReportEvent) {
    calls.push(`second:${event.messageId}`);
  }
}
@Injectable({ scope: Scope.REQUEST })
class PerRequest {
  @OnDeliveryReport() d() {
    calls.push('request-scoped');
  }
}

describe('handler discovery', () => {
  it('calls every decorated method of every provider for its event, and nothing else', async () => {
    calls.length = 0;
    const { baseUrl, close } = await boot('express', {
      imports: [module()],
      providers: [First, Second, PerRequest],
    });
    try {
      expect((await post(baseUrl, { msgId: '7', status: 'delivered' })).status).toBe(200);
      expect([...calls].sort()).toEqual(['first:7', 'second:7']);
    } finally {
      await close();
    }
  });
});

describe('bodies already read by Nest on Express', () => {
  // Padding that JSON parsing drops: only the original bytes are over the limit.
  const padded = `{"msgId":"8",${' '.repeat(300)}"status":"delivered"}`;
  const limited = SmsPartnerModule.forRoot({
    client: { apiKey: 'unused-key' },
    webhooks: { secret: SECRET, path: '/sms', maxBodyBytes: 200 },
  });

  it.each([
    [true, 413],
    [false, 200],
  ])('rawBody: %s, core sees the original bytes only then (status %i)', async (rawBody, status) => {
    const { baseUrl, close } = await boot(
      'express',
      { imports: [limited], providers: [First] },
      true,
      rawBody,
    );
    try {
      const { urlDlr } = createCallbackUrls({ baseUrl: `${baseUrl}/sms`, secret: SECRET });
      const response = await fetch(urlDlr, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: padded,
      });
      expect(response.status).toBe(status);
    } finally {
      await close();
    }
  });
});

describe('injection without emitDecoratorMetadata', () => {
  // Nest falls back to `design:paramtypes` (which esbuild and Oxc do not emit here) for parameters
  // without @Inject; it would then inject undefined. Every parameter must name its token.
  it.each([
    ['SmsPartnerWebhooksService', SmsPartnerWebhooksService],
    [
      'a controller using @InjectSmsPartner()',
      appController({ path: '/x', handle: async () => null }),
    ],
  ])('%s declares a token for every constructor parameter', (_, type) => {
    const declared: { index: number }[] = Reflect.getMetadata('self:paramtypes', type) ?? [];
    expect(type.length).toBeGreaterThan(0);
    expect(declared.map((dependency) => dependency.index).sort()).toEqual([
      ...Array(type.length).keys(),
    ]);
    expect(Reflect.getMetadata('design:paramtypes', type)).toBeUndefined();
  });

  it('the service is built with its real dependencies', async () => {
    const app = await NestFactory.createApplicationContext(module(), { logger: false });
    const service = app.get(SmsPartnerWebhooksService) as unknown as Record<string, unknown>;
    expect(service.discovery).toBeInstanceOf(DiscoveryService);
    expect(service.scanner).toBeInstanceOf(MetadataScanner);
    expect(service.reflector).toBeInstanceOf(Reflector);
    expect(service.adapterHost).toBeInstanceOf(HttpAdapterHost);
    expect(service.options).toMatchObject({ webhooks: { path: '/sms' } });
    await app.close();
  });
});

describe('route and lifecycle', () => {
  it('without the webhooks option no route is mounted and the client still works', async () => {
    const { app, baseUrl, close } = await boot('fastify', {
      imports: [SmsPartnerModule.forRoot({ client: { apiKey: 'unused-key' } })],
    });
    try {
      expect(app.get(SMS_PARTNER_CLIENT)).toBeInstanceOf(SmsPartnerClient);
      expect(
        (await post(baseUrl, { msgId: '1', status: 'delivered' }, '/sms-partner/webhooks')).status,
      ).toBe(404);
    } finally {
      await close();
    }
  });

  it('in an application context (no HTTP server) handlers are still reachable through handle()', async () => {
    calls.length = 0;
    const app = await NestFactory.createApplicationContext(
      { module: class Root {}, imports: [module()], providers: [First] },
      { logger: false },
    );
    const url = createCallbackUrls({ baseUrl: 'http://localhost/sms', secret: SECRET }).urlDlr;
    const response = await app
      .get(SmsPartnerWebhooksService)
      .handle(new Request(url, { method: 'POST', body: '{"msgId":"9","status":"delivered"}' }));
    expect(response.status).toBe(200);
    expect(calls).toEqual(['first:9']);
    await app.close();
  });

  it('shuts down cleanly: the port is released and late requests get 503', async () => {
    const { app, baseUrl, close } = await boot('fastify', {
      imports: [module()],
      providers: [First],
    });
    const service = app.get(SmsPartnerWebhooksService);
    await close();
    await expect(post(baseUrl, { msgId: '1', status: 'delivered' })).rejects.toThrow();
    const late = await service.handle(
      new Request('http://localhost/sms', { method: 'POST', body: '{}' }),
    );
    expect(late.status).toBe(503);
  });
});
