/**
 * What the dashboard shows: every message sent from the page with its life (accepted, held for
 * quiet hours, delivered or failed, replies), and a log line for each thing an app did. Changes
 * are pushed to subscribers (the SSE streams) as they happen.
 */
import {
  type DeliveryReportEvent,
  normalizePhoneNumber,
  type ReplyEvent,
  type StopEvent,
} from '@sms-partner/core';

/** The three demo apps. */
export type AppName = 'express' | 'hono' | 'nestjs';

export const APP_NAMES: readonly AppName[] = ['express', 'hono', 'nestjs'];

export const APP_LABELS: Record<AppName, string> = {
  express: 'Express',
  hono: 'Hono',
  nestjs: 'NestJS',
};

/** Where a message is in its life. */
export type MessageState =
  | 'sending'
  | 'accepted'
  | 'held'
  | 'scheduled'
  | 'delivered'
  | 'not_delivered'
  | 'ko'
  | 'waiting'
  | 'unknown'
  | 'failed';

/** One step of a message's life, stamped with the emulator's clock. */
export interface TimelineEntry {
  at: string;
  state: MessageState | 'released' | 'reply' | 'stop';
  text: string;
}

/** A message as the page shows it. */
export interface MessageView {
  id: string;
  app: AppName;
  to: string;
  text: string;
  state: MessageState;
  messageId?: string;
  /** SMS billed for the send (`result.billedSegments`). */
  billedSegments?: number;
  encoding?: string;
  cost?: number;
  heldUntil?: string;
  scheduledAt?: string;
  error?: { name: string; code: string; message: string };
  timeline: TimelineEntry[];
}

/** One line of the live log. */
export interface LogEntry {
  id: number;
  at: string;
  app: AppName | 'emulator' | 'phone' | 'clock';
  text: string;
}

/** What subscribers receive. */
export type LiveUpdate =
  | { type: 'message'; message: MessageView }
  | { type: 'log'; entry: LogEntry }
  | { type: 'opted-out'; numbers: string[] }
  | { type: 'clock' };

type Listener = (update: LiveUpdate) => void;

const paris = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** `Mon 17 Mar, 08:00 (Paris)`. */
export const formatParis = (iso: string): string => `${paris.format(new Date(iso))} (Paris)`;

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/**
 * The text with every UTC ISO instant (`2026-12-04T07:00:00.000Z`, as the SDK's error messages
 * write them) in Paris time, the page's clock.
 */
export const inParisTime = (text: string): string =>
  text.replace(ISO_INSTANT, (iso) => formatParis(iso));

/**
 * A recipient as the SDK sends it (E.164), so that a refused card shows the number the way an
 * accepted one does; what cannot be read stays as typed.
 */
export function displayNumber(input: string): string {
  try {
    return normalizePhoneNumber(input);
  } catch {
    return input.trim();
  }
}

const FINAL_TEXT: Record<DeliveryReportEvent['status'], string> = {
  delivered: 'Delivered to the handset',
  not_delivered: 'Not delivered',
  waiting: 'Sent, waiting for the operator',
  ko: 'Refused by the platform (ko)',
  unknown: 'Unknown status',
};

/** The dashboard's state, fed by the apps' webhook handlers and the send routes. */
export class LiveStore {
  readonly #messages = new Map<string, MessageView>();
  readonly #byMessageId = new Map<string, string>();
  /** Webhook events that arrived before the send's answer (possible with a zero DLR delay). */
  readonly #early = new Map<string, ((view: MessageView) => void)[]>();
  readonly #log: LogEntry[] = [];
  readonly #listeners = new Set<Listener>();
  readonly #optedOut = new Set<string>();
  #seq = 0;
  #logSeq = 0;

  constructor(private readonly now: () => Date) {}

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  snapshot(): { messages: MessageView[]; log: LogEntry[]; optedOut: string[] } {
    return {
      messages: [...this.#messages.values()],
      log: this.#log.slice(-200),
      optedOut: [...this.#optedOut],
    };
  }

  message(id: string): MessageView | undefined {
    return this.#messages.get(id);
  }

  messages(): MessageView[] {
    return [...this.#messages.values()];
  }

  optedOut(): string[] {
    return [...this.#optedOut];
  }

  log(app: LogEntry['app'], text: string): void {
    const entry: LogEntry = { id: ++this.#logSeq, at: this.now().toISOString(), app, text };
    this.#log.push(entry);
    if (this.#log.length > 500) this.#log.splice(0, this.#log.length - 500);
    this.#emit({ type: 'log', entry });
  }

  clockChanged(): void {
    this.#emit({ type: 'clock' });
  }

  /** A send is leaving the page for `app`. */
  created(app: AppName, to: string, text: string): MessageView {
    const view: MessageView = {
      id: `m${++this.#seq}`,
      app,
      to: displayNumber(to),
      text,
      state: 'sending',
      timeline: [],
    };
    this.#messages.set(view.id, view);
    this.#step(view, 'sending', `Sent to the ${APP_LABELS[app]} app`);
    return view;
  }

  /** The app's client got SMS Partner's answer. */
  accepted(
    id: string,
    result: {
      messageId: string;
      billedSegments: number;
      cost: number;
      encoding: string;
      heldUntil?: string | undefined;
      scheduledAt?: string | undefined;
      recipient: string;
    },
  ): void {
    const view = this.#require(id);
    view.messageId = result.messageId;
    view.billedSegments = result.billedSegments;
    view.cost = result.cost;
    view.encoding = result.encoding;
    view.to = result.recipient;
    this.#byMessageId.set(result.messageId, id);
    const parts = `${result.billedSegments} SMS billed, ${result.cost.toFixed(3)} €`;
    this.#step(view, 'accepted', `Accepted by SMS Partner as #${result.messageId} (${parts})`);
    if (result.heldUntil) {
      view.heldUntil = result.heldUntil;
      this.#step(view, 'held', `Held for quiet hours until ${formatParis(result.heldUntil)}`);
    } else if (result.scheduledAt) {
      view.scheduledAt = result.scheduledAt;
      this.#step(
        view,
        'scheduled',
        `Scheduled for the next send window, ${formatParis(result.scheduledAt)}`,
      );
    }
    for (const apply of this.#early.get(result.messageId) ?? []) apply(view);
    this.#early.delete(result.messageId);
  }

  /** The app's client threw. */
  failed(id: string, error: { name: string; code: string; message: string }): void {
    const view = this.#require(id);
    // The page shows Paris time; the SDK's messages give instants in UTC.
    view.error = { ...error, message: inParisTime(error.message) };
    this.#step(view, 'failed', `${error.name}: ${view.error.message}`);
  }

  /** The emulator released a held or scheduled message. */
  released(messageId: string): void {
    this.#withMessage(messageId, (view) => {
      if (view.state !== 'held' && view.state !== 'scheduled') return;
      view.timeline.push({ at: this.#at(), state: 'released', text: 'Released by the platform' });
      view.state = 'accepted';
      this.#emit({ type: 'message', message: view });
    });
  }

  deliveryReport(app: AppName, event: DeliveryReportEvent): void {
    this.log(app, `Delivery report for #${event.messageId}: ${event.rawStatus}`);
    this.#withMessage(event.messageId, (view) => {
      // Held messages leave at their release time on real timers; the report tells us they left.
      if (view.state === 'held' || view.state === 'scheduled') {
        view.timeline.push({ at: this.#at(), state: 'released', text: 'Released by the platform' });
      }
      this.#step(
        view,
        event.status,
        `${FINAL_TEXT[event.status]} (report received by ${APP_LABELS[app]})`,
      );
    });
  }

  reply(app: AppName, event: ReplyEvent): void {
    this.log(app, `Reply from ${event.phoneNumber}: “${event.text}”`);
    this.#attach(event.messageId, 'reply', `Reply “${event.text}” received by ${APP_LABELS[app]}`);
  }

  stop(app: AppName, event: StopEvent): void {
    this.#optedOut.add(event.phoneNumber);
    this.#emit({ type: 'opted-out', numbers: [...this.#optedOut] });
    this.log(app, `STOP from ${event.phoneNumber}: opted out`);
    this.#attach(event.messageId, 'stop', `STOP received by ${APP_LABELS[app]}: opted out`);
  }

  #attach(messageId: string | undefined, state: 'reply' | 'stop', text: string): void {
    if (messageId === undefined) return;
    this.#withMessage(messageId, (view) => {
      view.timeline.push({ at: this.#at(), state, text });
      this.#emit({ type: 'message', message: view });
    });
  }

  #withMessage(messageId: string, apply: (view: MessageView) => void): void {
    const id = this.#byMessageId.get(messageId);
    const view = id === undefined ? undefined : this.#messages.get(id);
    if (view) apply(view);
    else this.#early.set(messageId, [...(this.#early.get(messageId) ?? []), apply]);
  }

  #step(view: MessageView, state: MessageState, text: string): void {
    view.state = state;
    view.timeline.push({ at: this.#at(), state, text });
    this.#emit({ type: 'message', message: view });
  }

  #at(): string {
    return this.now().toISOString();
  }

  #require(id: string): MessageView {
    const view = this.#messages.get(id);
    if (!view) throw new Error(`No message ${id} on the dashboard.`);
    return view;
  }

  #emit(update: LiveUpdate): void {
    for (const listener of this.#listeners) {
      try {
        listener(update);
      } catch {
        // A closed stream must not stop the others.
      }
    }
  }
}
