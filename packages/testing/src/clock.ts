/**
 * The emulator's clock: real time by default, or frozen and driven by tests. Every time-based
 * behaviour (scheduled sends, status transitions, delivery reports, callback retries, rate-limit
 * windows) reads this clock and runs from its task queue, so advancing it drives them all.
 */

/** Controls over the emulator's notion of "now". */
export interface EmulatorClock {
  /** The emulator's current instant. */
  now(): Date;
  /** `'real'` follows the wall clock (plus any offset from `set`/`advance`); `'manual'` is frozen. */
  readonly mode: 'real' | 'manual';
  /**
   * Moves the clock to `instant` and runs every task that became due, in order, awaiting the
   * callbacks they send. Keeps the current mode. Moving backwards is allowed and runs nothing.
   */
  set(instant: Date | string | number): Promise<void>;
  /** Moves the clock forward by `ms` milliseconds, running due tasks in order (see `set`). */
  advance(ms: number): Promise<void>;
  /** Stops the clock at the current instant (or at `instant`); time then moves only by `set`/`advance`. */
  freeze(instant?: Date | string | number): Promise<void>;
  /** Returns to real time (no offset); tasks then run on real timers. */
  useRealTime(): Promise<void>;
  /** Runs every task due now and waits for the callbacks they send. */
  runDue(): Promise<void>;
  /** The instants of pending tasks, earliest first (for inspection). */
  pending(): { at: Date; label: string }[];
}

/** Clock start configuration. */
export interface ClockOptions {
  /** Start instant. @default now */
  start?: Date | string | number;
  /** Start frozen (time moves only with `set`/`advance`). @default false */
  frozen?: boolean;
}

interface Task {
  at: number;
  seq: number;
  label: string;
  run: () => unknown;
}

/** @internal The clock plus its task queue. */
export class Scheduler implements EmulatorClock {
  #mode: 'real' | 'manual';
  #offset = 0;
  #frozenAt = 0;
  #tasks: Task[] = [];
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight = new Set<Promise<unknown>>();
  #draining: Promise<void> | undefined;
  #stopped = false;

  constructor(options: ClockOptions = {}) {
    this.#mode = 'real';
    this.reinit(options);
  }

  /** Back to the start configuration (used by `reset()`); drops every task. */
  reinit(options: ClockOptions = {}): void {
    this.clear();
    this.#mode = options.frozen ? 'manual' : 'real';
    const start = options.start === undefined ? Date.now() : toMillis(options.start);
    this.#offset = 0;
    if (this.#mode === 'manual') this.#frozenAt = start;
    else this.#offset = start - Date.now();
  }

  get mode(): 'real' | 'manual' {
    return this.#mode;
  }

  nowMs(): number {
    return this.#mode === 'manual' ? this.#frozenAt : Date.now() + this.#offset;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Queues `run` at `at` (epoch ms). A task already due runs at once (asynchronously), in either mode. */
  schedule(at: number, label: string, run: () => unknown): void {
    // Binary insertion after every task due at the same instant or earlier (so equal instants
    // keep their order): a campaign schedules one task per recipient, and sorting the whole queue
    // at each insertion made that quadratic.
    const task = { at, seq: this.#seq++, label, run };
    let low = 0;
    let high = this.#tasks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#tasks[middle] as Task).at <= at) low = middle + 1;
      else high = middle;
    }
    this.#tasks.splice(low, 0, task);
    if (at <= this.nowMs() && !this.#stopped) {
      void this.track(Promise.resolve().then(() => this.#drain(this.nowMs())));
    }
    this.#arm();
  }

  /** Tracks a promise (e.g. a callback being sent) so that `settle()` can wait for it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#inflight.add(promise);
    const done = () => this.#inflight.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Waits until nothing is in flight (callbacks sent from real-time timers included). */
  async settle(): Promise<void> {
    while (this.#inflight.size > 0 || this.#draining) {
      if (this.#draining) await this.#draining;
      await Promise.allSettled([...this.#inflight]);
    }
  }

  pending(): { at: Date; label: string }[] {
    return this.#tasks.map((t) => ({ at: new Date(t.at), label: t.label }));
  }

  async set(instant: Date | string | number): Promise<void> {
    await this.#moveTo(toMillis(instant));
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        `clock.advance(ms) needs a finite, non-negative number of milliseconds; got ${ms}.`,
      );
    }
    await this.#moveTo(this.nowMs() + ms);
  }

  async freeze(instant?: Date | string | number): Promise<void> {
    const target = instant === undefined ? this.nowMs() : toMillis(instant);
    this.#frozenAt = this.nowMs();
    this.#mode = 'manual';
    this.#disarm();
    await this.#moveTo(target);
  }

  async useRealTime(): Promise<void> {
    this.#mode = 'real';
    this.#offset = 0;
    await this.runDue();
    this.#arm();
  }

  async runDue(): Promise<void> {
    await this.#drain(this.nowMs());
    await this.settle();
  }

  /** Drops every task (used by `reset()`); in-flight callbacks finish on their own. */
  clear(): void {
    this.#tasks = [];
    this.#disarm();
  }

  stop(): void {
    this.#stopped = true;
    this.clear();
  }

  async #moveTo(target: number): Promise<void> {
    // Step through each due task at its own instant, so that what a task records (a status
    // date, a callback timestamp) carries the time it was due, not the end of the jump.
    for (;;) {
      const next = this.#tasks[0];
      if (!next || next.at > target) break;
      if (next.at > this.nowMs()) this.#setNow(next.at);
      await this.#drain(this.nowMs());
      await this.settle();
    }
    this.#setNow(target);
    await this.#drain(target);
    await this.settle();
    this.#arm();
  }

  #setNow(ms: number): void {
    if (this.#mode === 'manual') this.#frozenAt = ms;
    else this.#offset = ms - Date.now();
  }

  async #drain(upTo: number): Promise<void> {
    if (this.#draining) await this.#draining;
    const run = async () => {
      for (;;) {
        const next = this.#tasks[0];
        if (!next || next.at > upTo) return;
        this.#tasks.shift();
        try {
          const result = next.run();
          if (result instanceof Promise) await this.track(result).catch(() => undefined);
        } catch {
          // A failing task must not stop the queue; tasks record their own failures.
        }
      }
    };
    this.#draining = run();
    try {
      await this.#draining;
    } finally {
      this.#draining = undefined;
    }
  }

  #disarm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    this.#disarm();
    if (this.#mode !== 'real' || this.#stopped) return;
    const next = this.#tasks[0];
    if (!next) return;
    const delay = Math.max(0, Math.min(next.at - this.nowMs(), 2_147_000_000));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#drain(this.nowMs()).then(() => this.#arm());
    }, delay);
    this.#timer.unref?.();
  }
}

/** Accepts a Date, epoch milliseconds or an ISO-8601 string. */
export function toMillis(value: Date | string | number): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `Invalid instant ${JSON.stringify(String(value))}: pass a Date, epoch milliseconds or an ISO-8601 string such as "2025-03-14T09:00:00+01:00".`,
    );
  }
  return ms;
}
