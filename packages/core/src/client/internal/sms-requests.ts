/**
 * Validation and requests of `/v1/send` and `/v1/bulk-send`, shared by the single and the batched
 * methods of `client.sms`: everything is checked and converted once, then each batch is sent once.
 */
import type { MessageAnalysis } from '../../message/index.js';
import { describeApiCode } from '../error-codes.js';
import type { RequestOptions } from '../options.js';
import type {
  BulkSendItem,
  BulkSendParams,
  BulkSendResult,
  SendSmsParams,
  SendSmsResult,
  SmsSendOptions,
} from '../resources/sms-types.js';
import { asArray, asRecord, toBoolean, toNumber, toText } from './coerce.js';
import type { ClientContext } from './context.js';
import { decideQuietHours, type MessageFlags, prepareMessage, scheduleFields } from './prepare.js';
import { postSend } from './send-answer.js';
import {
  checkFlag,
  checkPhone,
  checkRecipients,
  checkSender,
  checkTag,
  checkUrl,
  Issues,
} from './validate.js';

interface Common {
  body: Record<string, unknown>;
  scheduledAt: Date | undefined;
  heldUntil: Date | undefined;
  deferred: boolean;
  sandbox: boolean;
  format: 'json' | 'xml' | undefined;
}

/** A validated `/v1/send`, ready to go out (once per batch). */
export interface PreparedSend extends Common {
  recipients: string[];
  duplicates: number;
  analysis: MessageAnalysis;
}

/** A validated `/v1/bulk-send`. */
export interface PreparedBulk extends Common {
  messages: Array<{ to: string; message: string; wire: string }>;
  analyses: MessageAnalysis[];
  duplicates: number;
}

/** The params as an object, or a validation error saying what to pass. */
export function paramsObject(
  issues: Issues,
  params: unknown,
  example: string,
): Record<string, unknown> {
  if (params === null || typeof params !== 'object') {
    issues.add(
      'params',
      `must be an object; received ${params === null ? 'null' : typeof params}.`,
      `pass ${example}.`,
    );
    issues.done();
  }
  return params as Record<string, unknown>;
}

export function prepareSend(
  context: ClientContext,
  params: SendSmsParams,
  max: number,
): PreparedSend {
  const issues = new Issues();
  const input = paramsObject(issues, params, "{ to: '0612345678', message: 'Bonjour' }");
  const recipients = checkRecipients(issues, 'to', input.to, { max });
  const common = commonFields(context, issues, input);
  const analysis = prepareMessage(context, issues, 'message', input.message, flags(input));
  issues.done();
  const decision = decide(context, params, common.scheduleAt, '/v1/send');
  const body: Record<string, unknown> = {
    phoneNumbers: recipients.numbers.join(','),
    message: analysis!.wireText,
  };
  // Assigned rather than spread into the literal: V8 adds properties after a spread one by one on
  // its slow path, which cost more than the rest of the request building.
  Object.assign(body, common.body);
  if (decision.fields !== undefined) Object.assign(body, decision.fields);
  const { scheduledAt, heldUntil, deferred, sandbox, format } = decision.common;
  return {
    recipients: recipients.numbers,
    duplicates: recipients.duplicates,
    analysis: analysis!,
    scheduledAt,
    heldUntil,
    deferred,
    sandbox,
    format,
    body,
  };
}

export function prepareBulk(
  context: ClientContext,
  params: BulkSendParams,
  max: number,
): PreparedBulk {
  const issues = new Issues();
  const input = paramsObject(
    issues,
    params,
    "{ messages: [{ to: '0612345678', message: 'Bonjour' }] }",
  );
  const list = Array.isArray(input.messages) ? (input.messages as unknown[]) : undefined;
  if (list === undefined || list.length === 0) {
    issues.add(
      'messages',
      'needs at least one { to, message } item.',
      "pass messages: [{ to: '0612345678', message: 'Bonjour' }].",
    );
  }
  const common = commonFields(context, issues, input);
  const seen = new Set<string>();
  const messages: PreparedBulk['messages'] = [];
  const analyses: MessageAnalysis[] = [];
  let duplicates = 0;
  (list ?? []).forEach((item, index) => {
    const record = asRecord(item);
    const to = checkPhone(issues, `messages[${index}].to`, record.to);
    const analysis = prepareMessage(
      context,
      issues,
      `messages[${index}].message`,
      record.message,
      flags(input),
    );
    if (to === undefined || analysis === undefined) return;
    const key = `${to}\u0000${analysis.wireText}`;
    if (seen.has(key)) {
      duplicates++;
      return;
    }
    seen.add(key);
    messages.push({ to, message: record.message as string, wire: analysis.wireText });
    analyses.push(analysis);
  });
  if (messages.length > max) {
    issues.add(
      'messages',
      `has ${messages.length} messages; one request takes at most ${max}.`,
      'split them, or use client.sms.bulkSendBatched().',
    );
  }
  issues.done();
  const decision = decide(context, params, common.scheduleAt, '/v1/bulk-send');
  return {
    messages,
    analyses,
    duplicates,
    ...decision.common,
    body: {
      SMSList: messages.map((m) => ({ phoneNumber: m.to, message: m.wire })),
      ...common.body,
      ...decision.fields,
    },
  };
}

/** Validates the options shared by `/v1/send` and `/v1/bulk-send`. */
function commonFields(context: ClientContext, issues: Issues, input: Record<string, unknown>) {
  const sender = checkSender(issues, 'sender', input.sender);
  const tag = checkTag(issues, 'tag', input.tag);
  const urlResponse = checkUrl(issues, 'urlResponse', input.urlResponse);
  const urlDlr = checkUrl(issues, 'urlDlr', input.urlDlr);
  const isStopSms = checkFlag(issues, 'isStopSms', input.isStopSms);
  const isUnicode = checkFlag(issues, 'isUnicode', input.isUnicode);
  const sandbox = checkFlag(issues, 'sandbox', input.sandbox) ?? (context.sandbox ? 1 : undefined);
  const range = input.range;
  if (range !== undefined && range !== 'premium' && range !== 'lowcost') {
    issues.add(
      'range',
      `must be 'premium' or 'lowcost'; received ${JSON.stringify(range)}.`,
      "pass range: 'lowcost' for the ECO range, or omit it.",
    );
  }
  const schedule = scheduleFields(context, issues, 'scheduledAt', input.scheduledAt);
  return {
    scheduleAt: schedule?.at,
    body: {
      sender,
      tag,
      urlResponse,
      urlDlr,
      isStopSms,
      isUnicode,
      sandbox,
      // gamme is missing from the current parameter table but still honoured (spec §2.2); sent only for ECO.
      ...(range === 'lowcost' ? { gamme: 2 } : {}),
    },
  };
}

function decide(
  context: ClientContext,
  params: SmsSendOptions,
  scheduledAt: Date | undefined,
  path: string,
) {
  const decision = decideQuietHours(context, {
    mode: params.quietHours,
    category: params.category,
    scheduledAt,
    canSchedule: true,
    endpoint: `POST ${path}`,
  });
  const sandbox = (params.sandbox ?? context.sandbox) === true;
  const when = decision.scheduledAt;
  return {
    fields: when === undefined ? {} : fieldsFor(context, when),
    common: {
      scheduledAt: when,
      heldUntil: decision.heldUntil,
      deferred: decision.deferred,
      sandbox,
      format: params.format ?? context.format,
    },
  };
}

/** The scheduling fields of an instant already validated. */
export function fieldsFor(context: ClientContext, at: Date | undefined) {
  if (at === undefined) return undefined;
  const issues = new Issues();
  const schedule = scheduleFields(context, issues, 'scheduledAt', at);
  issues.done();
  return schedule?.fields;
}

export async function sendPrepared(
  context: ClientContext,
  prepared: PreparedSend,
  options: RequestOptions | undefined,
): Promise<SendSmsResult> {
  const { answer, result } = await postSend(context, '/v1/send', prepared.body, options, {
    format: prepared.format,
  });
  // Every field named (in the order `{ ...answer, … }` had): a literal with a spread then more
  // properties, one of them overriding, takes V8's slow path (about 20 µs a send on Node 20).
  return {
    messageId: answer.messageId,
    billedSegments: answer.billedSegments,
    segments: answer.segments,
    cost: answer.cost,
    currency: answer.currency,
    // What SMS Partner says it scheduled, else what was asked.
    scheduledAt: answer.scheduledAt ?? prepared.scheduledAt,
    recipients: prepared.recipients,
    duplicatesRemoved: prepared.duplicates,
    analysis: prepared.analysis,
    heldUntil: prepared.heldUntil,
    deferred: prepared.deferred,
    sandbox: prepared.sandbox,
    raw: result.raw,
  };
}

export async function bulkPrepared(
  context: ClientContext,
  prepared: PreparedBulk,
  options: RequestOptions | undefined,
): Promise<BulkSendResult> {
  const { answer, result } = await postSend(context, '/v1/bulk-send', prepared.body, options, {
    format: prepared.format,
    xmlKeys: ['success', 'code', 'message_id', 'currency', 'cost', 'nbSMS', 'SMSResponse_List'],
  });
  const items: BulkSendItem[] = asArray(result.data.SMSResponse_List).map((item) => {
    const record = asRecord(item);
    const success = toBoolean(record.success) ?? true;
    const apiCode = toNumber(record.code);
    const billedSegments = toNumber(record.nbSms ?? record.nbSMS ?? record.nb_sms) ?? 0;
    return {
      phoneNumber: toText(record.phoneNumber) ?? '',
      success,
      apiCode,
      meaning:
        !success && apiCode !== undefined ? describeApiCode('send', apiCode).meaning : undefined,
      billedSegments,
      segments: billedSegments,
      cost: toNumber(record.cost) ?? 0,
    };
  });
  return {
    ...answer,
    items,
    analyses: prepared.analyses,
    duplicatesRemoved: prepared.duplicates,
    // What SMS Partner says it scheduled, else what was asked.
    scheduledAt: answer.scheduledAt ?? prepared.scheduledAt,
    heldUntil: prepared.heldUntil,
    deferred: prepared.deferred,
    sandbox: prepared.sandbox,
    raw: result.raw,
  };
}

/** The per-send message flags of the input. */
export function flags(input: Record<string, unknown>): MessageFlags {
  return {
    isUnicode: input.isUnicode === true ? true : undefined,
    isStopSms: input.isStopSms === true ? true : undefined,
    range: input.range === 'lowcost' ? 'lowcost' : undefined,
  };
}
