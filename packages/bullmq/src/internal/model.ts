/**
 * What a job carries and where the outbox keeps its records. Job data is compact on purpose: a
 * campaign of a million recipients is 2,000 jobs of 500, each a few kilobytes.
 */
import type { HolidayZone, MessageCategory, QuietHoursPolicy } from '@sms-partner/core';

/** Send options carried by a job (the subset of the client's that a queued send may use). */
export interface JobSendOptions {
  sender?: string;
  isStopSms?: boolean;
  isUnicode?: boolean;
  urlDlr?: string;
  urlResponse?: string;
  range?: 'premium' | 'lowcost';
  sandbox?: boolean;
}

/** The data of one outbox job: one send, or one batch of a campaign. */
export interface OutboxJobData {
  /** Format version. */
  v: 1;
  /** Campaign id, for batches. */
  c?: string;
  /** Batch number within the campaign. */
  b?: number;
  /** Idempotency key, for single sends. */
  k?: string;
  /** Message category: quiet hours apply to commercial ones. */
  cat: MessageCategory;
  /** Quiet-hours policy and the recipients' zone, for commercial messages. */
  q?: { p: QuietHoursPolicy; z?: HolidayZone; tz?: string };
  /** Send options. */
  o: JobSendOptions;
  /** The text shared by every recipient, when there is one. */
  m?: string;
  /** Recipients in E.164 form, each with its own text when it has one. */
  r: Array<[to: string, text?: string]>;
}

/** Redis key names, under BullMQ's own prefix and queue name (one Cluster slot with braces). */
export class Keys {
  readonly base: string;
  constructor(prefix: string, queueName: string) {
    this.base = `${prefix}:${queueName}:sp`;
  }
  record(jobId: string): string {
    return `${this.base}:rec:${jobId}`;
  }
  get seq(): string {
    return `${this.base}:seq`;
  }
  get campaignPrefix(): string {
    return `${this.base}:cmp:`;
  }
  campaign(id: string): string {
    return `${this.campaignPrefix}${id}`;
  }
  campaignBatches(id: string): string {
    return `${this.base}:cmpb:${id}`;
  }
  message(messageId: string): string {
    return `${this.base}:msg:${messageId}`;
  }
  pendingReports(messageId: string): string {
    return `${this.base}:dlrq:${messageId}`;
  }
  get channel(): string {
    return `${this.base}:events`;
  }
}

/** BullMQ job ids may not contain ':'; these keep ids readable and reversible. */
export function sendJobId(key: string): string {
  return `s_${encodeURIComponent(key)}`;
}

export function batchJobId(campaignId: string, batch: number): string {
  return `c_${encodeURIComponent(campaignId)}_${batch}`;
}

export const QUEUE_NAME = 'sms-partner';
export const PREFIX = 'bull';
