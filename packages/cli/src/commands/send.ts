import { readFile } from 'node:fs/promises';
import {
  PARIS_TIME_ZONE,
  type QuietHoursMode,
  type SendSmsParams,
  type SendSmsResult,
  SmsPartnerError,
} from '@sms-partner/core';
import type { Command } from 'commander';
import type { CommandContext } from '../internal/context.js';
import { CliError, painter, usageError } from '../internal/io.js';
import {
  addMessageFlags,
  type MessageFlags,
  messageDefaults,
  sendFlags,
} from '../internal/message-options.js';
import { numberIn, oneOf } from '../internal/parse.js';
import { createProgress } from '../internal/progress.js';
import {
  prepareRecipients,
  type RecipientInput,
  readCsvRecipients,
} from '../internal/recipients.js';
import { fileError, readMessage } from './analyze.js';
import { parseInstant } from './quiet.js';
import { dryRun, type FailedBatch, leftOut, summarise } from './send-summary.js';

/** The flags of `send`, as commander parses them. */
export interface SendFlags extends MessageFlags {
  to?: string[];
  csv?: string;
  column?: string;
  file?: string;
  sender?: string;
  tag?: string;
  at?: string;
  transactional?: boolean;
  quietHours?: QuietHoursMode;
  sandbox?: boolean;
  urlDlr?: string;
  urlResponse?: string;
  dryRun?: boolean;
  price?: number;
  batchSize: number;
  keepGoing?: boolean;
  skipInvalid?: boolean;
  progress?: boolean;
  json?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `sms-partner send`: one SMS to a number, or to every recipient of a CSV file. */
export function registerSend(program: Command, contextOf: (command: Command) => CommandContext) {
  const command = program
    .command('send')
    .summary('send an SMS to a number or to a CSV of recipients (--dry-run costs it)')
    .description(
      'Sends one message to the numbers given with --to, or to every recipient of a CSV file, in ' +
        'batches of up to 500 (POST /v1/send), with a progress bar on a terminal and a summary. ' +
        'Numbers are checked and de-duplicated before anything is sent; a batch is never sent twice. ' +
        'It stops at the first failed batch (--keep-going to carry on) and exits with 1 if any failed.\n\n' +
        '--dry-run checks the recipients and costs the send without sending (and without a key).',
    )
    .argument('[text...]', 'the message ("-" reads stdin)')
    .option('-t, --to <numbers>', 'recipient(s), comma-separated or repeated', collect)
    .option('--csv <file>', 'a CSV file of recipients (a header row names the phone column)')
    .option('--column <name>', 'the CSV column of the numbers (a header name, or 1 for the first)')
    .option('-f, --file <path>', 'read the message from a file');
  addMessageFlags(command)
    .option('-s, --sender <name>', 'sender name shown to recipients (3 to 11 letters or digits)')
    .option('--tag <tag>', 'your label for the send, to read statuses with `status --tag`')
    .option('--at <time>', 'send later: a local Paris time ("2025-06-16 09:00") or an ISO instant')
    .option('--transactional', 'a transactional message: quiet hours do not apply')
    .option(
      '--quiet-hours <mode>',
      'a commercial SMS in quiet hours: allow (SMS Partner holds it), defer (schedule it at the next window), reject (fail)',
      oneOf(['allow', 'defer', 'reject'] as const),
    )
    .option('--sandbox', 'SMS Partner sandbox: nothing sent, nothing charged')
    .option('--url-dlr <url>', 'where SMS Partner posts the delivery reports')
    .option('--url-response <url>', 'where SMS Partner posts the replies')
    .option('-n, --dry-run', 'check and cost the send; send nothing')
    .option(
      '--price <eur>',
      'price of one SMS, for the dry-run estimate',
      numberIn(0, Number.POSITIVE_INFINITY),
    )
    .option('--batch-size <n>', 'recipients per request (at most 500)', numberIn(1, 500, true), 500)
    .option('--keep-going', 'after a failed batch, send the next ones anyway')
    .option('--skip-invalid', 'leave out recipients that are not phone numbers instead of failing')
    .option('--progress', 'draw the progress bar even when stderr is not a terminal')
    .option('--no-progress', 'never draw the progress bar')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sms-partner send --to 0612345678 "Votre code : 123456" --transactional\n' +
        '  sms-partner send --csv clients.csv --stop --sender MaBoutique --file promo.txt --dry-run --price 0.045\n' +
        '  sms-partner send --csv clients.csv --stop --sender MaBoutique --file promo.txt',
    )
    .action(async (words: string[], flags: SendFlags, self: Command) => {
      const context = contextOf(self);
      const inputs: RecipientInput[] = [];
      if (flags.to === undefined && flags.csv === undefined) {
        throw usageError('no recipients: pass --to NUMBER or --csv FILE.');
      }
      for (const value of flags.to ?? []) inputs.push({ source: '--to', value });
      if (flags.csv !== undefined) {
        const csv = await readFile(flags.csv, 'utf8').catch(fileError(flags.csv));
        inputs.push(...readCsvRecipients(csv, flags.csv, flags.column));
      }
      const message = await readMessage(context, words, flags.file);
      const recipients = prepareRecipients(inputs);
      if (recipients.invalid.length > 0 && !flags.skipInvalid) {
        const shown = recipients.invalid.slice(0, 10);
        throw usageError(
          `${recipients.invalid.length} recipient(s) are not phone numbers; nothing was sent.`,
          [
            ...shown.map((r) => `${r.source}: ${r.problem}`),
            ...(recipients.invalid.length > shown.length
              ? [`... and ${recipients.invalid.length - shown.length} more`]
              : []),
            'Fix them, or pass --skip-invalid to send to the others.',
          ],
        );
      }
      if (recipients.numbers.length === 0)
        throw usageError('no valid recipient; nothing was sent.');

      const scheduledAt =
        flags.at === undefined ? undefined : parseInstant(flags.at, PARIS_TIME_ZONE, new Date());
      const params: Omit<SendSmsParams, 'to'> = {
        message,
        ...sendFlags(flags),
        ...(flags.sender === undefined ? {} : { sender: flags.sender }),
        ...(flags.tag === undefined ? {} : { tag: flags.tag }),
        ...(scheduledAt === undefined ? {} : { scheduledAt }),
        ...(flags.transactional ? { category: 'transactional' as const } : {}),
        ...(flags.quietHours === undefined ? {} : { quietHours: flags.quietHours }),
        ...(flags.sandbox ? { sandbox: true } : {}),
        ...(flags.urlDlr === undefined ? {} : { urlDlr: flags.urlDlr }),
        ...(flags.urlResponse === undefined ? {} : { urlResponse: flags.urlResponse }),
      };

      if (flags.dryRun) {
        dryRun(context, flags, message, recipients);
        return;
      }

      const client = context.client({ message: messageDefaults(flags) });
      leftOut(context, recipients);
      const batches = chunk(recipients.numbers, flags.batchSize);
      const showProgress =
        flags.progress === true || (flags.progress !== false && context.io.stderr.isTTY === true);
      const progress = createProgress(
        context.io.stderr,
        recipients.numbers.length,
        showProgress,
        painter(context.colorErr),
      );
      const results: SendSmsResult[] = [];
      const failures: FailedBatch[] = [];
      const notAttempted: string[] = [];
      let handled = 0;
      let failedCount = 0;
      // One request per batch, one after the other: the client never retries a send that may have
      // reached SMS Partner, and neither does this loop.
      for (const batch of batches) {
        if (context.signal?.aborted || (failures.length > 0 && !flags.keepGoing)) {
          notAttempted.push(...batch);
          continue;
        }
        try {
          // Not given the signal: aborting a send in flight would leave its outcome unknown.
          // Ctrl+C lets it finish and starts no other.
          results.push(await client.sms.send({ ...params, to: batch }));
        } catch (error) {
          // Bad input fails the first batch before any request: a usage error, nothing sent.
          if (error instanceof SmsPartnerError && error.code === 'validation') {
            progress.finish();
            throw error;
          }
          failures.push({ recipients: batch, error: error as Error });
          failedCount += batch.length;
        }
        handled += batch.length;
        progress.update(handled, failedCount);
      }
      progress.finish();
      summarise(context, flags, recipients, results, failures, notAttempted);
      if (context.signal?.aborted && notAttempted.length > 0) {
        throw new CliError(`interrupted: ${notAttempted.length} recipient(s) not sent to.`, 1);
      }
      if (failures.length > 0) {
        throw new CliError(
          `${failedCount} of ${recipients.numbers.length} recipient(s) were in a failed batch.`,
          1,
        );
      }
    });
  return command;
}
