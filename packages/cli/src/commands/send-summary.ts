import { type SendSmsResult, SmsPartnerError } from '@sms-partner/core';
import type { CommandContext } from '../internal/context.js';
import { toCliError } from '../internal/errors.js';
import { CliError, table, writeJson } from '../internal/io.js';
import { messageDefaults, sendFlags } from '../internal/message-options.js';
import type { prepareRecipients } from '../internal/recipients.js';
import type { SendFlags } from './send.js';

/** A batch that failed: who was in it and what is known of its fate. */
export interface FailedBatch {
  recipients: string[];
  error: SmsPartnerError | Error;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** With --skip-invalid: says on stderr who is left out and why. */
export function leftOut(context: CommandContext, recipients: ReturnType<typeof prepareRecipients>) {
  for (const r of recipients.invalid) {
    context.io.stderr.write(`sms-partner: left out ${r.source}: ${r.problem}\n`);
  }
}

export function dryRun(
  context: CommandContext,
  flags: SendFlags,
  message: string,
  recipients: ReturnType<typeof prepareRecipients>,
) {
  const count = recipients.numbers.length;
  const pricing =
    flags.price === undefined
      ? undefined
      : flags.lowcost
        ? { lowcost: flags.price }
        : { premium: flags.price };
  const preview = context
    .previewClient({ message: messageDefaults(flags), ...(pricing ? { pricing } : {}) })
    .sms.preview(message, { ...sendFlags(flags), recipients: count });
  const summary = {
    dryRun: true,
    recipients: count,
    duplicatesRemoved: recipients.duplicates,
    invalid: recipients.invalid,
    batches: Math.ceil(count / flags.batchSize),
    encoding: preview.encoding,
    segments: preview.segments,
    totalSms: preview.segments * count,
    wireText: preview.wireText,
    violations: preview.violations,
    ...(preview.estimatedCost ? { estimatedCost: preview.estimatedCost } : {}),
  };
  if (flags.json) writeJson(context.io.stdout, summary);
  else {
    const { paint } = context;
    const rows: Array<[string, string]> = [
      ['Dry run', paint('nothing sent', 'bold')],
      [
        'Recipients',
        `${count} (${recipients.duplicates} duplicates removed, ${recipients.invalid.length} invalid left out)`,
      ],
      ['Requests', `${summary.batches} of up to ${flags.batchSize} recipients`],
      [
        'Message',
        `${preview.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'}, ${preview.segments} SMS per recipient`,
      ],
      ['SMS billed', paint(String(summary.totalSms), 'bold')],
    ];
    if (preview.estimatedCost) {
      rows.push([
        'Estimated cost',
        `${preview.estimatedCost.total} ${preview.estimatedCost.currency}`,
      ]);
    }
    rows.push(['Sent as', JSON.stringify(preview.wireText)]);
    context.io.stdout.write(table(rows, paint));
  }
  leftOut(context, recipients);
  const refused = preview.violations.filter((v) => v.severity === 'error');
  if (refused.length > 0) {
    throw new CliError(
      'SMS Partner would refuse this message.',
      1,
      refused.map((v) => v.message),
    );
  }
}

export function summarise(
  context: CommandContext,
  flags: SendFlags,
  recipients: ReturnType<typeof prepareRecipients>,
  results: readonly SendSmsResult[],
  failures: readonly FailedBatch[],
  notAttempted: readonly string[],
) {
  const sent = results.reduce((n, r) => n + r.recipients.length, 0);
  const sms = results.reduce((n, r) => n + r.billedSegments, 0);
  const cost = round(results.reduce((n, r) => n + r.cost, 0));
  const currency = results[0]?.currency ?? 'EUR';
  if (flags.json) {
    writeJson(context.io.stdout, {
      sent,
      recipients: recipients.numbers.length,
      duplicatesRemoved: recipients.duplicates,
      invalid: recipients.invalid,
      sms,
      cost,
      currency,
      results: results.map(({ raw: _raw, analysis: _analysis, ...result }) => result),
      failures: failures.map((f) => ({
        recipients: f.recipients,
        error: f.error instanceof SmsPartnerError ? f.error.toJSON() : { message: f.error.message },
      })),
      notAttempted,
    });
    return;
  }
  const { paint } = context;
  const rows: Array<[string, string]> = [
    [
      'Sent',
      `${paint(`${sent} of ${recipients.numbers.length}`, 'bold')} recipients` +
        (recipients.duplicates > 0 ? ` (${recipients.duplicates} duplicates removed)` : '') +
        (flags.sandbox ? ' in sandbox mode' : ''),
    ],
    ['SMS billed', `${sms}, ${cost} ${currency}`],
    ['Message ids', results.map((r) => r.messageId).join(', ') || '-'],
  ];
  const held = results.find((r) => r.heldUntil !== undefined)?.heldUntil;
  if (held)
    rows.push(['Held until', `${held.toISOString()} (quiet hours; SMS Partner releases it then)`]);
  const scheduled = results.find((r) => r.scheduledAt !== undefined)?.scheduledAt;
  if (scheduled) rows.push(['Scheduled', scheduled.toISOString()]);
  context.io.stdout.write(table(rows, paint));
  for (const failure of failures) {
    const error = toCliError(failure.error, context.redact);
    const fate =
      failure.error instanceof SmsPartnerError && failure.error.outcome === 'unknown'
        ? 'may have been sent'
        : 'not sent';
    context.io.stderr.write(
      `sms-partner: a batch of ${failure.recipients.length} recipient(s) failed (${fate}): ${error.message}\n` +
        error.details.map((line) => `  ${line}\n`).join(''),
    );
  }
  if (notAttempted.length > 0 && !context.signal?.aborted) {
    context.io.stderr.write(
      `sms-partner: ${notAttempted.length} recipient(s) not attempted after the failure (pass --keep-going to carry on).\n`,
    );
  }
}
