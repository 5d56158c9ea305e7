import type { InboundMessageEvent } from '@sms-partner/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, type Mounted, mount, WEBHOOK_PATH } from './context.js';
import type { HarnessFactory } from './harness.js';
import {
  callbackRequest,
  DLR_VARIANTS,
  hlrResult,
  inboundParts,
  reply,
  stop,
  uniqueId,
} from './payloads.js';

const isSuccess = (status: number) => status >= 200 && status < 300;

/** Webhook behaviour, run once per host body-parsing set-up. */
export function webhookCases(factory: HarnessFactory, hostParsesBodies: boolean): void {
  let app: Mounted;
  beforeAll(async () => {
    app = await mount(factory, {
      hostParsesBodies,
      client: { apiKey: 'contract-suite-unused-key' },
    });
  });
  afterAll(() => app?.harness.close());

  const post = (url: string, body: string, contentType = 'application/json') =>
    app.send(new Request(url, { method: 'POST', headers: { 'content-type': contentType }, body }));

  describe('delivery reports in every format reach onDeliveryReport, typed', () => {
    for (const variant of DLR_VARIANTS) {
      it(variant.name, async () => {
        const id = uniqueId();
        const response = await app.send(
          callbackRequest(app.urls.urlDlr, variant.transport, variant.build(id)),
        );
        expect(response.status, await response.clone().text()).toSatisfy(isSuccess);
        const [event, ...more] = app.recorder.byId(id);
        expect(more).toEqual([]);
        expect(event).toMatchObject({ type: 'delivery_report', messageId: id, ...variant.expect });
        expect(app.recorder.callbackOf.get(event!)).toBe('onDeliveryReport');
      });
    }
  });

  it('a reply (JSON) reaches onReply, and one sent form-encoded too', async () => {
    for (const transport of ['json', 'form'] as const) {
      const id = uniqueId();
      const response = await app.send(callbackRequest(app.urls.urlResponse, transport, reply(id)));
      expect(response.status).toSatisfy(isSuccess);
      const [event] = app.recorder.byId(id);
      expect(event).toMatchObject({
        type: 'reply',
        text: 'Oui, merci',
        phoneNumber: '+33644444444',
      });
      expect(app.recorder.callbackOf.get(event!)).toBe('onReply');
    }
  });

  it('a STOP reaches onStop and nothing else', async () => {
    const id = uniqueId();
    const response = await app.send(callbackRequest(app.urls.urlResponse, 'json', stop(id)));
    expect(response.status).toSatisfy(isSuccess);
    const events = app.recorder.byId(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'stop',
      phoneNumber: '+33655555555',
      detectedBy: 'type',
    });
    expect(app.recorder.callbackOf.get(events[0]!)).toBe('onStop');
  });

  it('an HLR result reaches onHlrResult', async () => {
    const id = uniqueId();
    const response = await app.send(callbackRequest(app.urls.notifyUrl, 'json', hlrResult(id)));
    expect(response.status).toSatisfy(isSuccess);
    const [event] = app.recorder.byId(id);
    expect(event).toMatchObject({
      type: 'hlr_result',
      phoneNumber: '+33666666666',
      mccMnc: '20815',
    });
    expect(app.recorder.callbackOf.get(event!)).toBe('onHlrResult');
  });

  it('a multipart inbound message sent out of order reaches onInboundMessage once, reassembled', async () => {
    const ids = [uniqueId(), uniqueId(), uniqueId()] as const;
    const parts = inboundParts(ids, uniqueId().slice(-3));
    for (const index of [2, 0, 1]) {
      const response = await app.send(callbackRequest(app.urls.urlResponse, 'json', parts[index]!));
      expect(response.status).toSatisfy(isSuccess);
      // Nothing reaches user code before the last part.
      if (index !== 1) expect(app.recorder.byId(ids[index]!)).toEqual([]);
    }
    const events = app.recorder.byId(ids[0]);
    expect(events).toHaveLength(1);
    const message = events[0] as InboundMessageEvent;
    expect(message.type).toBe('inbound_message');
    expect(message.text).toBe(parts.map((part) => part.text).join(''));
    expect(message.parts?.map((part) => part.messageId)).toEqual([...ids]);
    expect(message.from).toBe('33677777777');
    expect(app.recorder.callbackOf.get(message)).toBe('onInboundMessage');
  });

  it('a missing or wrong token gets 401 or 403 and reaches no handler', async () => {
    const id = uniqueId();
    const good = new URL(app.urls.urlDlr);
    const noToken = new URL(good);
    noToken.searchParams.delete('token');
    const wrongToken = new URL(good);
    wrongToken.searchParams.set('token', `${good.searchParams.get('token')?.slice(0, -1)}x`);
    const dlr = DLR_VARIANTS[0]!.build(id);
    for (const url of [noToken, wrongToken]) {
      for (const transport of ['json', 'query'] as const) {
        const response = await app.send(callbackRequest(url.toString(), transport, dlr));
        expect([401, 403]).toContain(response.status);
      }
    }
    expect(app.recorder.byId(id)).toEqual([]);
  });

  it('malformed or unusable bodies get 400 and reach no handler', async () => {
    const id = uniqueId();
    const before = app.recorder.events.length;
    const cases: [string, string][] = [
      [`{"msgId":"${id}","status":`, 'application/json'], // truncated JSON
      [`["${id}","delivered"]`, 'application/json'], // not an object
      [`status=delivered&phone=%2B33600000000`, 'application/x-www-form-urlencoded'], // no id
      [JSON.stringify({ msgId: id }), 'application/json'], // no status on the DLR URL
    ];
    for (const [body, type] of cases) {
      const response = await post(app.urls.urlDlr, body, type);
      expect(response.status, body).toBe(400);
    }
    expect(app.recorder.events.length).toBe(before);
  });

  it(`a body over maxBodyBytes (${MAX_BODY_BYTES}) gets 413 and reaches no handler`, async () => {
    const id = uniqueId();
    const payload = { ...DLR_VARIANTS[0]!.build(id), tag: 'x'.repeat(MAX_BODY_BYTES) };
    for (const transport of ['json', 'form'] as const) {
      const response = await app.send(callbackRequest(app.urls.urlDlr, transport, payload));
      expect(response.status).toBe(413);
    }
    expect(app.recorder.byId(id)).toEqual([]);
  });

  it('a method other than GET or POST gets 405', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await app.send(
        new Request(app.urls.urlDlr, {
          method,
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      );
      expect(response.status, method).toBe(405);
    }
  });

  it('a throwing handler gives 500, reaches onError, and the retry is handled', async () => {
    const id = uniqueId();
    const failure = new Error('database down');
    app.recorder.failNext(id, failure);
    const errorsBefore = app.recorder.errors.length;
    const request = () => callbackRequest(app.urls.urlDlr, 'json', DLR_VARIANTS[0]!.build(id));
    const first = await app.send(request());
    expect(first.status).toBe(500);
    expect(app.recorder.errors.slice(errorsBefore)).toContain(failure);
    expect(app.recorder.byId(id)).toEqual([]);
    // SMS Partner retries a failed callback: it must not be taken for a duplicate.
    const retry = await app.send(request());
    expect(retry.status).toSatisfy(isSuccess);
    expect(app.recorder.byId(id)).toHaveLength(1);
  });

  it('a duplicate delivery report is acknowledged but handled once', async () => {
    const id = uniqueId();
    for (const transport of ['json', 'json', 'form'] as const) {
      const response = await app.send(
        callbackRequest(app.urls.urlDlr, transport, DLR_VARIANTS[0]!.build(id)),
      );
      expect(response.status).toSatisfy(isSuccess);
    }
    expect(app.recorder.byId(id)).toHaveLength(1);
  });

  it('only the configured path answers', async () => {
    const response = await app.send(
      callbackRequest(
        app.url(`${WEBHOOK_PATH}-other?token=x`),
        'json',
        DLR_VARIANTS[0]!.build(uniqueId()),
      ),
    );
    expect(response.status).toBe(404);
  });
}
