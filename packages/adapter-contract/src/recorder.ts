import type { SmsPartnerWebhookEvent, SmsPartnerWebhookEventType } from '@sms-partner/core';

/** The event callbacks a harness hands to its adapter (Nest: through decorated methods). */
export interface ContractHandlers {
  onDeliveryReport(event: SmsPartnerWebhookEvent): Promise<void>;
  onReply(event: SmsPartnerWebhookEvent): Promise<void>;
  onStop(event: SmsPartnerWebhookEvent): Promise<void>;
  onInboundMessage(event: SmsPartnerWebhookEvent): Promise<void>;
  onHlrResult(event: SmsPartnerWebhookEvent): Promise<void>;
}

/** A handler call held open by {@link EventRecorder.holdNext} until the test settles it. */
export interface HeldCall {
  /** Resolves once the handler has been entered with the event. */
  entered: Promise<void>;
  /** Lets the held call finish: successfully, or by throwing `error`. */
  release(error?: Error): void;
}

interface Waiter {
  match: (event: SmsPartnerWebhookEvent) => boolean;
  resolve: (event: SmsPartnerWebhookEvent) => void;
}

/**
 * Records what reaches user code. The suite mounts one adapter per `describe` block, so tests tell
 * their events apart by a unique message id rather than by resetting the recorder.
 */
export class EventRecorder {
  readonly events: SmsPartnerWebhookEvent[] = [];
  readonly errors: unknown[] = [];
  /** The callback name that received each event, to check the adapter routed it to the right one. */
  readonly callbackOf = new Map<SmsPartnerWebhookEvent, keyof ContractHandlers>();
  /** Every time a handler was entered, failed calls included: the id of its event, in order. */
  readonly attempts: string[] = [];
  private readonly failures = new Map<string, { error: Error; sync: boolean }[]>();
  private readonly holds = new Map<string, { enter(): void; gate: Promise<Error | undefined> }>();
  private waiters: Waiter[] = [];

  /**
   * Makes the handler fail for the next event whose message id is `messageId`: by rejecting
   * (default), or with `sync: true` by throwing before returning a promise. Calls stack up: two
   * `failNext` for one id fail its next two calls.
   */
  failNext(messageId: string, error: Error, { sync = false } = {}): void {
    this.failures.set(messageId, [...(this.failures.get(messageId) ?? []), { error, sync }]);
  }

  /**
   * Holds the next handler call for `messageId` open (as a slow database call would) until the
   * test releases it, so that what arrives meanwhile meets an event in flight.
   */
  holdNext(messageId: string): HeldCall {
    let enter!: () => void;
    let release!: (error?: Error) => void;
    const entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const gate = new Promise<Error | undefined>((resolve) => {
      release = resolve;
    });
    this.holds.set(messageId, { enter, gate });
    return { entered, release };
  }

  /** How many times a handler was entered for `id` (failed calls included). */
  attemptsFor(id: string): number {
    return this.attempts.filter((attempt) => attempt === id).length;
  }

  readonly handlers: ContractHandlers = {
    onDeliveryReport: (event) => this.enter('onDeliveryReport', event),
    onReply: (event) => this.enter('onReply', event),
    onStop: (event) => this.enter('onStop', event),
    onInboundMessage: (event) => this.enter('onInboundMessage', event),
    onHlrResult: (event) => this.enter('onHlrResult', event),
  };

  readonly onError = (error: unknown): void => {
    this.errors.push(error);
  };

  /** Events carrying `id` as message id (for an inbound message: any of its parts' ids). */
  byId(id: string, type?: SmsPartnerWebhookEventType): SmsPartnerWebhookEvent[] {
    return this.events.filter((event) => matchesId(event, id) && (!type || event.type === type));
  }

  /** Resolves with the first event (already recorded or to come) carrying `id`. */
  waitFor(
    id: string,
    type?: SmsPartnerWebhookEventType,
    deadlineMs = 60_000,
  ): Promise<SmsPartnerWebhookEvent> {
    const match = (event: SmsPartnerWebhookEvent) =>
      matchesId(event, id) && (!type || event.type === type);
    const found = this.events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      // A deadline so a missing callback fails the test with a message rather than a hang; the
      // duration is never asserted on, and it is far beyond what a loaded CI machine needs (the
      // adapters' vitest configs allow each test 120 s).
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter.resolve !== done);
        reject(
          new Error(
            `No ${type ?? 'event'} with id ${id} reached the handlers within ${deadlineMs} ms.`,
          ),
        );
      }, deadlineMs);
      const done = (event: SmsPartnerWebhookEvent) => {
        clearTimeout(timer);
        resolve(event);
      };
      this.waiters.push({ match, resolve: done });
    });
  }

  /** Not `async`: a failure set up with `sync: true` throws before any promise exists. */
  private enter(callback: keyof ContractHandlers, event: SmsPartnerWebhookEvent): Promise<void> {
    const id = idOf(event);
    this.attempts.push(id);
    const failure = this.takeFailure(event);
    if (failure?.sync) throw failure.error;
    return this.record(callback, event, failure?.error);
  }

  private takeFailure(event: SmsPartnerWebhookEvent) {
    for (const [id, queue] of this.failures) {
      if (!matchesId(event, id)) continue;
      const [first, ...rest] = queue;
      if (rest.length > 0) this.failures.set(id, rest);
      else this.failures.delete(id);
      return first;
    }
    return undefined;
  }

  private async record(
    callback: keyof ContractHandlers,
    event: SmsPartnerWebhookEvent,
    failure: Error | undefined,
  ): Promise<void> {
    // Let the adapter's own async machinery run first, as real handlers would (database calls...).
    await Promise.resolve();
    const hold = [...this.holds].find(([id]) => matchesId(event, id));
    if (hold) {
      this.holds.delete(hold[0]);
      hold[1].enter();
      const error = await hold[1].gate;
      if (error) throw error;
    }
    if (failure) throw failure;
    this.events.push(event);
    this.callbackOf.set(event, callback);
    for (const waiter of this.waiters.filter((w) => w.match(event))) waiter.resolve(event);
    this.waiters = this.waiters.filter((w) => !w.match(event));
  }
}

/** The id an event is known by in {@link EventRecorder.attempts}. */
function idOf(event: SmsPartnerWebhookEvent): string {
  return 'messageId' in event && typeof event.messageId === 'string' ? event.messageId : '';
}

function matchesId(event: SmsPartnerWebhookEvent, id: string): boolean {
  if ('messageId' in event && event.messageId === id) return true;
  return (
    event.type === 'inbound_message' && (event.parts ?? []).some((part) => part.messageId === id)
  );
}
