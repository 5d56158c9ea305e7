/**
 * SMS Partner's numeric `code` values, per endpoint family: the same number means different things
 * in different families (4 is "message not found" on sends and "op required" on rentals).
 * Meanings are ours, summarised from the "Codes d'erreur" page and each endpoint page of
 * docpartner.dev (see `spec/smspartner-api.md` §2 and §5 of this repository).
 */

/** The endpoint families whose code tables differ. */
export type ApiFamily =
  | 'send'
  | 'cancel'
  | 'status'
  | 'statistics'
  | 'contacts'
  | 'stops'
  | 'account'
  | 'subaccounts'
  | 'call-forward'
  | 'verification'
  | 'rental';

/** Which error class a code turns into. */
export type ApiErrorKind =
  | 'authentication'
  | 'insufficient_credit'
  | 'stop_listed'
  | 'quiet_hours'
  | 'account_disabled'
  | 'queue_failed'
  | 'api_error';

/** One entry of a code table. */
export interface ApiCodeInfo {
  /** English meaning of the code for this family. */
  meaning: string;
  /** The error class it maps to. */
  kind: ApiErrorKind;
}

/** A code's meaning, with the error class it maps to when that is not the generic one. */
export type ApiCodeEntry = string | readonly [string, ApiErrorKind];

type Table = Readonly<Record<number, ApiCodeEntry>>;

// Codes about the account itself come back from every endpoint (the emulator checks them on
// each call, as authentication does).
const COMMON: Table = {
  10: ['invalid API key', 'authentication'],
  20: ['account deactivated', 'account_disabled'],
  30: ['account blocked', 'account_disabled'],
  96: ['IP address not authorised for this account', 'authentication'],
};

const SEND: Table = {
  1: ['API key required', 'authentication'],
  2: 'phoneNumbers required',
  4: 'message not found',
  9: 'validation failed (see details)',
  11: ['insufficient credit', 'insufficient_credit'],
  13: 'no price defined for these destination numbers',
  14: ['number is in the STOP list', 'stop_listed'],
  15: 'number already in the list',
  22: ['commercial SMS outside the allowed hours (08:00 to 20:00 or 22:00)', 'quiet_hours'],
  23: ['commercial SMS not allowed on Sundays and public holidays', 'quiet_hours'],
  40: ['API access refused', 'authentication'],
  42: 'low-cost SMS are limited to 160 characters',
  43: 'message required',
  44: 'sender invalid',
  45: 'date required',
  46: 'hour required',
  47: 'minute value invalid',
  48: 'minutes must be a multiple of 5 between 0 and 55',
  49: 'date invalid',
  50: 'at most 500 numbers per request',
  51: 'low-cost range not allowed for this account',
  52: 'a concatenated SMS cannot exceed 10 parts',
  55: 'no number to send to',
  90: 'malformed JSON',
  500: ['the platform failed to queue the SMS', 'queue_failed'],
  992: 'sender not authorised',
};

// The cancel page's own codes (1, 3 to 7), and those the error-codes page lists for the
// cancellation family (2, 9, 50; the same table as status retrieval) or the page by copy (11).
const CANCEL: Table = {
  1: ['API key required', 'authentication'],
  2: 'phoneNumber required',
  3: 'messageId required',
  4: 'message not found',
  5: 'message already cancelled',
  6: 'cannot cancel less than 5 minutes before the scheduled time',
  7: 'message already sent',
  9: 'not a mobile number',
  11: ['insufficient credit', 'insufficient_credit'],
  50: 'at most 500 numbers per request',
};

const STATUS: Table = {
  1: ['API key required', 'authentication'],
  2: 'phoneNumber required',
  3: 'messageId required',
  4: 'message not found',
  5: 'number list empty',
  6: 'incorrect format',
  9: 'not a mobile number',
  50: 'at most 500 numbers per request',
};

const STATISTICS: Table = {
  1: ['API key required', 'authentication'],
};

const CONTACTS: Table = {
  1: 'a required field is missing (groupId, name or contactId)',
  2: 'contact information required',
  15: 'number already in this group',
  404: 'group or contact not found',
};

const STOPS: Table = {
  1: ['API key required', 'authentication'],
  2: 'phone number required',
  3: 'number already in the STOP list, or id required',
  4: 'stop-list entry not found',
  9: 'invalid phone number',
};

const ACCOUNT: Table = {
  1: ['API key required', 'authentication'],
};

const SUBACCOUNTS: Table = {
  1: ['API key required', 'authentication'],
  2: 'not allowed to create sub-accounts, or credit required',
  3: 'credit or isBuyer or sub-account token required',
  4: 'type or sub-account token required',
  5: 'type unknown, or credit must be greater than 0',
  6: 'email required, or sub-account not found',
  7: 'email already exists, or insufficient credit on the sub-account',
  // Create says creditToAttribute must be > 0; the credit transfers say insufficient credit.
  // Each endpoint names its own (see SubaccountsResource), this is the fallback.
  8: 'creditToAttribute must be greater than 0 (create), or insufficient credit (credit transfers)',
  9: 'balance must be greater than 0',
  11: ['insufficient credit', 'insufficient_credit'],
  404: 'sub-account not found',
};

const CALL_FORWARD: Table = {
  1: 'a required field is missing',
  5: 'virtual number required, or email invalid',
  6: 'type required',
  7: 'type invalid',
  8: 'param required',
  9: 'invalid email',
  10: ['API key required or invalid', 'authentication'],
  12: 'invalid forwarding number',
  13: 'virtual number unknown',
  14: 'call forwarding not enabled on this number',
  15: 'number disabled',
  16: 'call forwarding already on',
  17: 'voicemail already on',
  18: 'call forwarding already off',
};

const VERIFICATION: Table = {
  1: ['API key required', 'authentication'],
  2: 'phoneNumbers required',
  3: 'numbers must be comma-separated',
  11: ['insufficient credit', 'insufficient_credit'],
  13: 'no price defined for this destination',
  14: ['number is in the STOP list', 'stop_listed'],
  19: 'numbers must be comma-separated',
  50: 'at most 500 numbers per request',
  55: 'no number to verify',
};

const RENTAL: Table = {
  1: ['API key required', 'authentication'],
  3: 'parameters required',
  4: 'op required',
  5: 'urlNotification is not a valid URL',
  6: 'operation not allowed',
  7: 'sexe required',
  8: 'sexe must be m, h or f',
  9: 'minAge required',
  11: ['insufficient credit', 'insufficient_credit'],
  12: 'minAge must be over 17',
  13: 'maxAge required',
  14: 'maxAge must be under 99',
  15: 'interest must be greater than 0',
  16: 'interest empty',
  17: 'subInterest empty',
  18: 'subInterest must be greater than 0',
  19: 'interest or subInterest required',
  22: 'category empty',
  23: 'category must be greater than 0',
  24: 'Type required',
  25: 'Localite required',
  26: 'Volume required',
  27: 'desired volume exceeds what is available',
  28: 'desired volume exceeds the total volume',
  31: 'token required',
  32: 'rental not found',
  33: 'rental file not found',
  34: 'file already used',
  35: 'file being downloaded',
  36: 'rental failed',
  61: 'the query returned no result',
};

const TABLES: Readonly<Record<ApiFamily, Table>> = {
  send: SEND,
  cancel: CANCEL,
  status: STATUS,
  statistics: STATISTICS,
  contacts: CONTACTS,
  stops: STOPS,
  account: ACCOUNT,
  subaccounts: SUBACCOUNTS,
  'call-forward': CALL_FORWARD,
  verification: VERIFICATION,
  rental: RENTAL,
};

/**
 * The meaning of an SMS Partner `code` for an endpoint family, and the error class it maps to.
 * Unknown codes get a generic meaning and `kind: 'api_error'`.
 *
 * @example
 * ```ts
 * describeApiCode('send', 44); // { meaning: 'sender invalid', kind: 'api_error' }
 * describeApiCode('send', 14).kind; // 'stop_listed'
 * ```
 */
export function describeApiCode(family: ApiFamily, code: number): ApiCodeInfo {
  const entry = TABLES[family][code] ?? COMMON[code];
  if (entry === undefined) return { meaning: `unknown error code ${code}`, kind: 'api_error' };
  return entryInfo(entry);
}

/** An entry's meaning and kind (a plain string is a generic API error). */
export function entryInfo(entry: ApiCodeEntry): ApiCodeInfo {
  if (typeof entry === 'string') return { meaning: entry, kind: 'api_error' };
  return { meaning: entry[0], kind: entry[1] };
}
