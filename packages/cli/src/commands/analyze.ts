import { readFile } from 'node:fs/promises';
import { explainMessage, type MessageAnalysis } from '@sms-partner/core';
import type { Command } from 'commander';
import type { CommandContext } from '../internal/context.js';
import { CliError, readAll, table, usageError, writeJson } from '../internal/io.js';
import {
  addMessageFlags,
  analyzeOptions,
  type MessageFlags,
  messageDefaults,
  sendFlags,
} from '../internal/message-options.js';
import { legend, notableCharacters, partsView } from '../internal/message-view.js';
import { numberIn } from '../internal/parse.js';

interface AnalyzeFlags extends MessageFlags {
  file?: string;
  auto?: boolean;
  price?: number;
  recipients: number;
  maxSegments?: number;
  chars?: boolean;
  json?: boolean;
}

/** Reads the message from the arguments, `--file`, or stdin (`-`, or no text and a pipe). */
export async function readMessage(
  context: CommandContext,
  words: readonly string[],
  file: string | undefined,
): Promise<string> {
  if (file !== undefined) {
    if (words.length > 0) throw usageError('give the message as text or with --file, not both.');
    return stripFinalNewline(await readFile(file, 'utf8').catch(fileError(file)));
  }
  if (words.length === 1 && words[0] === '-')
    return stripFinalNewline(await readAll(context.io.stdin));
  if (words.length > 0) return words.join(' ');
  if (context.io.stdin.isTTY !== true) return stripFinalNewline(await readAll(context.io.stdin));
  throw usageError('no message: give it as an argument, with --file, or on stdin.');
}

/** A file that cannot be read is the caller's mistake: say which and why. */
export function fileError(file: string): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    const why = error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message);
    throw usageError(`cannot read ${file}: ${why}.`);
  };
}

// `echo "text" | sms-partner analyze` and files saved by editors end with one newline that is not
// part of the message.
function stripFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

function describeMode(analysis: MessageAnalysis, flags: AnalyzeFlags): string {
  if (analysis.mode === 'generic')
    return 'generic (GSM-7 if possible, else UCS-2; nothing replaced)';
  const parts = [flags.unicode ? 'Unicode on' : 'Unicode off, platform replacements'];
  if (flags.stop) parts.push('STOP mention counted');
  if (flags.lowcost) parts.push('Low Cost range');
  if (flags.transliterate) parts.push('transliterated');
  return `SMS Partner (${parts.join(', ')})`;
}

/** `sms-partner analyze`: what a message costs and why, character by character. */
export function registerAnalyze(program: Command, contextOf: (command: Command) => CommandContext) {
  const command = program
    .command('analyze')
    .summary('segments, encoding and cost of a message, character by character')
    .description(
      'Shows how SMS Partner will encode and bill a message: GSM-7 or UCS-2, units, SMS per ' +
        'recipient, the text actually sent and delivered, and why each costly character costs what it ' +
        'does (coloured in a terminal). Nothing is sent and no API key is needed.\n\n' +
        'Exits with 1 when SMS Partner would refuse the message (too many parts, Low Cost over one ' +
        'SMS, empty) or when it needs more SMS than --max-segments.',
    )
    .argument('[text...]', 'the message (several words are joined by spaces; "-" reads stdin)')
    .option('-f, --file <path>', 'read the message from a file')
    .option(
      '--auto',
      'generic detection, as other calculators do: GSM-7 if possible, else UCS-2, nothing replaced',
    );
  addMessageFlags(command)
    .option(
      '--price <eur>',
      'price of one SMS, to estimate the cost',
      numberIn(0, Number.POSITIVE_INFINITY),
    )
    .option(
      '--recipients <n>',
      'number of recipients, for the totals',
      numberIn(1, Number.POSITIVE_INFINITY, true),
      1,
    )
    .option(
      '--max-segments <n>',
      'fail (exit 1) when the message needs more SMS than this',
      numberIn(1, 255, true),
    )
    .option('--chars', 'list every character, not only the costly ones')
    .option('--json', 'print the analysis and the per-character explanation as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sms-partner analyze "Bonjour Zoé, ça coûte 5 € ?"\n' +
        '  sms-partner analyze --stop --price 0.045 --recipients 1200 --file promo.txt\n' +
        '  sms-partner analyze --auto --json "Ça va ? 😀" | jq .analysis.segments',
    )
    .action(async (words: string[], flags: AnalyzeFlags, self: Command) => {
      const context = contextOf(self);
      if (flags.auto && (flags.unicode || flags.stop || flags.lowcost || flags.transliterate)) {
        throw usageError('--auto is generic detection: it takes none of the SMS Partner flags.');
      }
      if (flags.auto && flags.price !== undefined) {
        throw usageError('--price estimates what SMS Partner bills: drop --auto to use it.');
      }
      const text = await readMessage(context, words, flags.file);
      const explanation = explainMessage(
        text,
        flags.auto ? { encoding: 'auto' } : analyzeOptions(flags),
      );
      const { analysis } = explanation;
      const estimatedCost =
        flags.price === undefined
          ? undefined
          : context
              .previewClient({ pricing: priceFor(flags), message: messageDefaults(flags) })
              .sms.preview(text, { ...sendFlags(flags), recipients: flags.recipients })
              .estimatedCost;
      const totalSms = analysis.segments * flags.recipients;

      if (flags.json) {
        writeJson(context.io.stdout, {
          ...explanation,
          recipients: flags.recipients,
          totalSms,
          ...(estimatedCost === undefined ? {} : { estimatedCost }),
        });
      } else {
        printAnalysis(context, explanation, flags, totalSms, estimatedCost);
      }

      const refused = analysis.violations.filter((v) => v.severity === 'error');
      if (refused.length > 0) {
        throw new CliError(
          'SMS Partner would refuse this message.',
          1,
          refused.map(
            (v) => `${v.message}${v.apiErrorCode ? ` (API error ${v.apiErrorCode})` : ''}`,
          ),
        );
      }
      if (flags.maxSegments !== undefined && analysis.segments > flags.maxSegments) {
        throw new CliError(
          `the message needs ${analysis.segments} SMS, more than --max-segments ${flags.maxSegments}.`,
          1,
        );
      }
    });
  return command;
}

function priceFor(flags: AnalyzeFlags) {
  return flags.lowcost ? { lowcost: flags.price } : { premium: flags.price };
}

function printAnalysis(
  context: CommandContext,
  explanation: ReturnType<typeof explainMessage>,
  flags: AnalyzeFlags,
  totalSms: number,
  estimatedCost: { total: number; perRecipient: number; currency: string } | undefined,
) {
  const { paint } = context;
  const { analysis } = explanation;
  const unit = analysis.encoding === 'gsm7' ? 'septets' : 'UTF-16 units';
  const recipients =
    flags.recipients === 1 ? '' : ` × ${flags.recipients} recipients = ${totalSms} SMS`;
  const rows: Array<[string, string]> = [
    ['Mode', describeMode(analysis, flags)],
    ['Encoding', paint(analysis.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2', 'bold')],
    [
      'Length',
      `${analysis.units} ${unit}; ${analysis.unitsPerSegment} per SMS at this length, ${analysis.remaining} left in the last one`,
    ],
    ['SMS', `${paint(String(analysis.segments), 'bold')} per recipient${recipients}`],
  ];
  if (estimatedCost !== undefined) {
    rows.push([
      'Cost',
      `${estimatedCost.total} ${estimatedCost.currency} (${estimatedCost.perRecipient} ${estimatedCost.currency} per recipient at ${flags.price} per SMS)`,
    ]);
  }
  if (analysis.nonGsmCharacters.length > 0) {
    rows.push(['Outside GSM-7', analysis.nonGsmCharacters.map((c) => JSON.stringify(c)).join(' ')]);
  }
  if (analysis.mode === 'smspartner') {
    rows.push(['Sent as', JSON.stringify(analysis.wireText)]);
    rows.push(['Delivered', JSON.stringify(analysis.deliveredText)]);
  }
  const out = context.io.stdout;
  out.write(table(rows, paint));
  out.write(`\n${paint('Parts', 'bold')}\n`);
  out.write(partsView(explanation, paint));
  if (context.color) out.write(legend(paint));
  const notable = notableCharacters(explanation, paint, flags.chars === true);
  if (notable !== '') {
    out.write(
      `\n${paint(flags.chars ? 'Characters' : 'Characters that cost more or change', 'bold')}\n`,
    );
    out.write(notable);
  }
  // Errors (the platform would refuse the message) go to stderr with the exit status.
  const warnings = analysis.violations.filter((v) => v.severity === 'warning');
  if (warnings.length > 0) out.write('\n');
  for (const v of warnings) out.write(`${paint('warning', 'yellow', 'bold')}: ${v.message}\n`);
}
