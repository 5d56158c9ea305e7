import type { MessageCategory, SmsPartnerErrorJSON } from '@sms-partner/core';
import type { JobSendOptions } from './internal/model.js';

/** Send options a queued message may carry (scheduling and `tag` belong to the outbox). */
export interface OutboxMessageOptions extends JobSendOptions {
  /**
   * Sender name shown to the recipient (3 to 11 letters or digits).
   * @see https://www.docpartner.dev/en/api/sms-partner/send-sms/single-send
   */
  sender?: string;
  /** Append the STOP mention (mandatory for commercial SMS). @default false */
  isStopSms?: boolean;
  /** Send in Unicode (70 characters per SMS). @default false */
  isUnicode?: boolean;
  /** URL that receives delivery reports; point it at a webhook that calls `recordDeliveryReport`. */
  urlDlr?: string;
  /** URL that receives replies. */
  urlResponse?: string;
  /** `'premium'` or `'lowcost'`. @default 'premium' */
  range?: 'premium' | 'lowcost';
  /** Sandbox: nothing sent or charged. @default the worker client's `sandbox` */
  sandbox?: boolean;
  /**
   * `'commercial'` messages wait out quiet hours (in the recipient's zone when overseas);
   * `'transactional'` ones leave at once.
   * @default the outbox's `category` ('commercial')
   */
  category?: MessageCategory;
}

/** Parameters of {@link SmsOutbox.send}. */
export interface OutboxSendParams extends OutboxMessageOptions {
  /** The one recipient (French national or international form). */
  to: string;
  /** The text as the recipient should read it. */
  message: string;
  /**
   * Idempotency key: the same key enqueued again (a retried HTTP request, a replayed event) is
   * sent once, for as long as the outbox keeps records (`keepRecordsMs`). Becomes the job id.
   * @default a random UUID
   */
  key?: string;
}

/** What {@link SmsOutbox.send} returns. */
export interface EnqueuedSend {
  /** The BullMQ job id (derived from the key). */
  jobId: string;
  key: string;
  /** True when this key was already enqueued: nothing new was queued. */
  duplicate: boolean;
}

/** One recipient of a campaign: a number, or a number with its own text. */
export type CampaignRecipient = string | { to: string; message?: string };

/** Parameters of {@link SmsOutbox.enqueueCampaign}. */
export interface CampaignParams extends OutboxMessageOptions {
  /**
   * Your id for the campaign. Enqueueing the same id with the same recipients again (after a
   * crash mid-enqueue, say) queues nothing twice and sends nothing twice.
   */
  id: string;
  /** A label kept with the counts. */
  name?: string;
  /** The text for recipients that have none of their own. */
  message?: string;
  /** Recipients, read one at a time: an array, a generator, a database cursor, a file reader. */
  recipients: Iterable<CampaignRecipient> | AsyncIterable<CampaignRecipient>;
}

/** A recipient left out of a campaign at enqueue time. */
export interface RejectedRecipient {
  /** Position in the stream (0-based). */
  index: number;
  /** The value as given. */
  input: string;
  /** Why: the number is unreadable, the text is missing, or it repeats within its batch. */
  reason: 'invalid_number' | 'missing_message' | 'duplicate';
  /** What was wrong, from the validation error. */
  message: string;
}

/** What {@link SmsOutbox.enqueueCampaign} returns. */
export interface EnqueuedCampaign {
  campaignId: string;
  /** Recipients read from the stream. */
  read: number;
  /** Recipients queued. */
  queued: number;
  /** Batches (jobs) created. */
  batches: number;
  /** How many were left out (counted as failed, except duplicates, which are not counted). */
  rejected: number;
  /** The first 100 left out, with the reason. */
  rejectedSample: RejectedRecipient[];
}

/**
 * Where a campaign's recipients are. The counts partition `total`: each recipient is in exactly
 * one of them at any time.
 */
export interface CampaignCounts {
  campaignId: string;
  name: string | undefined;
  /** `'enqueuing'`, `'enqueued'` (all batches queued) or `'cancelled'`. */
  state: 'enqueuing' | 'enqueued' | 'cancelled';
  /** Every recipient has left the queue (sent, failed, stopped or cancelled). */
  done: boolean;
  total: number;
  /** Waiting to be sent (quiet hours, rate limit, backlog, retries). */
  queued: number;
  /** Sent with an unknown outcome, waiting for reconciliation through the status endpoints. */
  parked: number;
  /** Accepted by SMS Partner, no final delivery report yet. */
  sent: number;
  /** Delivery report: delivered. */
  delivered: number;
  /** Refused at send, dead-lettered, invalid at enqueue, or a final report other than delivered. */
  failed: number;
  /** Not sent because the recipient is on the STOP list. */
  stopped: number;
  /** Not sent because the campaign was cancelled. */
  cancelled: number;
}

/** An event published by the outbox (on Redis Pub/Sub, so any instance can listen). */
export type OutboxEvent =
  | {
      /** A job left the queue: sent (some recipients may have been refused) or dead-lettered. */
      type: 'send';
      state: 'sent' | 'dead';
      jobId: string;
      campaignId: string;
      key: string;
      messageId: string;
      sent: number;
      failed: number;
      stopped: number;
    }
  | {
      /** An attempt's outcome is unknown: the job waits for reconciliation. */
      type: 'parked';
      jobId: string;
      campaignId: string;
      error: SmsPartnerErrorJSON;
    }
  | {
      /** A final delivery report was counted. */
      type: 'delivery';
      campaignId: string;
      key: string;
      messageId: string;
      phoneNumber: string;
      status: 'delivered' | 'failed';
    }
  | {
      /** No recipient of the campaign is left in the queue (`done`), or it was cancelled. */
      type: 'campaign';
      campaignId: string;
      state: 'done' | 'cancelled';
    };

/** A dead-lettered job, with the typed error that stopped it. */
export interface DeadLetter {
  jobId: string;
  campaignId: string | undefined;
  key: string | undefined;
  recipients: string[];
  /** The error as `toJSON()` gave it (code, outcome, apiCode, field, fix, ...). */
  error: SmsPartnerErrorJSON | undefined;
  failedAt: Date | undefined;
}
