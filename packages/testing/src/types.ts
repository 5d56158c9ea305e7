/**
 * Public types of the emulator: options, behaviour and account seeds (records are in records.ts).
 */
import type { QuietHoursPolicy } from '@sms-partner/core';
import type { DlrFormat, DlrPresetName } from './callbacks/formats.js';
import type { SmppStatus } from './records.js';

export type {
  CallbackAttempt,
  CallbackRecord,
  DeliveryStatus,
  MessageRecord,
  RecipientRecord,
  RecordedRequest,
  SmppStatus,
} from './records.js';

/** What an account does with a marketing send that falls in quiet hours (spec §6). */
export type QuietHoursMode = 'hold' | 'refuse' | 'off';

/** `active`, or one of the states behind API codes 20, 30 and 40. */
export type AccountStatus = 'active' | 'deactivated' | 'blocked' | 'api-refused';

/** A rented long (virtual) number, with its call-forwarding state (`/v1/vn/callforward`). */
export interface VirtualNumberSeed {
  /** International format without `+`, e.g. `33700000000`. */
  number: string;
  /** Call forwarding is available on this number (else code 14). @default true */
  callForwardEnabled?: boolean;
  /** The number is disabled (code 15). @default false */
  disabled?: boolean;
}

/** An account to create in the emulator. Every field is optional. */
export interface AccountSeed {
  /** The account's API key. @default a random 40-character hex key */
  apiKey?: string;
  /** Login e-mail shown by `/v1/me` as `user.username`. @default `demo+<id>@example.com` */
  username?: string;
  /**
   * Shown by `/v1/me` as `user.firstname` when set. The live answer captured in the Go SDK has
   * only `username`; the docs' example adds `firstname` and `lastname`.
   * @default none
   */
  firstname?: string;
  /** Shown by `/v1/me` as `user.lastname` when set. @default none */
  lastname?: string;
  /** Money balance in euros; SMS/ECO/HLR credit counts derive from it. @default 100 */
  balance?: number;
  /**
   * Marketing quiet hours: `'hold'` queues the SMS until the next allowed time (what the docs say
   * the platform does), `'refuse'` answers code 22/23, `'off'` is a transactional account.
   * @default 'hold'
   */
  quietHours?: QuietHoursMode;
  /**
   * Quiet-hours policy from `@sms-partner/core` (`smsPartnerPolicy`, `af2m2026Policy`,
   * `customQuietHoursPolicy(...)`).
   * @default core's `smsPartnerPolicy` (Monday to Saturday 08:00–20:00, closed on Sundays and public holidays)
   */
  quietHoursPolicy?: QuietHoursPolicy;
  /** Marketing account: the STOP mention is added to every premium SMS. @default false */
  marketing?: boolean;
  /** `isUnicode=1` is enabled for this account (else a validation error, code 9). @default true */
  unicode?: boolean;
  /** The low-cost/ECO range (`gamme: 2`) is allowed (else code 51). @default true */
  lowCost?: boolean;
  /** RCS is enabled for this account (else a validation error, code 9). @default true */
  rcs?: boolean;
  /** @default 'active' */
  status?: AccountStatus;
  /** When set, requests from other IPs get code 96. @default undefined (any IP) */
  allowedIps?: string[];
  /** May create sub-accounts (else code 2 on create). @default true */
  subaccounts?: boolean;
  /** The dashboard's reply URL, used when a send has no `urlResponse`. */
  replyUrl?: string;
  /** Rented long numbers. @default [{ number: '33700000000' }] */
  virtualNumbers?: (string | VirtualNumberSeed)[];
  /** Known survey identifiers (`sondageIdent`); when absent any identifier is accepted. */
  surveys?: string[];
}

/** A public snapshot of an account. */
export interface AccountView {
  /** The account's id (`MessageRecord.accountId`). */
  id: number;
  /** Readable so tests can use it, but not enumerable: `JSON.stringify` and `console.log` leave it out. */
  apiKey: string;
  /** Login e-mail, as `/v1/me` shows it. */
  username: string;
  /** Euros, three decimals. */
  balance: number;
  /** Premium SMS credits (`floor(balance / premium price)`), as `/v1/me` shows them. */
  creditSms: number;
  /** Low Cost SMS credits, as `/v1/me` shows them. */
  creditSmsECO: number;
  /** HLR credits, as `/v1/me` shows them. */
  creditHlr: number;
  /** Recipients waiting for a scheduled or held send. */
  toSend: number;
  /** Whether the account may send. */
  status: AccountStatus;
  /** What the account does with commercial SMS in quiet hours. */
  quietHours: QuietHoursMode;
  /** Marketing account: the STOP mention is added to every premium SMS. */
  marketing: boolean;
  /** Set on sub-accounts. */
  parentId?: number;
  /** Sub-account token (identifier for credit and deletion calls). */
  token?: string;
  /** Its long numbers. */
  virtualNumbers: string[];
  /** Numbers on its stop list, `+33…` form. */
  stopList: string[];
}

/** Prices in euros. */
export interface Pricing {
  /** Per premium SMS part. @default 0.038 */
  premium: number;
  /** Per low-cost/ECO SMS part. @default 0.023 */
  eco: number;
  /** Per HLR lookup. @default 0.005 */
  hlr: number;
  /** Per RCS message. @default 0.12 */
  rcs: number;
  /** Per rented contact. @default 0.09 */
  rental: number;
  /**
   * Multipliers by international prefix (`'+32': 2`); `null` means "no price for this
   * destination" (code 13). Unlisted prefixes use multiplier 1.
   * @default {}
   */
  destinations: Record<string, number | null>;
}

/** One rule deciding what happens to a recipient after sending. First match wins. */
export interface OutcomeRule {
  /** A number (any spelling), a RegExp tested on `+33...` form, or a predicate. */
  match: string | RegExp | ((phoneNumber: string) => boolean);
  /** `'waiting'` never resolves (no delivery report is sent). */
  status: 'delivered' | 'not delivered' | 'ko' | 'waiting';
  /** SMPP word carried by `smpp`-style reports. @default derived from `status` */
  smpp?: SmppStatus;
  /** Delay from sending to the final status. @default the emulator's `dlrDelayMs` */
  delayMs?: number;
}

/** A limit of `limit` requests per `windowMs` per account (429 with Retry-After beyond it). */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Endpoints with a documented rate limit (spec §1.4). */
export type RateLimitedRoute = 'hlr/notify' | 'lookup' | 'statistics/cost-resume';

/** Behaviour options that can also be changed at run time with `emulator.configure()`. */
export interface EmulatorBehaviour {
  /** Delay between sending and the final status + delivery report. @default 2000 */
  dlrDelayMs: number;
  /** Delay before an HLR result is POSTed to `notifyUrl`. @default 2000 */
  hlrDelayMs: number;
  /** Delivery-report format: a preset name or fields to override on the default. @default 'default' */
  dlrFormat: DlrPresetName | Partial<DlrFormat>;
  /** Body encoding of reply/STOP/inbound/HLR callbacks. @default 'json' */
  callbackEncoding: 'json' | 'form';
  /** Delays of the retries after a failed callback (non-2xx or network error). @default [5000, 30000, 120000] */
  callbackRetryDelaysMs: number[];
  /** Real-time timeout of one callback attempt. @default 5000 */
  callbackTimeoutMs: number;
  /**
   * HTTP status of API-level errors. The docs do not say; community SDKs read a JSON envelope
   * from 4xx answers (spec §1.3). `'mapped'`: 401 for codes 1/10, 403 for 20/30/40/96, 404 for
   * "not found" codes, 400 otherwise. `'always-200'`: 200 with `success: false`.
   * @default 'mapped'
   */
  errorStatus: 'mapped' | 'always-200' | ((code: number, route: string) => number);
  /**
   * Key of the code-9 violation list. `'error'` is what the live API sends (the official Go SDK's
   * captured `send_sms_error.json`, the Go and Ruby SDKs' readers, the bulk and survey pages);
   * `'documented'` follows each endpoint's page (`errors` on `/v1/send` and `/v1/vn/send`, `error`
   * elsewhere); `'both'` sends both.
   * @default 'error'
   */
  validationErrorKey: 'error' | 'errors' | 'both' | 'documented';
  /**
   * Name of the low-cost credit count in `/v1/me`'s `credits`: `'creditSmsLowCost'` is what the
   * live API sent (the Go SDK's captured `credits.json`), `'creditSmsECO'` what the current docs
   * show; `'both'` sends both.
   * @default 'creditSmsLowCost'
   */
  lowCostCreditKey: 'creditSmsLowCost' | 'creditSmsECO' | 'both';
  /**
   * `date` of `/v1/message-status`: `'epoch'` is Unix seconds as a string (`"1534615206"`, the
   * live API's, captured in the Go SDK's `status.json`); `'datetime'` is `YYYY-MM-DD HH:mm:ss` in
   * Paris time (the docs' example).
   * @default 'epoch'
   */
  statusDate: 'epoch' | 'datetime';
  /**
   * A `from` on `/v1/vn/send` that the account does not rent: `'refuse'` answers code 44
   * (sender invalid) naming the rented numbers, as the live API refuses it; `'accept'` sends it.
   * The docs' placeholder (`336xxxxxxxx`) passes while `acceptPlaceholders` is on.
   * @default 'refuse'
   */
  unrentedFrom: 'refuse' | 'accept';
  /**
   * Repair, and log, two bugs of the vendor's own samples that the real API would not forgive:
   * a JSON body cut short by a `Content-Length` counted in characters instead of bytes (the docs'
   * Node sample, with any non-ASCII text), and a query string that starts with a second `?`
   * (`/v1/me??apiKey=...`, the official PHP SDK's README), read as if the `?` were not there.
   * When `false` the body is refused with code 90 and the query key is not `apiKey` (code 1),
   * each with a message or log line saying why.
   * @default true (false under `strict`)
   */
  repairSamples: boolean;
  /** `nb_sms` of a multi-recipient send: total parts, or parts per recipient (undocumented). @default 'total' */
  nbSms: 'total' | 'per-recipient';
  /**
   * Stop-listed recipients: `'skip'` drops them (code 14 when none is left); `'reject'` fails the
   * whole request with code 14.
   * @default 'skip'
   */
  stopListed: 'skip' | 'reject';
  /** @default see {@link Pricing} */
  pricing: Pricing;
  /** `false` disables all limits. @default hlr/notify and lookup 360/min, statistics/cost-resume 5/min */
  rateLimits: false | Partial<Record<RateLimitedRoute, RateLimit | false>>;
  /**
   * Accept the documentation's placeholders (`'YOUR API KEY'`, `'xxxxx'` as API key for the first
   * account; `'336xxxxxxxx'` as a number) so the vendor's samples run unchanged. Placeholder
   * *keys* are accepted only while no account was given an explicit `apiKey` at start: once you
   * configure a key, any other key gets code 10, so that a "wrong key" test cannot pass silently.
   * @default true (false under `strict`)
   */
  acceptPlaceholders: boolean;
  /** Sandbox sends still move to a final status and send delivery reports (never charged). @default false */
  sandboxDlr: boolean;
  /** Recipient outcome rules, first match wins; no match means delivered. @default magic numbers, see README */
  outcomes: OutcomeRule[];
  /** Receives one line per request (`POST /v1/send 200 3ms key=REDACTED`). @default none */
  logger: ((line: string) => void) | undefined;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions extends Partial<EmulatorBehaviour> {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Milliseconds an idle keep-alive connection stays open (Node's `server.keepAliveTimeout`).
   * Longer than the clients' idle gap between calls, so that a pooled `fetch` reuses its
   * connection instead of racing the server's close; `stop()` closes every connection anyway.
   * @default 5000
   */
  keepAliveTimeout?: number;
  /** Accounts to create; the first is the "demo" account. @default one account */
  accounts?: AccountSeed[];
  /**
   * Shortcut for the first account's key. With `accounts`, it names the first account when that
   * seed has no `apiKey` of its own; a different `apiKey` there is a `TypeError` (it used to
   * rename the account silently).
   * @default random
   */
  apiKey?: string;
  /**
   * Refuse what the real API would refuse and the emulator otherwise tolerates: the docs'
   * placeholder keys and numbers (`acceptPlaceholders: false`) and the samples' bugs: bodies cut
   * short by a character-counted `Content-Length`, a doubled `?` (`repairSamples: false`). Either
   * option given
   * explicitly wins.
   * @default false
   */
  strict?: boolean;
  /** Start the clock at this instant and/or frozen. @default real time */
  clock?: { start?: Date | string | number; frozen?: boolean };
}
