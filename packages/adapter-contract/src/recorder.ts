import type { SmsPartnerWebhookEvent, SmsPartnerWebhookEventType } from '@sms-partner/core';

/** The event callbacks a harness hands to its adapter (Nest: through decorated methods). */
export interface ContractHandlers {
  onDeliveryReport(event: SmsPartnerWebhookEvent): Promise<void>;
  onReply(event: SmsPartnerWebhookEvent): Promise<void>;
  onStop(event: SmsPartnerWebhookEvent): Promise<void>;
  onInboundMessage(event: SmsPartnerWebhookEvent): Promise<void>;
  onHlrResult(event: SmsPartnerWebhookEvent): Promise<void>;
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
  private readonly failures = new Map<string, Error>();
  private waiters: Waiter[] = [];

  /** Makes the handler throw `error` for the next event whose message id is `messageId`. */
  failNext(messageId: string, error: Error): void {
    this.failures.set(messageId, error);
  }

  readonly handlers: ContractHandlers = {
    onDeliveryReport: (event) => this.record('onDeliveryReport', event),
    onReply: (event) => this.record('onReply', event),
    onStop: (event) => this.record('onStop', event),
    onInboundMessage: (event) => this.record('onInboundMessage', event),
    onHlrResult: (event) => this.record('onHlrResult', event),
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

  private async record(
    callback: keyof ContractHandlers,
    event: SmsPartnerWebhookEvent,
  ): Promise<void> {
    // Let the adapter's own async machinery run first, as real handlers would (database calls...).
    await Promise.resolve();
    const failure = [...this.failures].find(([id]) => matchesId(event, id));
    if (failure) {
      this.failures.delete(failure[0]);
      throw failure[1];
    }
    this.events.push(event);
    this.callbackOf.set(event, callback);
    for (const waiter of this.waiters.filter((w) => w.match(event))) waiter.resolve(event);
    this.waiters = this.waiters.filter((w) => !w.match(event));
  }
}

function matchesId(event: SmsPartnerWebhookEvent, id: string): boolean {
  if ('messageId' in event && event.messageId === id) return true;
  return (
    event.type === 'inbound_message' && (event.parts ?? []).some((part) => part.messageId === id)
  );
}
