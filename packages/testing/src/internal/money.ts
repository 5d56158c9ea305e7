/**
 * Money is kept in integer thousandths of a euro ("milli-euros"): SMS Partner prices and balances
 * have three decimals (`"10225.119"`, `0.038`), and integers never drift.
 */

export function toMilli(euros: number): number {
  return Math.round(euros * 1000);
}

export function fromMilli(milli: number): number {
  return Math.round(milli) / 1000;
}

/** `"10225.119"`: the three-decimal string the API uses for `solde`/`balance`/statistics costs. */
export function milliString(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(Math.round(milli));
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}
