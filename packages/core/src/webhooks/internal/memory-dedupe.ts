/**
 * The table behind the built-in in-memory dedupe store, synchronous: `createMemoryDedupeStore`
 * wraps it in the promise-returning `DedupeStore` methods, and the handler calls it directly when
 * it made the store itself, which spares a promise and a microtask per step of every callback.
 */

import type { DedupeClaim, MemoryDedupeStoreOptions } from '../dedupe.js';
import { WebhookError } from '../errors.js';

/** A remembered key: when it expires, whether it was handled (else it is in flight), its slot. */
class DedupeEntry {
  constructor(
    readonly key: string,
    public expiresAt: number,
    public handled: boolean,
    readonly slot: number,
  ) {}
}

/** The in-memory dedupe table: the `DedupeStore` methods, answering at once. */
export class MemoryDedupeTable {
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, DedupeEntry>();
  // Insertion order lives in a ring of entries rather than in the Map's own order: evicting or
  // sweeping from the front of a Map that keeps deleting walks over its deleted slots, which cost
  // tens of microseconds per callback at 10,000 keys. A slot whose key was deleted or recorded
  // anew meanwhile is emptied (a hole, skipped when it reaches the front), so every entry in the
  // ring is the current one of its key.
  private readonly ring: (DedupeEntry | undefined)[] = [];
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
    const entry = this.lookup(key, at);
    if (entry !== undefined && entry.expiresAt > at) return false;
    this.add(key, at + ttlMs, true, entry);
    return true;
  }

  claim(key: string, leaseMs: number): DedupeClaim {
    const at = this.now();
    const entry = this.lookup(key, at);
    if (entry !== undefined && entry.expiresAt > at) {
      return entry.handled ? 'handled' : 'in_flight';
    }
    this.add(key, at + leaseMs, false, entry);
    return 'claimed';
  }

  markHandled(key: string, ttlMs: number): void {
    const at = this.now();
    const entry = this.entries.get(key);
    // In place: the key keeps its place in line (no delete and re-insert per callback).
    if (entry !== undefined && entry.expiresAt > at) {
      entry.expiresAt = at + ttlMs;
      entry.handled = true;
    } else {
      this.add(key, at + ttlMs, true, entry);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.ring[entry.slot] = undefined;
  }

  /** Frees the front slot, forgetting its key. */
  private dropFront(): void {
    const entry = this.ring[this.head];
    if (entry !== undefined) {
      this.ring[this.head] = undefined;
      this.entries.delete(entry.key);
    }
    this.head = this.head + 1 === this.maxEntries ? 0 : this.head + 1;
    this.used--;
  }

  /** The entry under `key`, live or expired, after sweeping what has expired at the front. */
  private lookup(key: string, at: number): DedupeEntry | undefined {
    while (this.used > 0) {
      const front = this.ring[this.head];
      if (front !== undefined && front.expiresAt > at) break;
      this.dropFront();
    }
    return this.entries.get(key);
  }

  /** Records `key` anew, at the back (forgetting the oldest key when full). */
  private add(key: string, expiresAt: number, handled: boolean, stale: DedupeEntry | undefined) {
    if (stale !== undefined) this.ring[stale.slot] = undefined;
    if (this.used === this.maxEntries) this.dropFront();
    const slot = (this.head + this.used) % this.maxEntries;
    const entry = new DedupeEntry(key, expiresAt, handled, slot);
    this.ring[slot] = entry;
    this.used++;
    this.entries.set(key, entry);
  }
}
