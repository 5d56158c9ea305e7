import type { MessageAnalysis } from '../../message/index.js';
import { asRecord } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { decideQuietHours, prepareMessage, scheduleFields } from '../internal/prepare.js';
import { postSend } from '../internal/send-answer.js';
import {
  checkFlag,
  checkNoSandbox,
  checkRecipients,
  checkSender,
  Issues,
} from '../internal/validate.js';
import type { RequestOptions } from '../options.js';
import type { QuietHoursSendOptions, SendResultBase } from './sms-types.js';

/** A quick-reply chip (the documented suggestion type); other types pass through as objects. */
export type RcsSuggestion =
  | { reply: { text: string; postbackData: string } }
  | Record<string, unknown>;

/** The rich content of an RCS message: text, a file, or a rich card, with up to 4 suggestions. */
export interface RcsRichContent {
  conversation: {
    /** Plain text. */
    text?: string;
    /** A media file. */
    file?: { media: { fileUrl: string } };
    /** A rich card (title ≤ 200, description ≤ 500 characters). */
    richCard?: {
      orientation?: 'VERTICAL' | 'HORIZONTAL';
      thumbnailImageAlignment?: 'LEFT' | 'RIGHT';
      title?: string;
      description?: string;
      [field: string]: unknown;
    };
    /** Up to 4 suggestions. */
    suggestions?: readonly RcsSuggestion[];
  };
}

/** Parameters of {@link RcsResource.send}. */
export interface SendRcsParams extends QuietHoursSendOptions {
  /** Up to 500 recipients (sent as a JSON array, as the docs show). */
  to: string | readonly string[];
  /** What to show. */
  richContent: RcsRichContent;
  /** The SMS sent instead to phones without RCS. */
  failover?: { sender?: string; message: string; isStopSms?: boolean; isUnicode?: boolean };
  /** Send later (rounded up to 5 minutes, Paris time). */
  scheduledAt?: Date;
  /**
   * RCS has no sandbox mode: while the client is in sandbox mode this call is refused unless it
   * says `sandbox: false` (then it really sends).
   * @default the client's `sandbox`
   */
  sandbox?: boolean;
}

/** Result of {@link RcsResource.send}. */
export interface SendRcsResult extends SendResultBase {
  /** Recipients, E.164, each once. */
  recipients: string[];
  /** Analysis of the failover SMS, when there is one. */
  failoverAnalysis: MessageAnalysis | undefined;
}

/** RCS rich messages (must be enabled by SMS Partner support). */
export class RcsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Sends an RCS message, with an optional SMS failover (`POST /v1/rcs/send`). The same quiet
   * hours apply as for SMS.
   * @see https://www.docpartner.dev/en/api/sms-partner/rcs
   * @example
   * ```ts
   * await client.rcs.send({
   *   to: ['0612345678'],
   *   richContent: { conversation: { text: 'Votre colis arrive demain', suggestions: [{ reply: { text: 'OK', postbackData: 'ok' } }] } },
   *   failover: { message: 'Votre colis arrive demain' },
   * });
   * ```
   */
  async send(params: SendRcsParams, options?: RequestOptions): Promise<SendRcsResult> {
    const endpoint = 'POST /v1/rcs/send';
    const issues = new Issues();
    const input = asRecord(params);
    const recipients = checkRecipients(issues, 'to', input.to);
    const conversation = asRecord(asRecord(input.richContent).conversation);
    if (Object.keys(conversation).length === 0) {
      issues.add(
        'richContent',
        'needs a conversation with text, a file or a rich card.',
        "pass richContent: { conversation: { text: 'Bonjour' } }.",
      );
    }
    const suggestions = conversation.suggestions;
    if (suggestions !== undefined && !(Array.isArray(suggestions) && suggestions.length <= 4)) {
      issues.add(
        'richContent.conversation.suggestions',
        'must be a list of at most 4 suggestions.',
        'keep 4 or fewer.',
      );
    }
    const card = asRecord(conversation.richCard);
    if (typeof card.title === 'string' && card.title.length > 200) {
      issues.add(
        'richContent.conversation.richCard.title',
        `is ${card.title.length} characters long (at most 200).`,
        'shorten it.',
      );
    }
    if (typeof card.description === 'string' && card.description.length > 500) {
      issues.add(
        'richContent.conversation.richCard.description',
        `is ${card.description.length} characters long (at most 500).`,
        'shorten it.',
      );
    }
    let failover: Record<string, unknown> | undefined;
    let failoverAnalysis: MessageAnalysis | undefined;
    if (input.failover !== undefined) {
      const fallback = asRecord(input.failover);
      failoverAnalysis = prepareMessage(
        this.#context,
        issues,
        'failover.message',
        fallback.message,
        {
          isStopSms: fallback.isStopSms === true ? true : undefined,
          isUnicode: fallback.isUnicode === true ? true : undefined,
        },
      );
      failover = {
        sender: checkSender(issues, 'failover.sender', fallback.sender),
        message: failoverAnalysis?.wireText,
        isStopSms: checkFlag(issues, 'failover.isStopSms', fallback.isStopSms),
        isUnicode: checkFlag(issues, 'failover.isUnicode', fallback.isUnicode),
      };
    }
    const schedule = scheduleFields(this.#context, issues, 'scheduledAt', input.scheduledAt);
    checkNoSandbox(issues, this.#context.sandbox, input.sandbox, endpoint);
    issues.done();
    const decision = decideQuietHours(this.#context, {
      mode: params.quietHours,
      category: params.category,
      scheduledAt: schedule?.at,
      canSchedule: true,
      endpoint,
    });
    let fields = schedule?.fields;
    if (decision.deferred && decision.scheduledAt) {
      const again = new Issues();
      fields = scheduleFields(this.#context, again, 'scheduledAt', decision.scheduledAt)?.fields;
      again.done();
    }
    const body = {
      phoneNumbers: recipients.numbers,
      // Documented as required with the value 1.
      isUnicode: 1,
      richContent: input.richContent,
      failover,
      ...fields,
    };
    const { answer, result } = await postSend(this.#context, '/v1/rcs/send', body, options, {
      xmlKeys: ['success', 'code', 'message_id', 'nb_rcs', 'cost', 'currency'],
    });
    return {
      ...answer,
      recipients: recipients.numbers,
      failoverAnalysis,
      scheduledAt: answer.scheduledAt ?? decision.scheduledAt,
      heldUntil: decision.heldUntil,
      deferred: decision.deferred,
      sandbox: false,
      raw: result.raw,
    };
  }
}
