/**
 * The NestJS app (on `@nestjs/platform-express`): `SmsPartnerModule` provides the client and
 * mounts the webhook route; events reach the `@OnDeliveryReport()` / `@OnReply()` / `@OnStop()`
 * methods of a provider; `POST /send` is a controller with the injected client.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import {
  Body,
  Controller,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  Post,
  Res,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type {
  DeliveryReportEvent,
  ReplyEvent,
  SmsPartnerClient,
  StopEvent,
} from '@sms-partner/core';
import {
  InjectSmsPartner,
  OnDeliveryReport,
  OnReply,
  OnStop,
  SmsPartnerModule,
} from '@sms-partner/nestjs';
import type { Response } from 'express';
import type { LiveStore } from '../live-store.js';
import type { AppOptions, RunningApp } from './shared.js';
import { sendThroughClient } from './shared.js';

const PLAYGROUND = 'PLAYGROUND_CONTEXT';

interface PlaygroundContext {
  store: LiveStore;
  secret: string;
  /** Known once the app listens. */
  webhookUrl: string;
}

@Injectable()
class SmsEvents {
  constructor(@Inject(PLAYGROUND) private readonly context: PlaygroundContext) {}

  @OnDeliveryReport()
  report(event: DeliveryReportEvent): void {
    this.context.store.deliveryReport('nestjs', event);
  }

  @OnReply()
  reply(event: ReplyEvent): void {
    this.context.store.reply('nestjs', event);
  }

  @OnStop()
  stop(event: StopEvent): void {
    this.context.store.stop('nestjs', event);
  }
}

@Controller()
class SendController {
  constructor(
    @InjectSmsPartner() private readonly sms: SmsPartnerClient,
    @Inject(PLAYGROUND) private readonly context: PlaygroundContext,
  ) {}

  @Post('send')
  async send(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const { webhookUrl, secret } = this.context;
    const answer = await sendThroughClient(this.sms, 'nestjs', body, webhookUrl, secret);
    res.status(answer.status);
    return answer.body;
  }
}

@Module({})
class PlaygroundModule {
  static forRoot(options: AppOptions, context: PlaygroundContext): DynamicModule {
    return {
      module: PlaygroundModule,
      imports: [
        SmsPartnerModule.forRoot({
          client: options.client,
          webhooks: { secret: options.secret, path: options.webhookPath },
        }),
      ],
      controllers: [SendController],
      providers: [SmsEvents, { provide: PLAYGROUND, useValue: context }],
    };
  }
}

export async function startNestApp(options: AppOptions): Promise<RunningApp> {
  const context: PlaygroundContext = {
    store: options.store,
    secret: options.secret,
    webhookUrl: '',
  };
  const app = await NestFactory.create(PlaygroundModule.forRoot(options, context), {
    logger: ['error', 'warn'],
    // Ends keep-alive connections on close, so that stopping the playground never hangs.
    forceCloseConnections: true,
  });
  await app.listen(0, options.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  context.webhookUrl = `${url}${options.webhookPath}`;
  return { name: 'nestjs', url, webhookUrl: context.webhookUrl, close: () => app.close() };
}
