import { SmsPartnerValidationError } from '../errors.js';
import {
  explainQuietTime,
  type MessageCategory,
  type QuietHoursPolicy,
} from '../schedule/index.js';
import type { ClientContext } from './internal/context.js';
import { REDACTED } from './internal/redact.js';
import { DEFAULT_RETRY, type ResolvedRetry, resolveRetry } from './internal/retry.js';
import { Transport } from './internal/transport.js';
import type {
  MessageDefaults,
  QuietHoursMode,
  ResponseFormat,
  RetryOptions,
  SmsPartnerHooks,
  SmsPartnerLogger,
  SmsPricing,
} from './options.js';
import { AccountResource } from './resources/account.js';
import { ContactsResource } from './resources/contacts.js';
import { GroupsResource } from './resources/groups.js';
import { NumbersResource } from './resources/numbers.js';
import { RcsResource } from './resources/rcs.js';
import { RentalResource } from './resources/rental.js';
import { SmsResource } from './resources/sms.js';
import { StatisticsResource } from './resources/statistics.js';
import { StatusResource } from './resources/status.js';
import { StopsResource } from './resources/stops.js';
import { SubaccountsResource } from './resources/subaccounts.js';

/** The production API. */
export const DEFAULT_BASE_URL = 'https://api.smspartner.fr';

/** The environment variable read when `apiKey` is not passed (where `process.env` exists). */
export const API_KEY_ENV_VAR = 'SMS_PARTNER_API_KEY';

/** Options of {@link SmsPartnerClient}. */
export interface SmsPartnerClientOptions {
  /**
   * Your API key (dashboard → API). Falls back to the `SMS_PARTNER_API_KEY` environment variable
   * on runtimes that have `process.env` (Node, Bun, Deno with `--allow-env`) when it is left out
   * or `undefined`, so `apiKey: process.env.SMS_PARTNER_API_KEY` type-checks under
   * `exactOptionalPropertyTypes`.
   * @see https://my.smspartner.fr/dashboard/api
   */
  apiKey?: string | undefined;
  /**
   * The API's address, e.g. the emulator's `url` in tests. A trailing `/` or `/v1` is ignored.
   * @default 'https://api.smspartner.fr'
   */
  baseUrl?: string;
  /**
   * The `fetch` to use (a proxy-aware one, an instrumented one, a test double).
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Milliseconds allowed for each attempt, from sending the request to reading the whole answer.
   * @default 30000
   */
  timeout?: number;
  /**
   * Retry policy: a number of retries, `false`, or {@link RetryOptions}. Reads are retried on
   * network errors, timeouts, 429 (honouring `Retry-After`) and 5xx; sends and other writes only
   * when the request provably never reached SMS Partner.
   * @default { maxRetries: 2, initialDelay: 500, maxDelay: 8000, maxRetryAfter: 60000 }
   */
  retry?: RetryOptions | number | false;
  /**
   * Send every SMS in sandbox mode (`sandbox=1`: nothing sent, nothing charged) unless a call says
   * otherwise. Applies to `/v1/send`, `/v1/bulk-send` and `/v1/vn/send`, the endpoints that take it.
   * @default false
   */
  sandbox?: boolean;
  /** Where log lines go (`console` works). The API key is redacted from everything logged. */
  logger?: SmsPartnerLogger;
  /** Callbacks around each HTTP attempt (`onRequest`, `onResponse`, `onRetry`). */
  hooks?: SmsPartnerHooks;
  /**
   * What to do with a commercial SMS that would leave in quiet hours (SMS Partner: 20:00–08:00,
   * Sundays, public holidays). `'allow'`: send it; SMS Partner holds it and `result.heldUntil`
   * says until when. `'defer'`: schedule it at the next send window (on `/v1/vn/send`, which cannot
   * be scheduled, this throws `SmsPartnerQuietHoursError`). `'reject'`: throw
   * `SmsPartnerQuietHoursError` with `nextWindow`. Per-call `quietHours` overrides it.
   * @default 'allow'
   */
  quietHours?: QuietHoursMode;
  /**
   * The default category of messages: quiet hours apply to `'commercial'` ones only. Per-call
   * `category` overrides it.
   * @default 'commercial'
   */
  category?: MessageCategory;
  /**
   * The quiet-hours policy (see the schedule module: `smsPartnerPolicy`, `af2m2024Policy`, …).
   * @default smsPartnerPolicy
   */
  quietHoursPolicy?: QuietHoursPolicy;
  /**
   * The clock used for quiet hours and scheduling checks (tests pass the emulator's clock).
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Options of the message analysis applied to every send (`stopMention`, `transliterate`,
   * `applyReplacements`, …; see `analyzeMessage`).
   * @default {}
   */
  message?: MessageDefaults;
  /** Prices per SMS segment, for `client.sms.preview()` estimates. No default: prices vary by account. */
  pricing?: SmsPricing;
  /**
   * Answer format asked of SMS Partner. Both are parsed into the same results; JSON is lossless,
   * XML drops key names (the client restores them by position).
   * @default 'json'
   */
  format?: ResponseFormat;
}

function readEnvApiKey(): string | undefined {
  // No `process` type in core: read it only where the runtime provides it.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  try {
    return env?.[API_KEY_ENV_VAR];
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}

function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmsPartnerValidationError({
      field: 'baseUrl',
      problem: `${JSON.stringify(value)} is not an absolute URL.`,
      fix: `pass a URL such as "${DEFAULT_BASE_URL}", or omit baseUrl.`,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SmsPartnerValidationError({
      field: 'baseUrl',
      problem: `uses ${url.protocol}; only http: and https: are supported.`,
      fix: `pass a URL such as "${DEFAULT_BASE_URL}".`,
    });
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '').replace(/\/v1$/, '');
}

function checkTimeout(value: unknown): number {
  if (value === undefined) return 30_000;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new SmsPartnerValidationError({
    field: 'timeout',
    problem: `must be a positive number of milliseconds; received ${String(value)}.`,
    fix: 'pass timeout: 30000, or omit it.',
  });
}

/**
 * The SMS Partner API client: every endpoint as typed methods grouped by resource, validation
 * before any network call, typed errors, retries that never send an SMS twice, and the API key
 * kept out of every log, error and serialisation.
 *
 * @example
 * ```ts
 * import { SmsPartnerClient } from '@sms-partner/core';
 *
 * const client = new SmsPartnerClient({ apiKey: process.env.SMS_PARTNER_API_KEY });
 * const { messageId, billedSegments, cost } = await client.sms.send({
 *   to: '06 12 34 56 78',
 *   message: 'Votre rendez-vous est confirmé demain à 9h30.\nÀ bientôt !',
 *   sender: 'MonCabinet',
 *   category: 'transactional',
 * });
 * ```
 */
export class SmsPartnerClient {
  readonly #transport: Transport;
  readonly #sandbox: boolean;
  readonly #context: ClientContext;
  // Resource groups are created on first use: a client made per request (serverless handlers)
  // builds only the one or two it calls.
  readonly #groups: Record<string, unknown> = {};

  #group<T>(name: string, Group: new (context: ClientContext) => T): T {
    this.#groups[name] ??= new Group(this.#context);
    return this.#groups[name] as T;
  }

  /** Sending SMS (one text, one per recipient, from a long number, in batches), surveys, cancellation, previews. */
  get sms(): SmsResource {
    return this.#group('sms', SmsResource);
  }

  /** Delivery statuses: one, many, per send, per tag. */
  get status(): StatusResource {
    return this.#group('status', StatusResource);
  }

  /** Monthly cost and volume. */
  get statistics(): StatisticsResource {
    return this.#group('statistics', StatisticsResource);
  }

  /** Contacts in groups. */
  get contacts(): ContactsResource {
    return this.#group('contacts', ContactsResource);
  }

  /** Contact groups. */
  get groups(): GroupsResource {
    return this.#group('groups', GroupsResource);
  }

  /** The STOP (opt-out) list. */
  get stops(): StopsResource {
    return this.#group('stops', StopsResource);
  }

  /** The account: holder and credits. */
  get account(): AccountResource {
    return this.#group('account', AccountResource);
  }

  /** Sub-accounts and their credit. */
  get subaccounts(): SubaccountsResource {
    return this.#group('subaccounts', SubaccountsResource);
  }

  /** Long-number call forwarding, HLR and format verification. */
  get numbers(): NumbersResource {
    return this.#group('numbers', NumbersResource);
  }

  /** Contact rental. */
  get rental(): RentalResource {
    return this.#group('rental', RentalResource);
  }

  /** RCS rich messages. */
  get rcs(): RcsResource {
    return this.#group('rcs', RcsResource);
  }

  constructor(options: SmsPartnerClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnvApiKey();
    if (typeof apiKey !== 'string' || apiKey.trim() === '') {
      throw new SmsPartnerValidationError({
        field: 'apiKey',
        problem:
          options.apiKey === undefined
            ? `was not passed and ${API_KEY_ENV_VAR} is not set.`
            : 'is empty.',
        fix: `pass new SmsPartnerClient({ apiKey }) or set the ${API_KEY_ENV_VAR} environment variable; the key is at https://my.smspartner.fr/dashboard/api.`,
      });
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new SmsPartnerValidationError({
        field: 'fetch',
        problem: 'no fetch function is available in this runtime.',
        fix: 'pass options.fetch (for example from undici or node-fetch).',
      });
    }
    const retry: ResolvedRetry = resolveRetry(options.retry, DEFAULT_RETRY);
    this.#sandbox = options.sandbox === true;
    const now = options.now ?? (() => new Date());
    const context: ClientContext = {
      transport: undefined as unknown as Transport,
      sandbox: this.#sandbox,
      quietHours: options.quietHours ?? 'allow',
      category: options.category ?? 'commercial',
      policy: options.quietHoursPolicy,
      now,
      message: options.message ?? {},
      pricing: options.pricing,
      format: options.format,
    };
    this.#transport = new Transport({
      apiKey,
      baseUrl: normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
      // Some runtimes (Workers, browsers) throw "Illegal invocation" on a detached fetch.
      fetch: (input, init) => fetchImpl(input, init),
      timeout: checkTimeout(options.timeout),
      retry,
      logger: options.logger,
      hooks: options.hooks,
      random: Math.random,
      quietWindow: () => quietWindow(context),
    });
    context.transport = this.#transport;
    // What Node's `util.inspect` / `console.log` and Deno's `console.log` show: the settings, never
    // the key. Defined per instance (not as computed class members) so that the class stays free
    // of module-level side effects and bundlers can drop it when it is not used.
    for (const name of ['nodejs.util.inspect.custom', 'Deno.customInspect']) {
      Object.defineProperty(this, Symbol.for(name), {
        value: () => this.toString(),
        enumerable: false,
      });
    }
    this.#context = context;
  }

  /** The settings, without the API key. */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.#transport.baseUrl,
      apiKey: REDACTED,
      timeout: this.#transport.timeout,
      retry: { ...this.#transport.retry },
      sandbox: this.#sandbox,
    };
  }

  /** `SmsPartnerClient {…settings…}`, without the API key. */
  toString(): string {
    return `SmsPartnerClient ${JSON.stringify(this.toJSON())}`;
  }
}

function quietWindow(context: ClientContext): { nextWindow: Date; reason?: string } {
  const explanation = explainQuietTime(context.now(), context.policy, { category: 'commercial' });
  return explanation.quiet
    ? { nextWindow: explanation.releaseAt, reason: explanation.reason }
    : { nextWindow: explanation.releaseAt };
}
