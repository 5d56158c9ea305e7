/**
 * Tolerant readers for SMS Partner's loosely typed answers: numbers sent as strings (`"10225.119"`),
 * booleans as `"0"`/`"1"`, ids as numbers or strings, XML values as text. Each returns `undefined`
 * rather than guessing when a value is unusable.
 */

/** A JSON object from the API. */
export type ApiRecord = Record<string, unknown>;

/** The value as an object, else an empty one. */
export function asRecord(value: unknown): ApiRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as ApiRecord)
    : {};
}

/** The value as an array; a single object (XML with one entry) becomes a one-item array. */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || value === '') return [];
  return [value];
}

/** A finite number from a number or a numeric string (`"0.038"`, `"1,5"` is not accepted). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A non-empty string from a string or a number (ids are sent both ways). */
export function toId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

/** A string, or `undefined` for anything else (numbers are stringified). */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A boolean from `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false' || value === '') return false;
  return undefined;
}

/** The first of several keys that holds a value (for the API's spelling variants). */
export function pick(record: ApiRecord, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** Ids are numbers in the documented request bodies; a numeric id is sent as a number. */
export function numericId(id: string): string | number {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}
