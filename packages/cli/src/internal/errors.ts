import {
  ScheduleError,
  SmsPartnerApiError,
  SmsPartnerError,
  SmsPartnerQuietHoursError,
  SmsPartnerValidationError,
} from '@sms-partner/core';
import { CliError } from './io.js';

const OUTCOME_HINT: Record<SmsPartnerError['outcome'], string | undefined> = {
  not_sent: undefined,
  rejected: undefined,
  unknown:
    'the request may have reached SMS Partner: check `sms-partner status` before sending again.',
};

/**
 * Turns anything thrown during a command into the message, details and exit status to print.
 * Bad input (a validation or schedule error raised before any network call) is a usage error
 * (2); everything else is a failure (1). The SDK already keeps the API key out of its errors;
 * `redact` removes it once more from whatever is printed, whatever the error's origin.
 */
export function toCliError(error: unknown, redact: (text: string) => string): CliError {
  if (error instanceof CliError) {
    return new CliError(redact(error.message), error.exitCode, error.details.map(redact));
  }
  if (error instanceof SmsPartnerValidationError) {
    const details = error.issues.map((issue) => `${issue.field}: ${issue.problem} ${issue.fix}`);
    return new CliError(redact('invalid input.'), 2, details.map(redact));
  }
  if (error instanceof ScheduleError) return new CliError(redact(error.message), 2);
  if (error instanceof SmsPartnerError) {
    const details: string[] = [];
    if (error.apiCode !== undefined) {
      const meaning = error instanceof SmsPartnerApiError ? error.meaning : undefined;
      details.push(`SMS Partner code ${error.apiCode}${meaning ? `: ${meaning}` : ''}`);
    }
    if (error instanceof SmsPartnerQuietHoursError) {
      details.push(`next send window: ${error.nextWindow.toISOString()}`);
    }
    // Only a write can have had an effect worth checking before trying again.
    const hint = error.endpoint?.startsWith('GET ') ? undefined : OUTCOME_HINT[error.outcome];
    if (hint) details.push(hint);
    return new CliError(redact(error.message), 1, details.map(redact));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(redact(message), 1);
}

/** Prints an error the Unix way: `sms-partner: message` and indented details, on stderr. */
export function formatCliError(error: CliError): string {
  const lines = [`sms-partner: ${error.message}`, ...error.details.map((line) => `  ${line}`)];
  return `${lines.join('\n')}\n`;
}

/** A redactor that replaces every occurrence of the given secrets. */
export function redactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) out = out.split(secret).join('[REDACTED]');
    return out;
  };
}
