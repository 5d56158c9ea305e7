/**
 * Tolerant parameter readers: values may arrive as JSON numbers, numeric strings or booleans
 * (PHP and form bodies turn everything into strings).
 */

export type Params = Record<string, unknown>;

/** A trimmed non-empty string, or `undefined`. Numbers are accepted and stringified. */
export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The value is present (not undefined, null or an empty string). */
export function has(params: Params, name: string): boolean {
  const value = params[name];
  return value !== undefined && value !== null && value !== '';
}

/** An integer from a number or an integer string; `NaN` when present but not an integer. */
export function int(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return Number.NaN;
}

/** A decimal number from a number or a numeric string; `NaN` when present but not numeric. */
export function num(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return Number.NaN;
}

/** `1`, `"1"`, `true`, `"true"` are on; anything else is off. */
export function flag(params: Params, name: string): boolean {
  const value = params[name];
  return value === 1 || value === true || value === '1' || value === 'true';
}

/** A nested object parameter (JSON), or `undefined`. */
export function obj(params: Params, name: string): Params | undefined {
  const value = params[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Params)
    : undefined;
}

/** A list parameter: a JSON array, or a comma-separated string. */
export function list(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (Array.isArray(value)) return value.map((v) => String(v).trim());
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.split(',').map((v) => v.trim());
}
