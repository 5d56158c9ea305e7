import { type AnalyzeMessageOptions, type MessageDefaults, transliterate } from '@sms-partner/core';
import type { Command } from 'commander';

/** The message flags shared by `analyze` and `send`, as commander parses them. */
export interface MessageFlags {
  unicode?: boolean;
  stop?: boolean;
  stopMention?: string;
  lowcost?: boolean;
  transliterate?: boolean;
}

/** Declares the message flags on a command. */
export function addMessageFlags(command: Command): Command {
  return command
    .option(
      '--unicode',
      'send in Unicode (isUnicode: 70 characters per SMS; the account must allow it)',
    )
    .option('--stop', 'append the STOP opt-out mention (isStopSms; mandatory for commercial SMS)')
    .option(
      '--stop-mention <text>',
      "the STOP mention's exact text, when you know your account's (default: a 15-character placeholder)",
    )
    .option('--lowcost', 'Low Cost range (gamme 2: one SMS at most)')
    .option(
      '--transliterate',
      'replace characters outside GSM-7 by their closest GSM-7 spelling first',
    );
}

/** The per-send flags: `isUnicode`, `isStopSms`, `range`. */
export function sendFlags(
  flags: MessageFlags,
): Pick<AnalyzeMessageOptions, 'isUnicode' | 'isStopSms' | 'range'> {
  return {
    ...(flags.unicode ? { isUnicode: true } : {}),
    ...(flags.stop ? { isStopSms: true } : {}),
    ...(flags.lowcost ? { range: 'lowcost' as const } : {}),
  };
}

/** The analysis options the client applies to every send (`stopMention`, `transliterate`). */
export function messageDefaults(flags: MessageFlags): MessageDefaults {
  return {
    ...(flags.stopMention === undefined ? {} : { stopMention: flags.stopMention }),
    ...(flags.transliterate ? { transliterate } : {}),
  };
}

/** The full analysis options in SMS Partner mode. */
export function analyzeOptions(flags: MessageFlags): AnalyzeMessageOptions {
  return { ...messageDefaults(flags), ...sendFlags(flags) };
}
