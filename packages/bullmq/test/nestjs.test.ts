import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Emulator, startEmulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsOutbox } from '../src/index.js';
import { InjectOutbox, SMS_PARTNER_OUTBOX, SmsPartnerQueueModule } from '../src/nestjs.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
let emulator: Emulator;
beforeAll(async () => {
  redis = await startRedis();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
  await redis?.stop();
});

@Injectable()
class Orders {
  constructor(@InjectOutbox() readonly outbox: SmsOutbox) {}
  shipped(id: number, phone: string) {
    return this.outbox.send({
      to: phone,
      message: `Commande ${id} expédiée.`,
      category: 'transactional',
      key: `shipped-${id}`,
    });
  }
}

describe('SmsPartnerQueueModule', () => {
  it('registers the queue and the worker through @nestjs/bullmq and injects the outbox', async () => {
    @Module({
      imports: [
        SmsPartnerQueueModule.forRoot({
          connection: redis.url,
          queueName: 'nest',
          client: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
          worker: { concurrency: 2, limiter: { max: 100, duration: 1000 } },
        }),
      ],
      providers: [Orders],
    })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    app.enableShutdownHooks();
    const orders = app.get(Orders);
    expect(orders.outbox).toBeInstanceOf(SmsOutbox);
    expect(app.get(SmsOutbox)).toBe(app.get(SMS_PARTNER_OUTBOX));
    await orders.shipped(1, '0611111111');
    await orders.shipped(1, '0611111111');
    await expect.poll(() => emulator.messages().length, { timeout: 30_000 }).toBe(1);
    expect(emulator.messages()[0]?.recipients[0]).toMatchObject({
      phoneNumber: '+33611111111',
      text: 'Commande 1 expédiée.',
    });
    await app.close();
  });

  it('takes its options from a factory with forRootAsync', async () => {
    @Module({
      providers: [{ provide: 'CONFIG', useValue: { redisUrl: redis.url, key: emulator.apiKey } }],
      exports: ['CONFIG'],
    })
    class ConfigModule {}
    @Module({
      imports: [
        SmsPartnerQueueModule.forRootAsync({
          queueName: 'nest-async',
          imports: [ConfigModule],
          inject: ['CONFIG'],
          useFactory: (config: { redisUrl: string; key: string }) => ({
            connection: config.redisUrl,
            client: { apiKey: config.key, baseUrl: emulator.baseUrl },
            worker: { limiter: { max: 100, duration: 1000 } },
          }),
        }),
      ],
      providers: [Orders],
    })
    class AsyncModule {}
    const app = await NestFactory.createApplicationContext(AsyncModule, { logger: false });
    expect(app.get(Orders).outbox.queue.name).toBe('nest-async');
    await app.get(Orders).shipped(3, '0633333333');
    await expect
      .poll(() => emulator.messages({ phoneNumber: '0633333333' }).length, { timeout: 30_000 })
      .toBe(1);
    await app.close();
  });

  it('runs no worker with worker: false (a producer-only instance)', async () => {
    @Module({
      imports: [
        SmsPartnerQueueModule.forRoot({
          connection: redis.url,
          queueName: 'nest-producer',
          client: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
          worker: false,
        }),
      ],
      providers: [Orders],
    })
    class ProducerModule {}
    const app = await NestFactory.createApplicationContext(ProducerModule, { logger: false });
    await app.get(Orders).shipped(2, '0622222222');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await app.get(Orders).outbox.queue.getJobCountByTypes('prioritized', 'waiting')).toBe(1);
    expect(emulator.messages({ phoneNumber: '0622222222' })).toHaveLength(0);
    await app.close();
  });
});
