import { SmsPartnerClient } from '@sms-partner/core';
import type { Emulator } from '@sms-partner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mounted, mount } from './context.js';
import type { HarnessFactory } from './harness.js';

/** The delivery-report presets the emulator can emit (see `@sms-partner/testing`). */
const DLR_PRESETS = ['default', 'form', 'query', 'polling', 'snake', 'smpp', 'minimal'] as const;

/**
 * End to end: the app sends through the client with callback URLs from `createCallbackUrls`, and
 * the emulator's callbacks arrive at the adapter's route over HTTP.
 */
export function emulatorCases(factory: HarnessFactory, emulator: () => Emulator): void {
  let app: Mounted;
  let client: SmsPartnerClient;
  beforeAll(async () => {
    const options = { apiKey: emulator().apiKey, baseUrl: emulator().url, retry: false } as const;
    app = await mount(factory, { hostParsesBodies: false, client: options });
    client = new SmsPartnerClient(options);
  });
  afterAll(() => app?.harness.close());

  const accepted = (kind: 'dlr' | 'reply' | 'stop' | 'inbound') =>
    emulator()
      .callbacks({ kind })
      .filter((callback) => callback.url.startsWith(app.harness.baseUrl))
      .every((callback) => callback.attempts.some((attempt) => attempt.status === 200));

  describe('a delivery report of every emulator format reaches onDeliveryReport', () => {
    for (const preset of DLR_PRESETS) {
      it(preset, async () => {
        emulator().configure({ dlrFormat: preset, dlrDelayMs: 0 });
        const sent = await client.sms.send({
          to: '0611223344',
          message: `Contract ${preset}`,
          urlDlr: app.urls.urlDlr,
        });
        const event = await app.recorder.waitFor(sent.messageId, 'delivery_report');
        expect(event).toMatchObject({
          type: 'delivery_report',
          messageId: sent.messageId,
          status: 'delivered',
        });
        await emulator().settle();
        expect(accepted('dlr')).toBe(true);
      });
    }
  });

  it('a reply and a STOP to a sent message reach onReply and onStop', async () => {
    const sent = await client.sms.send({
      to: '0622334455',
      message: 'Réponse ?',
      urlResponse: app.urls.urlResponse,
    });
    await emulator().simulateReply({
      phoneNumber: '0622334455',
      text: 'Oui',
      messageId: Number(sent.messageId),
    });
    await emulator().simulateStop({ phoneNumber: '0622334455', messageId: Number(sent.messageId) });
    await emulator().settle();
    const events = app.recorder.byId(sent.messageId);
    expect(events.map((event) => event.type).sort()).toEqual(['reply', 'stop']);
    expect(events.find((event) => event.type === 'reply')).toMatchObject({ text: 'Oui' });
    expect(accepted('reply') && accepted('stop')).toBe(true);
  });

  it('a multipart long-number message reaches onInboundMessage once, whole', async () => {
    const parts = ['Première partie, ', 'deuxième partie, ', 'et la fin.'];
    const callbacks = await emulator().simulateInbound({
      from: '0633445566',
      text: parts.join(''),
      parts,
      url: app.urls.urlResponse,
    });
    await emulator().settle();
    expect(callbacks).toHaveLength(3);
    const ids = callbacks.map((callback) => String(callback.payload.messageId));
    const events = app.recorder.events.filter(
      (event) =>
        event.type === 'inbound_message' &&
        event.parts?.some((part) => ids.includes(part.messageId)),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'inbound_message',
      text: parts.join(''),
      from: '33633445566',
    });
    expect(accepted('inbound')).toBe(true);
  });
}
