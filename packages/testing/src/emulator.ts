/**
 * `startEmulator()`: a local SMS Partner API on a real HTTP port, with controls for tests.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@sms-partner/testing';
 *
 * const emulator = await startEmulator({ clock: { frozen: true } });
 * const response = await fetch(`${emulator.baseUrl}send`, {
 *   method: 'POST',
 *   body: JSON.stringify({ apiKey: emulator.apiKey, phoneNumbers: '0600000000', message: 'Bonjour' }),
 * });
 * await emulator.clock.advance(2_000); // delivered; the delivery report (if urlDlr) is sent
 * await emulator.stop();
 * ```
 */
import {
  type InboundOptions,
  type ReplyOptions,
  type StopOptions,
  simulateInbound,
  simulateReply,
  simulateStop,
} from './callbacks/simulate.js';
import type { EmulatorClock } from './clock.js';
import { Engine } from './internal/engine.js';
import type { FaultHandle, FaultSpec } from './internal/faults.js';
import { fromMilli, toMilli } from './internal/money.js';
import { parsePhone } from './internal/phone.js';
import { listen } from './internal/server.js';
import type { AccountState } from './internal/state.js';
import { credits } from './routes/account.js';
import type {
  AccountSeed,
  AccountView,
  CallbackRecord,
  EmulatorBehaviour,
  EmulatorOptions,
  MessageRecord,
  RecordedRequest,
} from './types.js';

/** Account fields that can be changed after creation. */
export type AccountPatch = Partial<
  Pick<
    AccountSeed,
    | 'balance'
    | 'quietHours'
    | 'quietHoursPolicy'
    | 'marketing'
    | 'unicode'
    | 'lowCost'
    | 'rcs'
    | 'status'
    | 'allowedIps'
    | 'subaccounts'
    | 'replyUrl'
    | 'surveys'
  >
>;

/** Seeding and inspecting accounts. */
export interface AccountsControl {
  /** Creates an account (random key unless given) and returns it. */
  create(seed?: AccountSeed): AccountView;
  /** The account with this key; throws when there is none. */
  get(apiKey: string): AccountView;
  /** Every account, the demo account first. */
  list(): AccountView[];
  /** Changes an account (balance, status, quiet hours...) and returns it. */
  update(apiKey: string, patch: AccountPatch): AccountView;
  /** Puts a number (any spelling) on the account's stop list, as a STOP reply would. */
  addStop(apiKey: string, phoneNumber: string): AccountView;
  /**
   * Takes a number (any spelling) off the account's stop list, as `GET /v1/stop-sms/delete` does
   * for API users; a number that is not on the list is left alone.
   */
  removeStop(apiKey: string, phoneNumber: string): AccountView;
}

/** Injecting faults. */
export interface FaultsControl {
  /** Adds a fault; see {@link FaultSpec}. Faults are matched in insertion order. */
  inject(spec: FaultSpec): FaultHandle;
  /** The live faults, in matching order. */
  list(): { id: number; spec: FaultSpec; remaining: number; hits: number }[];
  /** Removes every fault. */
  clear(): void;
}

/** Filters for {@link Emulator.requests}. */
export interface RequestFilter {
  /** Route name such as `'send'` or `'contact/add'`. */
  route?: string;
  /** HTTP method, e.g. `'POST'`. */
  method?: string;
  /** Path without query string, e.g. `'/v1/send'`. */
  path?: string;
}

/** Filters for {@link Emulator.messages}. */
export interface MessageFilter {
  /** Only messages sent with this API key. */
  apiKey?: string;
  /** Only this message. */
  messageId?: number;
  /** Only messages with this tag. */
  tag?: string;
  /** Any spelling of a recipient's number. */
  phoneNumber?: string;
  /** Only messages accepted by this endpoint. */
  endpoint?: MessageRecord['endpoint'];
}

/** A running emulator. */
export interface Emulator {
  /** Origin, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** API base for clients, e.g. `http://127.0.0.1:54321/v1/` (the real one is `https://api.smspartner.fr/v1/`). */
  readonly baseUrl: string;
  /** The interface it listens on. */
  readonly host: string;
  /** The port it listens on (the free one picked when asked for 0). */
  readonly port: number;
  /** API key of the first (demo) account (not enumerable: left out of `JSON.stringify` and logs). */
  readonly apiKey: string;
  /** The emulator's clock: freeze it, move it, and due deliveries and callbacks run. */
  readonly clock: EmulatorClock;
  /** Create, inspect and change accounts. */
  readonly accounts: AccountsControl;
  /** Make requests fail on purpose. */
  readonly faults: FaultsControl;
  /** Changes behaviour options at run time (callback formats, delays, error status...). */
  configure(patch: Partial<EmulatorBehaviour>): void;
  /** The current behaviour options. */
  behaviour(): Readonly<EmulatorBehaviour>;
  /** Requests received, oldest first (snapshots). */
  requests(filter?: RequestFilter): RecordedRequest[];
  /** The most recent matching request. */
  lastRequest(filter?: RequestFilter): RecordedRequest | undefined;
  /** Messages accepted by the send endpoints, oldest first (snapshots). */
  messages(filter?: MessageFilter): MessageRecord[];
  /** One message by id. */
  message(messageId: number): MessageRecord | undefined;
  /** Callbacks sent (delivery reports, replies, STOP, inbound, HLR), oldest first (snapshots). */
  callbacks(filter?: { kind?: CallbackRecord['kind'] }): CallbackRecord[];
  /** Waits until no callback is in flight. */
  settle(): Promise<void>;
  /** POSTs a reply (`type: 'response'`) to the message's `urlResponse` (or the account's reply URL). */
  simulateReply(options: ReplyOptions): Promise<CallbackRecord>;
  /** Adds the number to the stop list and POSTs a `type: 'stop'` reply when a URL is known. */
  simulateStop(options: StopOptions): Promise<CallbackRecord | undefined>;
  /** POSTs a long-number inbound SMS, one callback per part with `concat-*` fields. */
  simulateInbound(options: InboundOptions): Promise<CallbackRecord[]>;
  /** Back to the start state: initial accounts (same keys), behaviour, empty records, no faults. */
  reset(): Promise<void>;
  /** Stops the server. */
  stop(): Promise<void>;
}

function view(engine: Engine, account: AccountState): AccountView {
  const c = credits(engine, account);
  const result: AccountView = {
    id: account.id,
    apiKey: account.apiKey,
    username: account.username,
    balance: fromMilli(account.balanceMilli),
    creditSms: c.creditSms,
    // Whatever key `/v1/me` spells it with (lowCostCreditKey).
    creditSmsECO: (c.creditSmsLowCost ?? c.creditSmsECO) as number,
    creditHlr: c.creditHlr,
    toSend: c.toSend,
    status: account.status,
    quietHours: account.quietHours,
    marketing: account.marketing,
    virtualNumbers: account.virtualNumbers.map((v) => v.number),
    stopList: account.stopList.map((s) => s.phoneNumber),
  };
  if (account.parentId !== undefined) result.parentId = account.parentId;
  if (account.token !== undefined) result.token = account.token;
  // Readable, but left out of JSON.stringify, console.log and snapshots.
  Object.defineProperty(result, 'apiKey', { enumerable: false });
  return result;
}

function requireAccount(engine: Engine, apiKey: string): AccountState {
  const account = engine.store.byKey(apiKey);
  if (!account) {
    throw new Error(
      'No emulator account has this API key; create it with emulator.accounts.create({ apiKey }).',
    );
  }
  return account;
}

/** The international form of a number given to the stop-list controls. */
function stopListNumber(phoneNumber: string): string {
  const phone = parsePhone(phoneNumber, true);
  if (!phone) throw new TypeError(`"${phoneNumber}" is not a phone number; use 06... or +336...`);
  return phone.international;
}

function matchRequest(r: RecordedRequest, filter: RequestFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.route !== undefined && r.route !== filter.route) return false;
  if (filter.method !== undefined && r.method !== filter.method.toUpperCase()) return false;
  if (filter.path !== undefined && r.path !== filter.path) return false;
  return true;
}

/** Starts an emulator on `127.0.0.1` and an ephemeral port (by default). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const engine = new Engine(options);
  const host = options.host ?? '127.0.0.1';
  const listening = await listen(engine, host, options.port ?? 0, options.keepAliveTimeout);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${listening.port}`;
  let stopped = false;

  const accounts: AccountsControl = {
    create: (seed = {}) => view(engine, engine.store.createAccount(seed, engine.scheduler.now())),
    get: (apiKey) => view(engine, requireAccount(engine, apiKey)),
    list: () => engine.store.accounts.map((a) => view(engine, a)),
    update(apiKey, patch) {
      const account = requireAccount(engine, apiKey);
      const { balance, ...rest } = patch;
      if (balance !== undefined) {
        if (!(Number.isFinite(balance) && balance >= 0)) {
          throw new RangeError(`balance must be a finite number of euros >= 0; got ${balance}.`);
        }
        account.balanceMilli = toMilli(balance);
      }
      for (const [key, value] of Object.entries(rest)) {
        if (
          value !== undefined ||
          key === 'allowedIps' ||
          key === 'replyUrl' ||
          key === 'surveys'
        ) {
          (account as unknown as Record<string, unknown>)[key] = value;
        }
      }
      return view(engine, account);
    },
    addStop(apiKey, phoneNumber) {
      const account = requireAccount(engine, apiKey);
      engine.store.addStop(account, stopListNumber(phoneNumber), engine.scheduler.now());
      return view(engine, account);
    },
    removeStop(apiKey, phoneNumber) {
      const account = requireAccount(engine, apiKey);
      engine.store.removeStop(account, stopListNumber(phoneNumber));
      return view(engine, account);
    },
  };

  const emulator: Emulator = {
    url,
    baseUrl: `${url}/v1/`,
    host,
    port: listening.port,
    apiKey: '',
    clock: engine.scheduler,
    accounts,
    faults: {
      inject: (spec) => engine.faults.inject(spec),
      list: () => engine.faults.list(),
      clear: () => engine.faults.clear(),
    },
    configure: (patch) => engine.configure(patch),
    behaviour: () => ({ ...engine.behaviour }),
    requests: (filter) => structuredClone(engine.requests.filter((r) => matchRequest(r, filter))),
    lastRequest(filter) {
      const found = engine.requests.filter((r) => matchRequest(r, filter)).at(-1);
      return found ? structuredClone(found) : undefined;
    },
    messages(filter = {}) {
      const account =
        filter.apiKey === undefined ? undefined : requireAccount(engine, filter.apiKey);
      const wanted =
        filter.phoneNumber === undefined ? undefined : parsePhone(filter.phoneNumber, true);
      return structuredClone(
        engine.store.messages.filter(
          (m) =>
            (!account || m.accountId === account.id) &&
            (filter.messageId === undefined || m.messageId === filter.messageId) &&
            (filter.tag === undefined || m.tag === filter.tag) &&
            (filter.endpoint === undefined || m.endpoint === filter.endpoint) &&
            (!wanted || m.recipients.some((r) => r.phoneNumber === wanted.international)),
        ),
      );
    },
    message(messageId) {
      const found = engine.store.messages.find((m) => m.messageId === messageId);
      return found ? structuredClone(found) : undefined;
    },
    callbacks: (filter = {}) =>
      structuredClone(
        engine.callbacks.records.filter((c) => filter.kind === undefined || c.kind === filter.kind),
      ),
    settle: () => engine.scheduler.settle(),
    simulateReply: (o) => simulateReply(engine, o),
    simulateStop: (o) => simulateStop(engine, o),
    simulateInbound: (o) => simulateInbound(engine, o),
    async reset() {
      await engine.scheduler.settle();
      engine.reset();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      engine.scheduler.stop();
      await listening.close();
    },
  };
  // Readable, but left out of JSON.stringify and console.log.
  Object.defineProperty(emulator, 'apiKey', {
    get: () => engine.demoAccount.apiKey,
    enumerable: false,
  });
  return emulator;
}
