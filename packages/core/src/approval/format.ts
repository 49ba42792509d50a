import type { Role } from '../roles';

/** Up to 6 significant digits, so "0.8300000000000001" reads "0.83"; NaN and ±Infinity as JS spells them. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/**
 * Formats two numbers that are compared in one sentence. When rounding would make different
 * numbers look equal ("0.85, needs >= 0.85" for 0.8499999), both are shown in full.
 */
export function formatPair(a: number, b: number): [string, string] {
  const short: [string, string] = [formatNumber(a), formatNumber(b)];
  if (short[0] === short[1] && a !== b) return [String(a), String(b)];
  return short;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatUsd(value: number): string {
  return Number.isFinite(value) ? usd.format(value) : `$${String(value)}`;
}

export function roleLabel(role: Role): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}
