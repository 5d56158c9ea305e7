/**
 * Keeping your own opt-out list in step with STOP callbacks.
 *
 * SMS Partner keeps its own stop list (numbers on it are refused with error 14); this helper
 * keeps yours, so that you stop sending before the platform refuses, and across providers.
 *
 * Decisions, each configurable:
 * - a `stop` event always opts the number out;
 * - a `reply` or `inbound_message` whose text is a STOP keyword (`isStopKeyword`) also opts out,
 *   although SMS Partner did not flag it: honouring an opt-out wrongly costs one message,
 *   ignoring one breaks French commercial-SMS rules (`honorStopKeywords`);
 * - a later `START` does not opt the number back in by default: SMS Partner does not document that
 *   START removes a number from its stop list, so your list would say "reachable" while the
 *   platform still refuses. Pass `resubscribeKeywords: ['START']` if your flow handles it.
 *
 * Numbers are compared after {@link normalizeOptOutNumber}, so `+33600000000` (short-number
 * STOP) and `33600000000` (long-number `msisdn`) are the same person.
 *
 * @example
 * ```ts
 * import { createOptOutTracker, createWebhookHandler } from '@sms-partner/core';
 *
 * const optOuts = createOptOutTracker(); // or { store: yourDatabaseBackedStore }
 * const handle = createWebhookHandler({ secret, onEvent: (event) => optOuts.handle(event) });
 * if (await optOuts.isOptedOut('06 00 00 00 00')) skipSending();
 * ```
 * @packageDocumentation
 */

import { isStopKeyword } from './stop-keywords.js';
import type { SmsPartnerWebhookEvent } from './types.js';

/** Where opted-out numbers (normalised) are kept. Back it with your database. */
export interface OptOutStore {
  /** Records an opted-out number (already normalised). */
  add(phoneNumber: string): Promise<void>;
  /** Removes a number (opt-in again). */
  delete(phoneNumber: string): Promise<void>;
  /** Whether a (normalised) number opted out. */
  has(phoneNumber: string): Promise<boolean>;
}

/**
 * An in-memory {@link OptOutStore} (a `Set`), optionally seeded, e.g. from SMS Partner's stop list.
 *
 * @example
 * ```ts
 * const store = createMemoryOptOutStore(['+33600000000']);
 * await store.has('+33600000000'); // true
 * ```
 */
export function createMemoryOptOutStore(initial: Iterable<string> = []): OptOutStore {
  const numbers = new Set<string>(initial);
  return {
    async add(phoneNumber) {
      numbers.add(phoneNumber);
    },
    async delete(phoneNumber) {
      numbers.delete(phoneNumber);
    },
    async has(phoneNumber) {
      return numbers.has(phoneNumber);
    },
  };
}

/**
 * A comparable form of a number: separators removed, `00` turned into `+`, international digits
 * without `+` given one, and a French national number (`0` + 9 digits) given `+33`. Anything
 * else is returned without separators.
 *
 * @example
 * ```ts
 * normalizeOptOutNumber('06 00 00 00 00'); // '+33600000000'
 * normalizeOptOutNumber('33600000000'); // '+33600000000'
 * normalizeOptOutNumber('0033600000000'); // '+33600000000'
 * ```
 */
export function normalizeOptOutNumber(phoneNumber: string): string {
  const compact = phoneNumber.replace(/[\s().-]/g, '');
  if (/^\+\d+$/.test(compact)) return compact;
  if (/^00\d+$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^0\d{9}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^[1-9]\d+$/.test(compact)) return `+${compact}`;
  return compact;
}

/** Options of {@link createOptOutTracker}. */
export interface OptOutTrackerOptions {
  /** @default createMemoryOptOutStore() */
  store?: OptOutStore;
  /**
   * Opt out on replies and long-number messages flagged `isStopKeyword` (the parser's
   * `stopKeywords` decide which texts those are).
   * @default true
   */
  honorStopKeywords?: boolean;
  /** Texts that opt a number back in; matched like STOP keywords. @default [] */
  resubscribeKeywords?: readonly string[];
  /** @default normalizeOptOutNumber */
  normalizePhoneNumber?: (phoneNumber: string) => string;
}

/** What {@link OptOutTracker.handle} did. */
export type OptOutChange = 'opted_out' | 'opted_in' | 'unchanged';

/** Keeps an opt-out list in step with webhook events. See {@link createOptOutTracker}. */
export interface OptOutTracker {
  /** Updates the list from any event (events that say nothing about consent are ignored). */
  handle(event: SmsPartnerWebhookEvent): Promise<OptOutChange>;
  /** Whether a number (any format {@link normalizeOptOutNumber} understands) opted out. */
  isOptedOut(phoneNumber: string): Promise<boolean>;
}

/**
 * Creates an {@link OptOutTracker}.
 *
 * @example
 * ```ts
 * const tracker = createOptOutTracker({ resubscribeKeywords: ['START'] });
 * await tracker.handle(parseReply({ type: 'stop', phone_number: '+33600000000', text: 'STOP' })); // 'opted_out'
 * await tracker.isOptedOut('0600000000'); // true
 * ```
 */
export function createOptOutTracker(options: OptOutTrackerOptions = {}): OptOutTracker {
  const store = options.store ?? createMemoryOptOutStore();
  const honor = options.honorStopKeywords ?? true;
  const resubscribe = options.resubscribeKeywords ?? [];
  const normalize = options.normalizePhoneNumber ?? normalizeOptOutNumber;
  return {
    async handle(event) {
      let phoneNumber: string;
      let text: string;
      let stopWord: boolean;
      switch (event.type) {
        case 'stop':
          await store.add(normalize(event.phoneNumber));
          return 'opted_out';
        case 'reply':
          [phoneNumber, text, stopWord] = [event.phoneNumber, event.text, event.isStopKeyword];
          break;
        case 'inbound_message':
          [phoneNumber, text, stopWord] = [event.from, event.text, event.isStopKeyword];
          break;
        default:
          return 'unchanged';
      }
      if (honor && stopWord) {
        await store.add(normalize(phoneNumber));
        return 'opted_out';
      }
      if (resubscribe.length > 0 && isStopKeyword(text, resubscribe)) {
        await store.delete(normalize(phoneNumber));
        return 'opted_in';
      }
      return 'unchanged';
    },
    isOptedOut(phoneNumber) {
      return store.has(normalize(phoneNumber));
    },
  };
}
