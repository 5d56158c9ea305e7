/**
 * `POST /v1/vn/send` and `POST /v1/sondage/to/send`: validated, converted and sent once.
 */
import type { RequestOptions } from '../options.js';
import type {
  SendFromLongNumberParams,
  SendFromLongNumberResult,
  SendSurveyParams,
  SendSurveyResult,
} from '../resources/sms-types.js';
import type { ClientContext } from './context.js';
import { decideQuietHours, prepareMessage, scheduleFields } from './prepare.js';
import { postSend } from './send-answer.js';
import { fieldsFor, paramsObject } from './sms-requests.js';
import {
  checkFlag,
  checkLongNumber,
  checkNoSandbox,
  checkPhone,
  checkRecipients,
  checkTag,
  checkUrl,
  Issues,
  requireText,
} from './validate.js';

/** See `SmsResource.sendFromLongNumber`. */
export async function sendFromLongNumber(
  context: ClientContext,
  params: SendFromLongNumberParams,
  options: RequestOptions | undefined,
): Promise<SendFromLongNumberResult> {
  const endpoint = 'POST /v1/vn/send';
  const issues = new Issues();
  const input = paramsObject(
    issues,
    params,
    "{ from: '+33700000000', to: '0612345678', message: 'Bonjour' }",
  );
  const to = checkPhone(issues, 'to', input.to);
  const from = checkLongNumber(issues, 'from', input.from);
  const tag = checkTag(issues, 'tag', input.tag);
  const urlResponse = checkUrl(issues, 'urlResponse', input.urlResponse);
  const urlDlr = checkUrl(issues, 'urlDlr', input.urlDlr);
  const isStopSms = checkFlag(issues, 'isStopSms', input.isStopSms);
  const sandbox = checkFlag(issues, 'sandbox', input.sandbox) ?? (context.sandbox ? 1 : undefined);
  const analysis = prepareMessage(context, issues, 'message', input.message, {
    isStopSms: input.isStopSms as boolean | undefined,
  });
  issues.done();
  const decision = decideQuietHours(context, {
    mode: params.quietHours,
    category: params.category,
    scheduledAt: undefined,
    canSchedule: false,
    endpoint,
  });
  const { answer, result } = await postSend(
    context,
    '/v1/vn/send',
    { to, from, message: analysis!.wireText, tag, urlResponse, urlDlr, isStopSms, sandbox },
    options,
    { format: params.format },
  );
  return {
    ...answer,
    to: to!,
    from: from!,
    analysis: analysis!,
    scheduledAt: answer.scheduledAt,
    heldUntil: decision.heldUntil,
    deferred: false,
    sandbox: sandbox === 1,
    raw: result.raw,
  };
}

/** See `SmsResource.sendSurvey`. */
export async function sendSurvey(
  context: ClientContext,
  params: SendSurveyParams,
  options: RequestOptions | undefined,
): Promise<SendSurveyResult> {
  const endpoint = 'POST /v1/sondage/to/send';
  const issues = new Issues();
  const input = paramsObject(issues, params, "{ to: '0612345678', surveyId: 'abc123' }");
  const recipients = checkRecipients(issues, 'to', input.to);
  const surveyId = requireText(
    issues,
    'surveyId',
    input.surveyId,
    "'abc123' (the survey's identifier in the dashboard)",
  );
  const tag = checkTag(issues, 'tag', input.tag);
  const schedule = scheduleFields(context, issues, 'scheduledAt', input.scheduledAt);
  checkNoSandbox(issues, context.sandbox, input.sandbox, endpoint);
  issues.done();
  const decision = decideQuietHours(context, {
    mode: params.quietHours,
    category: params.category,
    scheduledAt: schedule?.at,
    canSchedule: true,
    endpoint,
  });
  const fields =
    fieldsFor(context, decision.deferred ? decision.scheduledAt : undefined) ?? schedule?.fields;
  const { answer, result } = await postSend(
    context,
    '/v1/sondage/to/send',
    { phoneNumbers: recipients.numbers.join(','), sondageIdent: surveyId, tag, ...fields },
    options,
    { format: params.format },
  );
  return {
    ...answer,
    recipients: recipients.numbers,
    duplicatesRemoved: recipients.duplicates,
    scheduledAt: answer.scheduledAt ?? decision.scheduledAt,
    heldUntil: decision.heldUntil,
    deferred: decision.deferred,
    sandbox: false,
    raw: result.raw,
  };
}
