/**
 * Child process for the webhook benchmark: `node server.mjs <framework>` starts one server on
 * 127.0.0.1 with two routes, the adapter's webhook route and a bare JSON route of the same
 * framework, sends `{ port }` to the parent and answers `'counts'` with how many requests reached
 * each handler, `'cpu'` with its CPU time so far (and `'profile-start'` / `'profile-stop'` with a
 * CPU profile, for profile.ts).
 */
import 'reflect-metadata';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Body, Controller, HttpCode, Injectable, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { smsPartnerWebhooks as expressWebhooks } from '@sms-partner/express';
import { smsPartnerWebhooks as honoWebhooks } from '@sms-partner/hono';
import { OnDeliveryReport, SmsPartnerModule } from '@sms-partner/nestjs';
import express from 'express';
import { Hono } from 'hono';
import { BARE_PATH, SECRET, WEBHOOK_PATH } from './shared.js';

const counts = { webhook: 0, bare: 0 };
// `node server.mjs <framework> no-dedupe`: the same server with the adapter's deduplication off,
// to show how much of the webhook route's cost is the deduplication.
const dedupe = process.argv[3] !== 'no-dedupe';
const onDeliveryReport = (report: { messageId: string }) => {
  if (report.messageId) counts.webhook++;
};
const bareSeen = (body: unknown) => {
  if (typeof (body as { msgId?: unknown } | undefined)?.msgId === 'string') counts.bare++;
};

async function expressServer(): Promise<number> {
  const app = express();
  app.use(expressWebhooks({ path: WEBHOOK_PATH, secret: SECRET, dedupe, onDeliveryReport }));
  app.post(BARE_PATH, express.json(), (req, res) => {
    bareSeen(req.body);
    res.status(200).json({ ok: true });
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

async function honoServer(): Promise<number> {
  const app = new Hono();
  app.all(WEBHOOK_PATH, honoWebhooks({ secret: SECRET, dedupe, onDeliveryReport }));
  app.post(BARE_PATH, async (c) => {
    bareSeen(await c.req.json());
    return c.json({ ok: true });
  });
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
}

@Injectable()
class Events {
  @OnDeliveryReport()
  report(report: { messageId: string }): void {
    onDeliveryReport(report);
  }
}

@Controller()
class BareController {
  @Post(BARE_PATH)
  @HttpCode(200)
  bare(@Body() body: unknown): { ok: true } {
    bareSeen(body);
    return { ok: true };
  }
}

@Module({
  imports: [
    SmsPartnerModule.forRoot({
      client: { apiKey: 'bench-key', baseUrl: 'http://127.0.0.1:9/v1/' },
      webhooks: { path: WEBHOOK_PATH, secret: SECRET, dedupe },
    }),
  ],
  controllers: [BareController],
  providers: [Events],
})
class AppModule {}

async function nestServer(platform: 'express' | 'fastify'): Promise<number> {
  const app =
    platform === 'express'
      ? await NestFactory.create(AppModule, { logger: false })
      : await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

const framework = process.argv[2];
const port = await (framework === 'express'
  ? expressServer()
  : framework === 'hono'
    ? honoServer()
    : framework === 'nest-express'
      ? nestServer('express')
      : framework === 'nest-fastify'
        ? nestServer('fastify')
        : Promise.reject(new Error(`unknown framework ${framework}`)));
// The profiler (src/http/profile.ts) samples only while it loads a route, not the start-up.
let profiler: Session | undefined;
process.on('message', async (message) => {
  if (message === 'counts') process.send?.({ ...counts });
  // CPU time this process used so far (user + system, µs): the parent reads it around each
  // round, which gives CPU per request, steadier than throughput on a busy machine.
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  }
  if (message === 'exit') process.exit(0);
  if (message === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
    process.send?.({ profiling: true });
  }
  if (message === 'profile-stop' && profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    process.send?.({ profile });
  }
});
process.send?.({ port });
