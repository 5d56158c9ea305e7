/**
 * Delivery-report formats. The DLR payload is undocumented (spec §4.1); the default is the best
 * evidence (gaps §1: a POSTed flat JSON object `{status, msgId, date, phone, cost, currency, tag}`
 * with lowercase statuses and epoch-seconds `date`). Every plausible variant can be selected so
 * that parsers can be tested against all of them.
 */
import type { DeliveryStatus, SmppStatus } from '../types.js';

/** How a delivery report is encoded. */
export interface DlrFormat {
  /** `'json'` POST JSON, `'form'` POST urlencoded, `'query'` GET with a query string. */
  transport: 'json' | 'form' | 'query';
  /** Name of the message-id field. */
  idField: 'msgId' | 'messageId' | 'message_id';
  /** Name of the phone-number field. */
  phoneField: 'phone' | 'phoneNumber' | 'phone_number' | 'number' | 'msisdn';
  /** Name of the status field. */
  statusField: 'status' | 'statut';
  /** `delivered` / `Delivered` / `DELIVRD`. */
  statusStyle: 'lowercase' | 'capitalized' | 'smpp';
  /** Epoch seconds as a number or a string, or Paris `YYYY-MM-DD HH:mm:ss`. */
  dateStyle: 'epoch' | 'epoch-string' | 'paris';
  /** `msgId` as a numeric string (best evidence) or a number. */
  idType: 'string' | 'number';
  /** `cost` as `"0.038"` (best evidence) or `0.038`. */
  costType: 'string' | 'number';
  /** Phone as `+33...` or without `+`. */
  phoneStyle: 'international' | 'digits';
  /** Fields to leave out (e.g. `['cost', 'currency', 'tag']`). */
  omit: ('date' | 'cost' | 'currency' | 'tag')[];
}

/**
 * Named delivery-report formats for `dlrFormat` (`--dlr-format` on the command line): `default`
 * is the best evidence, each other one changes one or two aspects of it.
 */
export const DLR_PRESETS = {
  /** Best evidence: POST JSON `{status, msgId, date, phone, cost, currency, tag}`. */
  default: {
    transport: 'json',
    idField: 'msgId',
    phoneField: 'phone',
    statusField: 'status',
    statusStyle: 'lowercase',
    dateStyle: 'epoch',
    idType: 'string',
    costType: 'string',
    phoneStyle: 'international',
    omit: [],
  },
  /** The same fields, form-encoded. */
  form: { transport: 'form' },
  /** The same fields as a GET query string. */
  query: { transport: 'query' },
  /** The polling API's vocabulary: `messageId`, `phoneNumber`, `statut`, `Delivered`. */
  polling: {
    idField: 'messageId',
    phoneField: 'phoneNumber',
    statusField: 'statut',
    statusStyle: 'capitalized',
    dateStyle: 'paris',
    idType: 'number',
    costType: 'number',
  },
  /** Snake case, as a third-party provider reads them. */
  snake: { idField: 'message_id', phoneField: 'phone_number' },
  /** Operator words (`DELIVRD`, `UNDELIV`...) with `msisdn` and no `+`, form-encoded. */
  smpp: {
    transport: 'form',
    phoneField: 'msisdn',
    phoneStyle: 'digits',
    statusStyle: 'smpp',
    dateStyle: 'epoch-string',
  },
  /** The minimum two sources agree on: `msgId` and `status` only. */
  minimal: { omit: ['date', 'cost', 'currency', 'tag'] },
} as const satisfies Record<string, Partial<DlrFormat>>;

/** Names of {@link DLR_PRESETS}. */
export type DlrPresetName = keyof typeof DLR_PRESETS;

export function resolveDlrFormat(format: DlrPresetName | Partial<DlrFormat>): DlrFormat {
  const base = DLR_PRESETS.default as DlrFormat;
  if (typeof format === 'string') {
    const preset = DLR_PRESETS[format] as Partial<DlrFormat> | undefined;
    if (!preset) {
      throw new TypeError(
        `Unknown DLR format preset "${format}"; use one of ${Object.keys(DLR_PRESETS).join(', ')} or an object of DlrFormat fields.`,
      );
    }
    return { ...base, ...preset };
  }
  return { ...base, ...format };
}

const CAPITALIZED: Record<string, string> = {
  delivered: 'Delivered',
  'not delivered': 'Not delivered',
  waiting: 'Waiting',
  ko: 'Ko',
};

/** The SMPP word that goes with a status when no rule names one. */
export function defaultSmpp(status: DeliveryStatus): SmppStatus {
  switch (status) {
    case 'delivered':
      return 'DELIVRD';
    case 'not delivered':
      return 'UNDELIV';
    case 'ko':
      return 'REJECTD';
    default:
      return 'ENROUTE';
  }
}

/** Status word of the polling API (`statut`/`status` fields): `Delivered`, `Not delivered`, `Waiting`. */
export function pollingStatus(status: DeliveryStatus): string {
  if (status === 'scheduled') return 'Waiting';
  if (status === 'cancelled') return 'Cancelled';
  return CAPITALIZED[status] ?? status;
}

export interface DlrFacts {
  messageId: number;
  phoneNumber: string;
  status: DeliveryStatus;
  smpp: SmppStatus;
  at: Date;
  parisDateTime: string;
  cost: string;
  currency: string;
  tag: string | undefined;
}

/** Builds the logical payload of a delivery report in `format`. */
export function buildDlrPayload(
  facts: DlrFacts,
  format: DlrFormat,
): Record<string, string | number> {
  const statusValue =
    format.statusStyle === 'smpp'
      ? facts.smpp
      : format.statusStyle === 'capitalized'
        ? pollingStatus(facts.status)
        : facts.status;
  const payload: Record<string, string | number> = {};
  payload[format.statusField] = statusValue;
  payload[format.idField] = format.idType === 'number' ? facts.messageId : String(facts.messageId);
  const epoch = Math.floor(facts.at.getTime() / 1000);
  if (!format.omit.includes('date')) {
    payload.date =
      format.dateStyle === 'epoch'
        ? epoch
        : format.dateStyle === 'epoch-string'
          ? String(epoch)
          : facts.parisDateTime;
  }
  payload[format.phoneField] =
    format.phoneStyle === 'digits' ? facts.phoneNumber.replace(/^\+/, '') : facts.phoneNumber;
  if (!format.omit.includes('cost')) {
    payload.cost = format.costType === 'number' ? Number(facts.cost) : facts.cost;
  }
  if (!format.omit.includes('currency')) payload.currency = facts.currency;
  if (!format.omit.includes('tag') && facts.tag !== undefined) payload.tag = facts.tag;
  return payload;
}

/** An encoded HTTP request for a callback. */
export interface EncodedCallback {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Encodes a payload; the target URL's own query string (often a shared secret) is kept. */
export function encodeCallback(
  target: string,
  payload: Record<string, string | number>,
  transport: 'json' | 'form' | 'query',
): EncodedCallback {
  if (transport === 'query') {
    const url = new URL(target);
    for (const [key, value] of Object.entries(payload)) url.searchParams.append(key, String(value));
    return { method: 'GET', url: url.toString(), headers: {}, body: '' };
  }
  if (transport === 'form') {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(payload)) form.append(key, String(value));
    return {
      method: 'POST',
      url: target,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    };
  }
  return {
    method: 'POST',
    url: target,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  };
}
