import { SmsPartnerResponseError } from '../errors.js';
import type { RequestOptions, ResponseFormat } from '../options.js';
import { type ApiRecord, pick, toId, toNumber, toText } from './coerce.js';
import type { ClientContext } from './context.js';
import { toDate } from './dates.js';
import type { CallResult } from './transport.js';

/** Positional names of a send's XML answer, in the order of its JSON keys. */
export const SEND_XML_KEYS = [
  'success',
  'code',
  'message_id',
  'nb_sms',
  'cost',
  'currency',
  'scheduledDeliveryDate',
];

/** The fields every send answer carries, read tolerantly (`nb_sms`, `nbSMS`, `nbSms`, `nb_rcs`). */
export interface SendAnswer {
  messageId: string;
  billedSegments: number;
  /** Deprecated alias of `billedSegments`. */
  segments: number;
  cost: number;
  currency: string;
  /**
   * The answer's `scheduledDeliveryDate` (`YYYY-MM-DD HH:mm:ss`, Paris time; the live answer of a
   * scheduled send has it), or `undefined`.
   */
  scheduledAt: Date | undefined;
}

/**
 * Reads a send's answer. A "success" without `message_id` is treated as a failure: SMS Partner
 * has been seen answering `success: true` to every request during an incident, without sending
 * (spec gaps §4), so the SDK cannot claim the message left.
 */
export function readSendAnswer(
  result: CallResult,
  endpoint: string,
  redact: (text: string) => string,
): SendAnswer {
  const data: ApiRecord = result.data;
  const messageId = toId(pick(data, 'message_id', 'messageId', 'campaign_id'));
  if (messageId === undefined) {
    const body = redact(JSON.stringify(result.raw) ?? '');
    throw new SmsPartnerResponseError(
      `${endpoint} answered success without a message_id, so there is no proof the message was accepted${
        toText(data.message) ? ` (it said: ${toText(data.message)})` : ''
      }. Check the send list or statuses before sending again.`,
      {
        endpoint,
        httpStatus: result.status,
        snippet: body.length > 200 ? `${body.slice(0, 200)}…` : body,
      },
    );
  }
  const billedSegments = toNumber(pick(data, 'nb_sms', 'nbSMS', 'nbSms', 'nb_rcs')) ?? 0;
  return {
    messageId,
    billedSegments,
    segments: billedSegments,
    cost: toNumber(data.cost) ?? 0,
    currency: toText(data.currency) ?? 'EUR',
    scheduledAt: toDate(data.scheduledDeliveryDate),
  };
}

/** Options of {@link postSend}. */
export interface PostSendOptions {
  /** The call's answer format. @default the client's */
  format?: ResponseFormat | undefined;
  /** Positional names of the XML answer. @default SEND_XML_KEYS */
  xmlKeys?: readonly string[];
}

/**
 * POSTs a send to `path` and reads its answer. Sends are `kind: 'write'`, so the transport
 * retries them only when the request provably never reached the server.
 */
export async function postSend(
  context: ClientContext,
  path: string,
  body: Record<string, unknown>,
  requestOptions: RequestOptions | undefined,
  { format = context.format, xmlKeys = SEND_XML_KEYS }: PostSendOptions = {},
): Promise<{ answer: SendAnswer; result: CallResult }> {
  const result = await context.transport.call(
    { method: 'POST', path, family: 'send', kind: 'write', format, xmlKeys, body },
    requestOptions,
  );
  const answer = readSendAnswer(result, `POST ${path}`, (text) => context.transport.redact(text));
  return { answer, result };
}
