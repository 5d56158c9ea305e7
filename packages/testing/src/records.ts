/**
 * What tests inspect: recorded requests, accepted messages and their recipients, callbacks.
 */

/** Final (or lasting) state of one recipient of one message. */
export type DeliveryStatus =
  | 'scheduled'
  | 'waiting'
  | 'delivered'
  | 'not delivered'
  | 'ko'
  | 'cancelled';

/** Operator-level (SMPP) words of spec §5.5. */
export type SmppStatus =
  | 'DELIVRD'
  | 'PENDING'
  | 'UNDELIV'
  | 'ACCEPTD'
  | 'UNKNOWN'
  | 'ENROUTE'
  | 'EXPIRED'
  | 'REJECTD';

/** An HTTP request as the emulator received it. */
export interface RecordedRequest {
  id: number;
  /** Emulator-clock time of arrival. */
  at: Date;
  method: string;
  /** Path without query string, e.g. `/v1/send`. */
  path: string;
  /** Path and query string exactly as sent. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text. */
  rawBody: string;
  /** Decoded parameters (query merged with body), `undefined` when the body could not be decoded. */
  params: Record<string, unknown> | undefined;
  /** Route name such as `send` or `contact/add`; `undefined` for unknown paths. */
  route: string | undefined;
  /** The injected fault, if any. */
  fault?: string;
  /**
   * Closing characters the emulator added to a body cut short by a `Content-Length` counted in
   * characters instead of bytes (the docs' Node sample does this; the rest arrives after the body).
   */
  completedBody?: string;
  /**
   * The answer the emulator produced. Also set when the client had gone before it could be
   * written (see `clientDisconnected`), so that a test can see what the request did.
   */
  response?: { status: number; headers: Record<string, string>; body: string };
  /**
   * `true` when the client closed the connection before the answer (typically a `latency` fault
   * beyond its timeout). The request was still processed if its whole body had arrived.
   */
  clientDisconnected?: true;
  /** Real milliseconds spent. Set once the emulator is done with the request, whatever happened. */
  durationMs?: number;
}

/** One recipient of an accepted message. */
export interface RecipientRecord {
  /** As sent in the request. */
  input: string;
  /** `+33600000000` form. */
  phoneNumber: string;
  /** Message text after wire decoding (`:br:` → newline, `:euro:` → €), STOP mention excluded. */
  text: string;
  /** Text exactly as received. */
  wireText: string;
  segments: number;
  /** Euros charged for this recipient (0 in sandbox). */
  cost: number;
  status: DeliveryStatus;
  smpp: SmppStatus | undefined;
  /** Emulator-clock time of the last status change. */
  statusAt: Date;
  sentAt?: Date;
}

/** A message (one `message_id`) accepted by a send endpoint. */
export interface MessageRecord {
  messageId: number;
  accountId: number;
  endpoint: 'send' | 'bulk-send' | 'vn/send' | 'sondage/to/send' | 'rcs/send';
  createdAt: Date;
  /** When it leaves (or left) the platform. */
  sendAt: Date;
  /** `scheduledDeliveryDate` was given. */
  scheduled: boolean;
  /** Held by the quiet-hours rule. */
  held: boolean;
  sandbox: boolean;
  range: 'premium' | 'eco';
  unicode: boolean;
  stopMention: boolean;
  sender?: string;
  tag?: string;
  from?: string;
  urlDlr?: string;
  urlResponse?: string;
  cancelled: boolean;
  recipients: RecipientRecord[];
  nbSms: number;
  /** Euros. */
  cost: number;
  /** `RecordedRequest.id` of the request that created it. */
  requestId: number;
}

/** One attempt to deliver a callback. */
export interface CallbackAttempt {
  at: Date;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Network error or timeout message. */
  error?: string;
  responseBody?: string;
}

/** A callback (delivery report, reply, STOP, inbound SMS, HLR result) sent by the emulator. */
export interface CallbackRecord {
  id: number;
  kind: 'dlr' | 'reply' | 'stop' | 'inbound' | 'hlr';
  method: 'POST' | 'GET';
  /** Final URL (query string included for GET reports). */
  url: string;
  headers: Record<string, string>;
  /** The body as sent ('' for GET). */
  body: string;
  /** Logical fields, before encoding. */
  payload: Record<string, string | number>;
  messageId?: number | string;
  phoneNumber?: string;
  attempts: CallbackAttempt[];
  state: 'pending' | 'delivered' | 'retrying' | 'failed';
}
