import { WebhookError } from '../errors.js';
import type { WebhookPayload } from '../types.js';
import { parseDateTimeString } from './paris-time.js';

/**
 * Reads typed fields out of a flat payload. Every field is looked up under several names (the
 * vendor's docs disagree with themselves). A missing or unusable required field throws
 * `invalid_payload`; an unusable optional field is ignored (the value stays in `raw`) unless
 * `strict` is set, in which case it throws too.
 */
export class FieldReader {
  constructor(
    private readonly payload: WebhookPayload,
    private readonly event: string,
    private readonly strict: boolean,
  ) {}

  /** The name of the field the last {@link find} found (for error messages). */
  private foundName = '';

  /**
   * The value of the first present field (own property, not null, not a blank string), or
   * `undefined`; its name is then in `foundName`. No object per lookup: a callback looks up
   * dozens of names.
   */
  find(names: readonly string[], allowBlank = false): unknown {
    const payload = this.payload;
    for (const name of names) {
      // Most names are absent: a plain read rules them out before the own-property check.
      const value = payload[name];
      if (value === null || value === undefined || !Object.hasOwn(payload, name)) continue;
      if (!allowBlank && typeof value === 'string' && isBlank(value)) continue;
      this.foundName = name;
      return value;
    }
    return undefined;
  }

  has(names: readonly string[]): boolean {
    return this.find(names) !== undefined;
  }

  private read<T>(
    names: readonly string[],
    convert: (value: unknown) => T | undefined,
    expected: string,
    required: boolean,
    allowBlank = false,
  ): T | undefined {
    const found = this.find(names, allowBlank);
    if (found === undefined) {
      if (!required) return undefined;
      throw new WebhookError(
        'invalid_payload',
        `The ${this.event} has no ${names[0]} field (looked for ${names.join(', ')}). ` +
          'Fix: check that the callback URL is the right one for this kind of callback.',
        { field: names[0] },
      );
    }
    const converted = convert(found);
    if (converted !== undefined) return converted;
    if (!required && !this.strict) return undefined;
    throw new WebhookError(
      'invalid_payload',
      `The ${this.event} field "${this.foundName}" is not ${expected}. ` +
        (required
          ? 'It is required.'
          : 'Fix: turn off `strict` to ignore unusable optional fields.'),
      { field: this.foundName },
    );
  }

  /** An identifier: a non-blank string (trimmed) or a finite number, as a string. */
  id(names: readonly string[], required: true): string;
  id(names: readonly string[], required?: boolean): string | undefined;
  id(names: readonly string[], required = false): string | undefined {
    return this.read(names, toId, 'a string or number id', required);
  }

  /** A trimmed non-blank word (status, currency, tag). */
  word(names: readonly string[], required: true): string;
  word(names: readonly string[], required?: boolean): string | undefined;
  word(names: readonly string[], required = false): string | undefined {
    return this.read(names, toWord, 'a non-empty string', required);
  }

  /** Free text kept exactly as received (may be empty); numbers become strings. */
  text(names: readonly string[], required = false): string | undefined {
    return this.read(names, toText, 'text', required, true);
  }

  /** A phone number: digits with optional `+` and separators, 2 to 20 digits. */
  phone(names: readonly string[], required: true): string;
  phone(names: readonly string[], required?: boolean): string | undefined;
  phone(names: readonly string[], required = false): string | undefined {
    return this.read(names, toPhone, 'a phone number', required);
  }

  /** A non-negative integer, from a number or a digit string. */
  int(names: readonly string[], required = false): number | undefined {
    return this.read(names, toInt, 'a non-negative integer', required);
  }

  /** A boolean from true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no". */
  bool(names: readonly string[]): boolean | undefined {
    return this.read(names, toBool, 'a boolean', false);
  }

  /** A decimal amount as a string with a dot (`"0,049"` becomes `"0.049"`). */
  decimal(names: readonly string[]): string | undefined {
    return this.read(names, toDecimal, 'a decimal amount', false);
  }

  /** A date from epoch seconds (or milliseconds), or a date-time string (see `parseDateTimeString`). */
  date(names: readonly string[]): Date | undefined {
    return this.read(names, toDate, 'a date (epoch seconds or YYYY-MM-DD HH:mm:ss)', false);
  }
}

/** Whether `trim()` would leave nothing, without building the trimmed string when it would not. */
function isBlank(value: string): boolean {
  if (value.length === 0) return true;
  const first = value.charCodeAt(0);
  // A visible ASCII character first: not blank (the usual case).
  if (first > 0x20 && first < 0x7f) return false;
  return value.trim() === '';
}

function toId(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Number.isInteger(value) && !Number.isSafeInteger(value)
      ? BigInt(value).toString()
      : String(value);
  }
  return undefined;
}

function toWord(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length > 0 ? trimmed : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

const PHONE = /^\+?[\d\s().-]+$/;

function toPhone(value: unknown): string | undefined {
  const text =
    typeof value === 'number' && Number.isSafeInteger(value) && value > 0
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : undefined;
  if (text === undefined || !PHONE.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 2 && digits <= 20 ? text : undefined;
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (word === '1' || word === 'true' || word === 'yes') return true;
  if (word === '0' || word === 'false' || word === 'no') return false;
  return undefined;
}

function toDecimal(value: unknown): string | undefined {
  // A number prints in exponent form when huge or tiny (1e+21, 1e-7): not a price, so unusable.
  const text =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value.trim().replace(',', '.')
        : '';
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/** Epoch values at or above this are read as milliseconds (as seconds they would be year 5138). */
const MILLISECONDS_FROM = 1e11;
const LATEST_EPOCH_MS = 1e14;

function epochToDate(epoch: number): Date | undefined {
  if (!Number.isFinite(epoch) || epoch <= 0) return undefined;
  const ms = epoch >= MILLISECONDS_FROM ? epoch : epoch * 1000;
  return ms < LATEST_EPOCH_MS ? new Date(Math.round(ms)) : undefined;
}

function toDate(value: unknown): Date | undefined {
  if (typeof value === 'number') return epochToDate(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return epochToDate(Number(text));
  const ms = parseDateTimeString(text);
  return ms === undefined ? undefined : new Date(ms);
}
