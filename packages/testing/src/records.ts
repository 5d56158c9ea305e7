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
  /** Sequence number, from 1, in order of arrival. */
  id: number;
  /** Emulator-clock time of arrival. */
  at: Date;
  /** HTTP method. */
  method: string;
  /** Path without query string, e.g. `/v1/send`. */
  path: string;
  /** Path and query string exactly as sent. */
  url: string;
  /** Query-string parameters (an `apiKey` in them is there as sent). */
  query: Record<string, string>;
  /** Request headers, lower-case names. */
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
  /** SMS parts billed for this recipient. */
  segments: number;
  /** Euros charged for this recipient (0 in sandbox). */
  cost: number;
  /** Current status. */
  status: DeliveryStatus;
  /** Operator-level status word, once final. */
  smpp: SmppStatus | undefined;
  /** Emulator-clock time of the last status change. */
  statusAt: Date;
  /** Emulator-clock time it left the platform, once it has. */
  sentAt?: Date;
}

/** A message (one `message_id`) accepted by a send endpoint. */
export interface MessageRecord {
  /** The `message_id` the API answered. */
  messageId: number;
  /** The sending account (`AccountView.id`). */
  accountId: number;
  /** The endpoint that accepted it. */
  endpoint: 'send' | 'bulk-send' | 'vn/send' | 'sondage/to/send' | 'rcs/send';
  /** Emulator-clock time it was accepted. */
  createdAt: Date;
  /** When it leaves (or left) the platform. */
  sendAt: Date;
  /** `scheduledDeliveryDate` was given. */
  scheduled: boolean;
  /** Held by the quiet-hours rule. */
  held: boolean;
  /** `sandbox=1`: nothing delivered, nothing charged. */
  sandbox: boolean;
  /** The range (`gamme`). */
  range: 'premium' | 'eco';
  /** `isUnicode` was on. */
  unicode: boolean;
  /** The STOP mention was added (`isStopSms`, or a marketing account). */
  stopMention: boolean;
  /** The `sender` given. */
  sender?: string;
  /** The `tag` given. */
  tag?: string;
  /** The long number it was sent from (`vn/send`). */
  from?: string;
  /** Where its delivery reports go. */
  urlDlr?: string;
  /** Where replies to it go. */
  urlResponse?: string;
  /** Cancelled with `message-cancel` before it left. */
  cancelled: boolean;
  /** One record per recipient. */
  recipients: RecipientRecord[];
  /** SMS billed for the whole message (`nb_sms`). */
  nbSms: number;
  /** Euros. */
  cost: number;
  /** `RecordedRequest.id` of the request that created it. */
  requestId: number;
}

/** One attempt to deliver a callback. */
export interface CallbackAttempt {
  /** Emulator-clock time of the attempt. */
  at: Date;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Network error or timeout message. */
  error?: string;
  /** Body of the response, when one arrived. */
  responseBody?: string;
}

/** A callback (delivery report, reply, STOP, inbound SMS, HLR result) sent by the emulator. */
export interface CallbackRecord {
  /** Sequence number, from 1. */
  id: number;
  /** What it carries. */
  kind: 'dlr' | 'reply' | 'stop' | 'inbound' | 'hlr';
  /** HTTP method used. */
  method: 'POST' | 'GET';
  /** Final URL (query string included for GET reports). */
  url: string;
  /** Headers sent. */
  headers: Record<string, string>;
  /** The body as sent ('' for GET). */
  body: string;
  /** Logical fields, before encoding. */
  payload: Record<string, string | number>;
  /** The message it is about, when there is one. */
  messageId?: number | string;
  /** The recipient or sender it is about. */
  phoneNumber?: string;
  /** Every delivery attempt, oldest first. */
  attempts: CallbackAttempt[];
  /** Where delivery stands. */
  state: 'pending' | 'delivered' | 'retrying' | 'failed';
}
