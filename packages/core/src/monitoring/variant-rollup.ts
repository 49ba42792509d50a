import type { VariantRollup } from './metric-catalogue';

export interface VariantValue {
  value: number;
  /** The variant's invocations in the same minute, the weight for latency averages. */
  invocations: number;
}

/** The whole endpoint's value for one minute from its production variants' values (never empty). */
export function rollupVariants(rollup: VariantRollup, values: readonly VariantValue[]): number | null {
  if (values.length === 0) return null;
  switch (rollup) {
    case 'sum':
      return values.reduce((sum, entry) => sum + entry.value, 0);
    case 'max':
      return Math.max(...values.map((entry) => entry.value));
    case 'weighted': {
      const weight = values.reduce((sum, entry) => sum + entry.invocations, 0);
      if (weight === 0) return values.reduce((sum, entry) => sum + entry.value, 0) / values.length;
      return values.reduce((sum, entry) => sum + entry.value * entry.invocations, 0) / weight;
    }
    default:
      return values.reduce((sum, entry) => sum + entry.value, 0) / values.length;
  }
}

/** 5xx errors as a percentage of invocations; null for a minute without traffic (nothing to rate). */
export function errorRatePercent(errors: number, invocations: number): number | null {
  if (!(invocations > 0)) return null;
  return (100 * errors) / invocations;
}
