/**
 * Sends callbacks, records every attempt and retries failures on the emulator clock.
 * Retries are undocumented (gaps §1): the schedule is configurable.
 */
import type { Scheduler } from '../clock.js';
import type { CallbackRecord } from '../types.js';
import { type EncodedCallback, encodeCallback } from './formats.js';

export interface DispatchSettings {
  retryDelaysMs: number[];
  timeoutMs: number;
}

export class CallbackDispatcher {
  readonly records: CallbackRecord[] = [];
  #nextId = 1;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly settings: () => DispatchSettings,
  ) {}

  /** Encodes and sends a callback now; resolves after the first attempt. */
  async send(
    kind: CallbackRecord['kind'],
    target: string,
    payload: Record<string, string | number>,
    transport: 'json' | 'form' | 'query',
    meta: { messageId?: number | string; phoneNumber?: string } = {},
  ): Promise<CallbackRecord> {
    let encoded: EncodedCallback;
    try {
      encoded = encodeCallback(target, payload, transport);
    } catch {
      encoded = { method: 'POST', url: target, headers: {}, body: '' };
    }
    const record: CallbackRecord = {
      id: this.#nextId++,
      kind,
      method: encoded.method,
      url: encoded.url,
      headers: encoded.headers,
      body: encoded.body,
      payload,
      ...meta,
      attempts: [],
      state: 'pending',
    };
    this.records.push(record);
    await this.scheduler.track(this.#attempt(record, 0));
    return record;
  }

  clear(): void {
    this.records.length = 0;
    this.#nextId = 1;
  }

  async #attempt(record: CallbackRecord, retryIndex: number): Promise<void> {
    const at = this.scheduler.now();
    const { timeoutMs, retryDelaysMs } = this.settings();
    let ok = false;
    try {
      const response = await fetch(record.url, {
        method: record.method,
        headers: { 'user-agent': 'sms-partner-emulator', ...record.headers },
        body: record.method === 'GET' ? undefined : record.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const responseBody = await response.text().catch(() => '');
      record.attempts.push({
        at,
        status: response.status,
        responseBody: responseBody.slice(0, 2000),
      });
      ok = response.status >= 200 && response.status < 300;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message;
      const message =
        error instanceof Error
          ? `${error.name}: ${error.message}${detail ? ` (${detail})` : ''}`
          : String(error);
      record.attempts.push({ at, error: message });
    }
    if (ok) {
      record.state = 'delivered';
      return;
    }
    const delay = retryDelaysMs[retryIndex];
    if (delay === undefined) {
      record.state = 'failed';
      return;
    }
    record.state = 'retrying';
    this.scheduler.schedule(this.scheduler.nowMs() + delay, `retry callback #${record.id}`, () =>
      this.#attempt(record, retryIndex + 1),
    );
  }
}
