/**
 * The table behind the built-in in-memory dedupe store, synchronous: `createMemoryDedupeStore`
 * wraps it in the promise-returning `DedupeStore` methods, and the handler calls it directly when
 * it made the store itself, which spares a promise and a microtask per step of every callback.
 */

import type { DedupeClaim, MemoryDedupeStoreOptions } from '../dedupe.js';
import { WebhookError } from '../errors.js';

/** The in-memory dedupe table: the `DedupeStore` methods, answering at once. */
export class MemoryDedupeTable {
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Each remembered key's slot in the ring. */
  private readonly slots = new Map<string, number>();
  // Insertion order lives in a ring of slots rather than in the Map's own order: evicting or
  // sweeping from the front of a Map that keeps deleting walks over its deleted slots, which cost
  // tens of microseconds per callback at 10,000 keys. A slot whose key was deleted or recorded
  // anew meanwhile is emptied (a hole, skipped when it reaches the front), so every key in the
  // ring is in its current slot. A slot is three parallel array cells (key, expiry, handled), not
  // an object: a callback leaves only its key behind for the garbage collector to trace.
  private readonly keys: (string | undefined)[] = [];
  private readonly expiries: number[] = [];
  /** 1 when handled, 0 when in flight. */
  private readonly handled: number[] = [];
  private head = 0;
  private used = 0;

  constructor(options: MemoryDedupeStoreOptions) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new WebhookError('invalid_configuration', 'maxEntries must be a positive integer.', {
        field: 'maxEntries',
      });
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  setIfAbsent(key: string, ttlMs: number): boolean {
    const at = this.now();
    const slot = this.lookup(key, at);
    if (slot !== undefined && this.expiries[slot]! > at) return false;
    this.add(key, at + ttlMs, 1, slot);
    return true;
  }

  claim(key: string, leaseMs: number): DedupeClaim {
    const at = this.now();
    const slot = this.lookup(key, at);
    if (slot !== undefined && this.expiries[slot]! > at) {
      return this.handled[slot] === 1 ? 'handled' : 'in_flight';
    }
    this.add(key, at + leaseMs, 0, slot);
    return 'claimed';
  }

  markHandled(key: string, ttlMs: number): void {
    const at = this.now();
    const slot = this.slots.get(key);
    // In place: the key keeps its place in line (no delete and re-insert per callback).
    if (slot !== undefined && this.expiries[slot]! > at) {
      this.expiries[slot] = at + ttlMs;
      this.handled[slot] = 1;
    } else {
      this.add(key, at + ttlMs, 1, slot);
    }
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.keys[slot] = undefined;
  }

  /** Frees the front slot, forgetting its key. */
  private dropFront(): void {
    const key = this.keys[this.head];
    if (key !== undefined) {
      this.keys[this.head] = undefined;
      this.slots.delete(key);
    }
    this.head = this.head + 1 === this.maxEntries ? 0 : this.head + 1;
    this.used--;
  }

  /** The slot of `key`, live or expired, after sweeping what has expired at the front. */
  private lookup(key: string, at: number): number | undefined {
    while (this.used > 0) {
      const head = this.head;
      if (this.keys[head] !== undefined && this.expiries[head]! > at) break;
      this.dropFront();
    }
    return this.slots.get(key);
  }

  /** Records `key` anew, at the back (forgetting the oldest key when full). */
  private add(key: string, expiresAt: number, handled: number, stale: number | undefined): void {
    if (stale !== undefined) this.keys[stale] = undefined;
    if (this.used === this.maxEntries) this.dropFront();
    const slot = (this.head + this.used) % this.maxEntries;
    this.keys[slot] = key;
    this.expiries[slot] = expiresAt;
    this.handled[slot] = handled;
    this.used++;
    this.slots.set(key, slot);
  }
}
