import {
  API_KEY_ENV_VAR,
  type MessageDefaults,
  SmsPartnerClient,
  type SmsPricing,
} from '@sms-partner/core';
import { redactor } from './errors.js';
import { type CliIo, type Paint, painter, shouldColor, usageError } from './io.js';

/** The environment variable that points the client at another API (the emulator, a proxy). */
export const BASE_URL_ENV_VAR = 'SMS_PARTNER_BASE_URL';

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  color?: boolean;
  timeout?: number;
}

/** What a command needs from the run: streams, colour, the key and a client factory. */
export interface CommandContext {
  io: CliIo;
  /** Aborted on Ctrl+C / SIGTERM (or by the caller of `run`). */
  signal: AbortSignal | undefined;
  /** Colours stdout when it is a terminal (and NO_COLOR is unset). */
  paint: Paint;
  /** Whether stdout is coloured. */
  color: boolean;
  /** Whether stderr is coloured (the progress bar). */
  colorErr: boolean;
  /** The API key from `--api-key` or `SMS_PARTNER_API_KEY`, if any. Never printed. */
  apiKey: string | undefined;
  /** Replaces the API key in text about to be printed (belt and braces: the SDK redacts it too). */
  redact(text: string): string;
  /** The API base URL from `--base-url` or `SMS_PARTNER_BASE_URL`, if any. */
  baseUrl: string | undefined;
  /** A client for the API; fails with a usage error when no key is configured. */
  client(options?: ClientExtras): SmsPartnerClient;
  /**
   * A client for `client.sms.preview()` only, which costs a message without any request: it works
   * without an API key (a placeholder stands in, and is never sent anywhere).
   */
  previewClient(options?: ClientExtras): SmsPartnerClient;
}

/** Per-command client options. */
export interface ClientExtras {
  pricing?: SmsPricing;
  message?: MessageDefaults;
}

/** Builds the context of one command from the global options. */
export function createContext(
  io: CliIo,
  options: GlobalOptions,
  signal: AbortSignal | undefined,
): CommandContext {
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(io.env[API_KEY_ENV_VAR]);
  const baseUrl = nonEmpty(options.baseUrl) ?? nonEmpty(io.env[BASE_URL_ENV_VAR]);
  const color = shouldColor(io.stdout, io.env, options.color);
  return {
    io,
    signal,
    paint: painter(color),
    color,
    colorErr: shouldColor(io.stderr, io.env, options.color),
    apiKey,
    redact: redactor([apiKey]),
    baseUrl,
    client(extra = {}) {
      return build(apiKey, extra);
    },
    previewClient(extra = {}) {
      return build(apiKey ?? 'preview-only', extra, false);
    },
  };

  function build(key: string | undefined, extra: ClientExtras, network = true): SmsPartnerClient {
    if (key === undefined) {
      throw usageError('no API key.', [
        `set ${API_KEY_ENV_VAR} (preferred: a flag's value can show up in your shell history and in ps), or pass --api-key.`,
        'The key is at https://my.smspartner.fr/dashboard/api; for the local emulator, use the key it prints.',
      ]);
    }
    return new SmsPartnerClient({
      apiKey: key,
      ...(baseUrl === undefined || !network ? {} : { baseUrl }),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(extra.pricing === undefined ? {} : { pricing: extra.pricing }),
      ...(extra.message === undefined ? {} : { message: extra.message }),
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
