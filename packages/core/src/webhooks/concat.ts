/**
 * Reassembly of multipart inbound messages, whatever the order their parts arrive in.
 *
 * Parts are kept in a {@link ConcatStore} (in memory by default; bring Redis or a database when
 * several processes receive callbacks) under the sender, the recipient and `concat-ref`: the
 * reference is only one or two bytes in the SMS header, so two senders can share it.
 *
 * A message whose parts have not all arrived `timeoutMs` after the first one is delivered as
 * partial (`partial: true`, `missingParts`) or dropped, as `onTimeout` says. Nothing runs on a
 * timer (core must work on serverless runtimes): a timed-out message is settled when one of its
 * parts arrives late, or by {@link ConcatAssembler.flushExpired}, which the webhook handler calls
 * now and then and which you may call from a scheduled job.
 *
 * @example
 * ```ts
 * import { createConcatAssembler, parseInboundMessage } from '@sms-partner/core';
 *
 * const assembler = createConcatAssembler({ timeoutMs: 5 * 60_000 });
 * const result = await assembler.add(parseInboundMessage(body));
 * if (result.status === 'complete') {
 *   console.log(result.event.text);
 *   await result.commit(); // forget the parts once the message is handled
 * }
 * ```
 * @packageDocumentation
 */

import {
  type ConcatEntry,
  type ConcatStore,
  createMemoryConcatStore,
  type StoredConcatPart,
} from './concat-store.js';
import { WebhookError } from './errors.js';
import { positiveInteger } from './internal/options.js';
import { DEFAULT_STOP_KEYWORDS, isStopKeyword } from './stop-keywords.js';
import type { InboundMessageEvent, InboundMessagePart, WebhookPayload } from './types.js';

/** What to do with a message still incomplete after the timeout. */
export type ConcatTimeoutPolicy = 'deliver_partial' | 'drop';

/** Options of {@link createConcatAssembler}. */
export interface ConcatAssemblerOptions {
  /** Where parts wait. @default createMemoryConcatStore() */
  store?: ConcatStore;
  /**
   * How long after its first part a message may stay incomplete. Operators normally deliver all
   * parts within seconds; the default leaves room for slow ones.
   * @default 600000 (10 minutes)
   */
  timeoutMs?: number;
  /**
   * `'deliver_partial'` hands the parts received so far to your handler with `partial: true`
   * (nothing the sender wrote is lost silently); `'drop'` discards them.
   * @default 'deliver_partial'
   */
  onTimeout?: ConcatTimeoutPolicy;
  /** Keywords for `isStopKeyword` on the reassembled text. @default ['STOP', 'ARRET'] */
  stopKeywords?: readonly string[];
  /** Clock in epoch milliseconds (inject one in tests). @default Date.now */
  now?: () => number;
}

/** A message ready for your handler. */
export interface ConcatReadyResult {
  /** `'complete'`: every part is there; `'partial'`: timed out, delivered with what arrived. */
  status: 'complete' | 'partial';
  /** The reassembled message. */
  event: InboundMessageEvent;
  /** Forgets the stored parts; call it once the event is handled (not if handling failed). */
  commit(): Promise<void>;
}

/** A part stored while its siblings are awaited, or dropped with its timed-out message. */
export interface ConcatWaitingResult {
  /** `'pending'`: stored, siblings awaited; `'dropped'`: timed out under policy `'drop'`. */
  status: 'pending' | 'dropped';
  /** Parts received so far, this one included. */
  received: number;
  /** `concat-total`. */
  total: number;
}

/** The outcome of adding one part (branch with {@link isConcatReady}). */
export type ConcatAddResult = ConcatReadyResult | ConcatWaitingResult;

/**
 * Whether {@link ConcatAssembler.add} produced a message to handle.
 *
 * @example
 * ```ts
 * const result = await assembler.add(part);
 * if (isConcatReady(result)) await handle(result.event).then(result.commit);
 * ```
 */
export function isConcatReady(result: ConcatAddResult): result is ConcatReadyResult {
  return result.status === 'complete' || result.status === 'partial';
}

/** Puts multipart inbound messages back together. See {@link createConcatAssembler}. */
export interface ConcatAssembler {
  /** Adds a parsed part (a message without `concat` comes back `complete` at once). */
  add(part: InboundMessageEvent): Promise<ConcatAddResult>;
  /**
   * Settles every timed-out message: returns the partial ones (policy `'deliver_partial'`) and
   * forgets them. Needs a store with `keys()`; returns `[]` otherwise.
   */
  flushExpired(): Promise<InboundMessageEvent[]>;
}

const NO_OP = async () => undefined;

/**
 * Creates a {@link ConcatAssembler}.
 *
 * @example
 * ```ts
 * const assembler = createConcatAssembler({ onTimeout: 'drop', timeoutMs: 120_000 });
 * ```
 */
export function createConcatAssembler(options: ConcatAssemblerOptions = {}): ConcatAssembler {
  const store = options.store ?? createMemoryConcatStore({ now: options.now });
  const timeoutMs = positiveInteger(options.timeoutMs ?? 600_000, 'timeoutMs');
  const policy = options.onTimeout ?? 'deliver_partial';
  if (policy !== 'deliver_partial' && policy !== 'drop') {
    throw new WebhookError(
      'invalid_configuration',
      "onTimeout must be 'deliver_partial' or 'drop'.",
      {
        field: 'onTimeout',
      },
    );
  }
  const keywords = options.stopKeywords ?? DEFAULT_STOP_KEYWORDS;
  const now = options.now ?? Date.now;
  const locks = new Map<string, Promise<void>>();
  // The assembler deletes entries itself (on completion, timeout or flush); the store's TTL is
  // only a safety net against leaks, so it is generous: a part arriving hours late still finds
  // its siblings, and a message nobody flushes is not lost before someone can.
  const retentionMs = timeoutMs + 86_400_000;

  async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    let release = () => {};
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    locks.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (locks.get(key) === tail) locks.delete(key);
    }
  }

  function build(entry: ConcatEntry, raw: WebhookPayload | undefined): InboundMessageEvent {
    const parts: InboundMessagePart[] = [];
    const missingParts: number[] = [];
    let first: StoredConcatPart | undefined;
    let timestamp: number | undefined;
    for (let position = 1; position <= entry.total; position++) {
      const stored = entry.parts[String(position)];
      if (!stored) {
        missingParts.push(position);
        continue;
      }
      first ??= stored;
      parts.push({
        part: position,
        messageId: stored.messageId,
        text: stored.text,
        raw: stored.raw,
      });
      if (
        stored.timestamp !== undefined &&
        (timestamp === undefined || stored.timestamp < timestamp)
      ) {
        timestamp = stored.timestamp;
      }
    }
    const text = parts.map((part) => part.text).join('');
    return {
      type: 'inbound_message',
      messageId: first?.messageId ?? '',
      from: entry.from,
      to: entry.to,
      text,
      keyword: first?.keyword,
      messageType: first?.messageType,
      timestamp: timestamp === undefined ? undefined : new Date(timestamp),
      concat: undefined,
      parts,
      partial: missingParts.length > 0,
      missingParts,
      isStopKeyword: isStopKeyword(text, keywords),
      raw: first?.raw ?? raw ?? {},
    };
  }

  const expired = (entry: ConcatEntry) => entry.firstSeenAt + timeoutMs <= now();

  return {
    async add(part) {
      const concat = part.concat;
      if (!concat) return { status: 'complete', event: part, commit: NO_OP };
      const key = `concat:${part.from}:${part.to ?? ''}:${concat.ref}`;
      return withLock(key, async (): Promise<ConcatAddResult> => {
        const entry: ConcatEntry = (await store.get(key)) ?? {
          firstSeenAt: now(),
          total: concat.total,
          from: part.from,
          ...(part.to === undefined ? {} : { to: part.to }),
          parts: {},
        };
        const stored: StoredConcatPart = {
          messageId: part.messageId,
          text: part.text,
          raw: part.raw,
        };
        if (part.timestamp) stored.timestamp = part.timestamp.getTime();
        if (part.keyword !== undefined) stored.keyword = part.keyword;
        if (part.messageType !== undefined) stored.messageType = part.messageType;
        entry.parts[String(concat.part)] = stored;
        const event = build(entry, part.raw);
        const commit = () => withLock(key, () => store.delete(key));
        if (!event.partial) return { status: 'complete', event, commit };
        const received = event.parts?.length ?? 0;
        if (!expired(entry)) {
          await store.set(key, entry, retentionMs);
          return { status: 'pending', received, total: entry.total };
        }
        if (policy === 'drop') {
          await store.delete(key);
          return { status: 'dropped', received, total: entry.total };
        }
        await store.set(key, entry, retentionMs);
        return { status: 'partial', event, commit };
      });
    },

    async flushExpired() {
      if (!store.keys) return [];
      const events: InboundMessageEvent[] = [];
      for (const key of await store.keys()) {
        await withLock(key, async () => {
          const entry = await store.get(key);
          if (!entry || !expired(entry)) return;
          await store.delete(key);
          if (policy === 'deliver_partial') events.push(build(entry, undefined));
        });
      }
      return events;
    },
  };
}
