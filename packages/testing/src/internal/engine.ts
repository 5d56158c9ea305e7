/**
 * The emulator's engine: state, clock, callbacks, behaviour, and the message lifecycle
 * (scheduled → waiting → delivered / not delivered / ko, with delivery reports).
 */
import { CallbackDispatcher } from '../callbacks/dispatcher.js';
import { buildDlrPayload, defaultSmpp, resolveDlrFormat } from '../callbacks/formats.js';
import { Scheduler } from '../clock.js';
import type {
  AccountSeed,
  EmulatorBehaviour,
  EmulatorOptions,
  MessageRecord,
  OutcomeRule,
  RecipientRecord,
  RecordedRequest,
} from '../types.js';
import { defaultBehaviour, mergeBehaviour } from './defaults.js';
import { FaultRegistry } from './faults.js';
import { milliString } from './money.js';
import { parisDateTime } from './paris-time.js';
import { samePhone } from './phone.js';
import { RateLimiter } from './rate-limit.js';
import { type AccountState, Store } from './state.js';

export class Engine {
  store = new Store();
  readonly scheduler: Scheduler;
  readonly callbacks: CallbackDispatcher;
  readonly faults = new FaultRegistry();
  readonly rateLimiter = new RateLimiter();
  behaviour: EmulatorBehaviour;
  requests: RecordedRequest[] = [];
  /** An account was given an explicit `apiKey` at start (placeholder keys are then refused). */
  readonly explicitKey: boolean;
  #nextRequestId = 1;
  #generation = 0;
  readonly #seeds: AccountSeed[];
  readonly #initialBehaviour: EmulatorBehaviour;
  readonly #clockOptions: EmulatorOptions['clock'];

  constructor(options: EmulatorOptions) {
    this.#clockOptions = options.clock;
    this.scheduler = new Scheduler(options.clock);
    const base = defaultBehaviour();
    if (options.strict === true) {
      // Strict only changes the defaults: an option given explicitly still wins.
      base.acceptPlaceholders = false;
      base.repairSamples = false;
    }
    this.behaviour = mergeBehaviour(base, options);
    this.#initialBehaviour = this.behaviour;
    // Validates the preset name early.
    resolveDlrFormat(this.behaviour.dlrFormat);
    const seeds = options.accounts?.length ? options.accounts.map((s) => ({ ...s })) : [{}];
    const first = seeds[0] as AccountSeed;
    if (options.apiKey !== undefined) {
      if (first.apiKey !== undefined && first.apiKey !== options.apiKey) {
        throw new TypeError(
          'startEmulator: `apiKey` and `accounts[0].apiKey` disagree, so the first account would get a key its seed does not have. ' +
            'Fix: drop `apiKey` and keep the keys in `accounts`, or leave `accounts[0].apiKey` out so that `apiKey` names it.',
        );
      }
      first.apiKey = options.apiKey;
    }
    // Placeholder keys stand for the demo account only while no key was configured: with a key of
    // yours, any other key must be refused (code 10) or a "wrong key" test would pass silently.
    this.explicitKey = seeds.some((seed) => seed.apiKey !== undefined);
    this.#seeds = seeds;
    this.callbacks = new CallbackDispatcher(this.scheduler, () => ({
      retryDelaysMs: this.behaviour.callbackRetryDelaysMs,
      timeoutMs: this.behaviour.callbackTimeoutMs,
    }));
    this.#seed();
  }

  #seed(): void {
    for (const seed of this.#seeds) {
      // Generated keys are fixed at first start so reset() keeps them.
      const account = this.store.createAccount(seed, this.scheduler.now());
      seed.apiKey = account.apiKey;
    }
  }

  /** Back to the initial accounts, behaviour and clock; clears records, faults, tasks and limits. */
  reset(): void {
    this.#generation++;
    this.scheduler.reinit(this.#clockOptions);
    this.store = new Store();
    this.callbacks.clear();
    this.faults.clear();
    this.rateLimiter.clear();
    this.requests = [];
    this.#nextRequestId = 1;
    this.behaviour = this.#initialBehaviour;
    this.#seed();
  }

  configure(patch: Partial<EmulatorBehaviour>): void {
    const next = mergeBehaviour(this.behaviour, patch);
    resolveDlrFormat(next.dlrFormat);
    this.behaviour = next;
  }

  /** Changes at every reset: a request that started before one must not touch the new state. */
  get generation(): number {
    return this.#generation;
  }

  nextRequestId(): number {
    return this.#nextRequestId++;
  }

  get demoAccount(): AccountState {
    return this.store.accounts[0] as AccountState;
  }

  outcomeFor(phoneNumber: string): OutcomeRule | undefined {
    return this.behaviour.outcomes.find((rule) => {
      if (typeof rule.match === 'function') return rule.match(phoneNumber);
      if (rule.match instanceof RegExp) return rule.match.test(phoneNumber);
      return samePhone(rule.match, phoneNumber);
    });
  }

  /** Registers an accepted message and starts its lifecycle. */
  accept(message: MessageRecord): void {
    this.store.messages.push(message);
    if (message.sendAt.getTime() <= this.scheduler.nowMs()) {
      this.#dispatch(message);
    } else {
      this.scheduler.schedule(message.sendAt.getTime(), `send message ${message.messageId}`, () =>
        this.#dispatch(message),
      );
    }
  }

  #dispatch(message: MessageRecord): void {
    if (message.cancelled) return;
    const now = this.scheduler.now();
    for (const recipient of message.recipients) {
      if (recipient.status !== 'scheduled') continue;
      recipient.status = 'waiting';
      recipient.smpp = 'ENROUTE';
      recipient.sentAt = now;
      recipient.statusAt = now;
      if (message.sandbox && !this.behaviour.sandboxDlr) continue;
      const rule = this.outcomeFor(recipient.phoneNumber);
      const status = rule?.status ?? 'delivered';
      if (status === 'waiting') continue;
      const delay = rule?.delayMs ?? this.behaviour.dlrDelayMs;
      this.scheduler.schedule(now.getTime() + delay, `final status ${message.messageId}`, () =>
        this.#finalize(message, recipient, status, rule?.smpp ?? defaultSmpp(status)),
      );
    }
  }

  #finalize(
    message: MessageRecord,
    recipient: RecipientRecord,
    status: RecipientRecord['status'],
    smpp: NonNullable<RecipientRecord['smpp']>,
  ): Promise<unknown> | undefined {
    if (recipient.status !== 'waiting') return undefined;
    const now = this.scheduler.now();
    recipient.status = status;
    recipient.smpp = smpp;
    recipient.statusAt = now;
    return this.sendDlr(message, recipient);
  }

  /** Sends the delivery report of one recipient, if the message asked for one. */
  sendDlr(message: MessageRecord, recipient: RecipientRecord): Promise<unknown> | undefined {
    if (!message.urlDlr) return undefined;
    const format = resolveDlrFormat(this.behaviour.dlrFormat);
    const payload = buildDlrPayload(
      {
        messageId: message.messageId,
        phoneNumber: recipient.phoneNumber,
        status: recipient.status,
        smpp: recipient.smpp ?? defaultSmpp(recipient.status),
        at: recipient.statusAt,
        parisDateTime: parisDateTime(recipient.statusAt),
        cost: milliString(Math.round(recipient.cost * 1000)),
        currency: 'EUR',
        tag: message.tag,
      },
      format,
    );
    return this.callbacks.send('dlr', message.urlDlr, payload, format.transport, {
      messageId: message.messageId,
      phoneNumber: recipient.phoneNumber,
    });
  }

  /** Recipients of the account still waiting for a scheduled or held send (`toSend`). */
  toSend(account: AccountState): number {
    let count = 0;
    for (const message of this.store.messages) {
      if (message.accountId !== account.id) continue;
      for (const r of message.recipients) if (r.status === 'scheduled') count++;
    }
    return count;
  }
}
