/**
 * Callback payloads in the shapes of /work/shared/spec/smspartner-api.md §4 and
 * smspartner-gaps.md §1 (field names and value shapes from the vendor's docs and the best evidence
 * collected there; the values are illustrative). Each builder takes a unique id so that tests
 * sharing one mounted adapter can tell their events apart.
 */

let counter = 0;
/** A numeric-string id unique within this process (SMS Partner ids are numeric). */
export function uniqueId(): string {
  counter += 1;
  return `${Date.now() % 1_000_000_000}${String(counter).padStart(4, '0')}`;
}

/** How a delivery report travels: the body or query encoding. */
export type Transport = 'json' | 'form' | 'query';

/** One delivery-report variant: a transport and the field names used. */
export interface DlrVariant {
  name: string;
  transport: Transport;
  build(id: string): Record<string, string | number>;
  /** What the parsed event must say. */
  expect: { status: string; phoneNumber: string };
}

/** The best-evidence payload (gaps §1.1), then the field-name variants of api §4.1. */
export const DLR_VARIANTS: readonly DlrVariant[] = [
  ...(['json', 'form', 'query'] as const).map<DlrVariant>((transport) => ({
    name: `best evidence (msgId, status, phone) as ${transport}`,
    transport,
    build: (id) => ({
      status: 'delivered',
      msgId: id,
      date: 1764768485,
      phone: '+33600000000',
      cost: '0.049',
      currency: 'EUR',
      tag: 'contract',
    }),
    expect: { status: 'delivered', phoneNumber: '+33600000000' },
  })),
  {
    name: 'polling vocabulary (messageId, statut, phoneNumber) as json',
    transport: 'json',
    build: (id) => ({
      statut: 'Not delivered',
      messageId: Number(id),
      phoneNumber: '+33611111111',
    }),
    expect: { status: 'not_delivered', phoneNumber: '+33611111111' },
  },
  {
    name: 'snake case (message_id, phone_number) as form',
    transport: 'form',
    build: (id) => ({ status: 'waiting', message_id: id, phone_number: '+33622222222' }),
    expect: { status: 'waiting', phoneNumber: '+33622222222' },
  },
  {
    name: 'operator words (DELIVRD, msisdn without +) as query',
    transport: 'query',
    build: (id) => ({ status: 'DELIVRD', msgId: id, msisdn: '33633333333' }),
    expect: { status: 'delivered', phoneNumber: '33633333333' },
  },
];

/** A short-number reply (api §4.2). */
export const reply = (id: string) => ({
  type: 'response',
  phone_number: '+33644444444',
  text: 'Oui, merci',
  message_id: id,
});

/** A short-number STOP (api §4.2). */
export const stop = (id: string) => ({
  type: 'stop',
  phone_number: '+33655555555',
  text: 'Stop',
  message_id: id,
});

/** An HLR result (api §4.3). */
export const hlrResult = (id: string) => ({
  phone: '+33666666666',
  messageId: id,
  mccMnc: '20815',
  ported: 1,
  errorGrpId: 0,
  errorName: 'NO_ERROR ',
  errorDesc: 'No Error',
  date: '2018-03-05T10:34:52.355+0000',
});

/** The parts of a long-number inbound message split in three (api §4.2), in order. */
export function inboundParts(ids: readonly [string, string, string], ref: string) {
  const texts = ['Bonjour, voici un message ', 'assez long pour être envoyé ', 'en trois parties.'];
  return ids.map((id, index) => ({
    msisdn: '33677777777',
    to: '33700000000',
    messageId: id,
    text: texts[index] ?? '',
    type: 'text',
    keyword: 'BONJOUR',
    'message-timestamp': '2024-03-10 09:51:46',
    concat: 'true',
    'concat-ref': ref,
    'concat-total': '3',
    'concat-part': String(index + 1),
  }));
}

/** Builds the request for `payload` sent by `transport` to `url` (which carries the token). */
export function callbackRequest(
  url: string,
  transport: Transport,
  payload: Record<string, unknown>,
): Request {
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(payload)) fields.append(name, String(value));
  if (transport === 'query') {
    const target = new URL(url);
    for (const [name, value] of fields) target.searchParams.append(name, value);
    return new Request(target, { method: 'GET' });
  }
  return transport === 'json'
    ? new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })
    : new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: fields.toString(),
      });
}
