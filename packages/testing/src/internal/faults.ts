/**
 * Fault injection: per endpoint (route name, path or RegExp) and for the next N calls.
 */

/** The failure to simulate. */
export type FaultKind =
  /** Only waits `latencyMs` (real time), then answers normally. */
  | 'latency'
  /** Destroys the socket before reading the body: nothing is processed. */
  | 'reset-before-body'
  /** Reads the body, then destroys the socket: nothing is processed. */
  | 'reset-after-body'
  /** Processes the request (an SMS is sent), then destroys the socket without answering. */
  | 'reset-after-processing'
  /** Answers `status` (default 500) with a JSON body: nothing is processed. */
  | 'server-error'
  /** Answers 429 with `Retry-After: retryAfter` (default 1 s): nothing is processed. */
  | 'rate-limit'
  /** Answers `status` (default 502) with an HTML error page: nothing is processed. */
  | 'html'
  /** Processes the request, then sends only the first `truncateAt` bytes of the JSON body. */
  | 'truncated-json'
  /**
   * Processes the request (an SMS is sent), sends the headers and the first `truncateAt` bytes of
   * the body (default half), then stalls with the connection open until the client gives up: only
   * the client's timeout ends the wait.
   */
  | 'stall-body'
  /**
   * The incident of gaps §4: answers `{"success":true,"code":200,"message":"Request queued for
   * processing"}` without `message_id`; nothing is processed.
   */
  | 'success-without-id';

/** A fault to inject with `emulator.faults.inject()`. */
export interface FaultSpec {
  /** What goes wrong; see {@link FaultKind}. */
  kind: FaultKind;
  /** Route name (`'send'`, `'contact/add'`), a path (`'/v1/send'`), a RegExp on the path, or `'*'`. @default '*' */
  route?: string | RegExp;
  /** Only requests with this HTTP method. @default any */
  method?: string;
  /** How many matching requests it affects. @default Infinity */
  times?: number;
  /** Real-time delay before the fault (or before the normal answer for `'latency'`). @default 0 */
  latencyMs?: number;
  /** HTTP status for `'server-error'` (500) and `'html'` (502). */
  status?: number;
  /** Seconds in `Retry-After` for `'rate-limit'`. @default 1 */
  retryAfter?: number;
  /** Body override for `'server-error'` and `'html'`. */
  body?: string;
  /** Bytes kept by `'truncated-json'` (or sent before `'stall-body'` stalls). @default half of the body */
  truncateAt?: number;
}

/** A live injected fault. */
export interface FaultHandle {
  /** Identifies the fault in `faults.list()`. */
  readonly id: number;
  /** The fault as injected. */
  readonly spec: Readonly<FaultSpec>;
  /** Matching requests it still affects. */
  readonly remaining: number;
  /** Requests it has affected. */
  readonly hits: number;
  /** Removes the fault now. */
  remove(): void;
}

const KINDS: FaultKind[] = [
  'latency',
  'reset-before-body',
  'reset-after-body',
  'reset-after-processing',
  'server-error',
  'rate-limit',
  'html',
  'truncated-json',
  'stall-body',
  'success-without-id',
];

interface LiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

export class FaultRegistry {
  #faults: LiveFault[] = [];
  #nextId = 1;

  inject(spec: FaultSpec): FaultHandle {
    if (!KINDS.includes(spec.kind)) {
      throw new TypeError(
        `Unknown fault kind "${String(spec.kind)}"; use one of ${KINDS.join(', ')}.`,
      );
    }
    const times = spec.times ?? Number.POSITIVE_INFINITY;
    if (!(times > 0)) throw new RangeError(`FaultSpec.times must be >= 1; got ${spec.times}.`);
    if (spec.latencyMs !== undefined && !(spec.latencyMs >= 0)) {
      throw new RangeError(`FaultSpec.latencyMs must be >= 0; got ${spec.latencyMs}.`);
    }
    const live: LiveFault = { id: this.#nextId++, spec: { ...spec }, remaining: times, hits: 0 };
    this.#faults.push(live);
    const faults = this;
    return {
      id: live.id,
      spec: live.spec,
      get remaining() {
        return live.remaining;
      },
      get hits() {
        return live.hits;
      },
      remove() {
        faults.#faults = faults.#faults.filter((f) => f !== live);
      },
    };
  }

  /** Takes the first fault matching this request (consuming one of its `times`). */
  take(method: string, path: string, route: string | undefined): FaultSpec | undefined {
    const found = this.#faults.find((f) => matches(f.spec, method, path, route));
    if (!found) return undefined;
    found.remaining -= 1;
    found.hits += 1;
    if (found.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== found);
    return found.spec;
  }

  list(): { id: number; spec: FaultSpec; remaining: number; hits: number }[] {
    return this.#faults.map((f) => ({ ...f, spec: { ...f.spec } }));
  }

  clear(): void {
    this.#faults = [];
  }
}

function matches(
  spec: FaultSpec,
  method: string,
  path: string,
  route: string | undefined,
): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  const target = spec.route ?? '*';
  if (target === '*') return true;
  if (target instanceof RegExp) return target.test(path);
  const normalised = target.replace(/^\/?(v1\/)?/, '');
  return normalised === route || target === path;
}
