import { normalizePhoneNumber, SmsPartnerValidationError } from '@sms-partner/core';
import { parse } from 'csv-parse/sync';
import { usageError } from './io.js';

/** One recipient as read: where it came from and what it said. */
export interface RecipientInput {
  /** `line 12 of clients.csv`, or `--to` for the command line. */
  source: string;
  /** The number as written. */
  value: string;
}

/** A recipient that could not be read as a phone number. */
export interface InvalidRecipient extends RecipientInput {
  /** What is wrong with it, from the SDK's validation. */
  problem: string;
}

/** Recipients ready to send: normalised, each once. */
export interface Recipients {
  /** E.164 numbers, in input order, each once. */
  numbers: string[];
  /** Inputs that repeated an earlier number. */
  duplicates: number;
  /** Inputs that are not phone numbers. */
  invalid: InvalidRecipient[];
}

// Header names people give the phone column, compared without case, accents, spaces or _ and -.
const PHONE_HEADERS = new Set([
  'phone',
  'phonenumber',
  'number',
  'mobile',
  'mobilephone',
  'cellphone',
  'msisdn',
  'to',
  'recipient',
  'tel',
  'telephone',
  'numero',
  'numerodetelephone',
  'portable',
  'gsm',
]);

function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]/g, '')
    .toLowerCase();
}

function looksLikePhone(text: string): boolean {
  try {
    normalizePhoneNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** The delimiter of the first line: French spreadsheets export `;`, others `,` or a tab. */
function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * The phone numbers of a CSV file. The column is `column` (a header name or a 1-based index)
 * when given; otherwise the first column whose header is a usual name for it (phone, mobile,
 * téléphone, numéro...); a file whose first row is already a number has no header and the first
 * column is read.
 */
export function readCsvRecipients(
  text: string,
  fileName: string,
  column?: string,
): RecipientInput[] {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw usageError(`cannot read ${fileName} as CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw usageError(`${fileName} has no rows.`);
  const header = rows[0]!.record;
  let index: number;
  let body = rows.slice(1);
  if (column !== undefined) {
    const byName = header.findIndex((cell) => headerKey(cell) === headerKey(column));
    const byPosition = /^\d+$/.test(column) ? Number(column) - 1 : -1;
    index = byName >= 0 ? byName : byPosition;
    if (index < 0) {
      throw usageError(`${fileName} has no column "${column}".`, [
        `its header is: ${header.map((cell) => JSON.stringify(cell)).join(', ')}; pass one of these names or a column number (1 = first).`,
      ]);
    }
    if (byName < 0 && looksLikePhone(header[index] ?? '')) body = rows;
  } else {
    index = header.findIndex((cell) => PHONE_HEADERS.has(headerKey(cell)));
    if (index < 0) {
      if (!looksLikePhone(header[0] ?? '')) {
        throw usageError(`which column of ${fileName} holds the phone numbers?`, [
          `its header is: ${header.map((cell) => JSON.stringify(cell)).join(', ')}; pass --column NAME (or a column number, 1 = first).`,
        ]);
      }
      index = 0;
      body = rows;
    }
  }
  return body
    .map((row) => ({
      source: `line ${row.info.lines} of ${fileName}`,
      value: row.record[index] ?? '',
    }))
    .filter((row) => row.value !== '');
}

/** Normalises and de-duplicates recipients with the SDK's phone-number rules. */
export function prepareRecipients(inputs: readonly RecipientInput[]): Recipients {
  const seen = new Set<string>();
  const numbers: string[] = [];
  const invalid: InvalidRecipient[] = [];
  let duplicates = 0;
  for (const input of inputs) {
    let number: string;
    try {
      number = normalizePhoneNumber(input.value);
    } catch (error) {
      if (!(error instanceof SmsPartnerValidationError)) throw error;
      invalid.push({ ...input, problem: error.issues[0]?.problem ?? error.message });
      continue;
    }
    if (seen.has(number)) duplicates++;
    else {
      seen.add(number);
      numbers.push(number);
    }
  }
  return { numbers, duplicates, invalid };
}
