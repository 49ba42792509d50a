/** The variant statistics of one metric over a range, as read from the stored minutes. */
export interface VariantStats {
  /** Mean of the minutes' values. */
  mean: number | null;
  /** 99th percentile of the minutes' values. */
  p99: number | null;
  /** Sum of the minutes' values (counts). */
  sum: number | null;
}

export type ComparisonDirection = 'lower-is-better' | 'neutral';
export type ComparisonVerdict = 'better' | 'worse' | 'same' | 'unknown';

export interface ShadowComparisonRow {
  key: string;
  label: string;
  unit: 'count' | 'ms' | 'percent';
  /** How the value is made from the minutes, in words for the table ("mean per minute", ...). */
  basis: string;
  production: number | null;
  shadow: number | null;
  /** Shadow against production, in percent of production's value; null when either is missing or production is 0. */
  differencePercent: number | null;
  verdict: ComparisonVerdict;
}

/** Differences within this share of production's value count as the same. */
const SAME_WITHIN_PERCENT = 1;

interface RowDefinition {
  key: string;
  label: string;
  unit: ShadowComparisonRow['unit'];
  basis: string;
  direction: ComparisonDirection;
  value: (stats: (metric: string) => VariantStats | undefined) => number | null;
}

function rate(errors: VariantStats | undefined, invocations: VariantStats | undefined): number | null {
  if (!invocations?.sum || errors?.sum === null || errors?.sum === undefined) return null;
  return (errors.sum / invocations.sum) * 100;
}

/** The metrics a shadow test is judged on, production against shadow. */
export const SHADOW_COMPARISON_ROWS: readonly RowDefinition[] = [
  {
    key: 'invocations',
    label: 'Invocations',
    unit: 'count',
    basis: 'mean per minute',
    // The shadow receives a copy of a share of requests: fewer is expected, neither better nor worse.
    direction: 'neutral',
    value: (stats) => stats('invocations')?.mean ?? null,
  },
  {
    key: 'model_latency_p50',
    label: 'Model latency p50',
    unit: 'ms',
    basis: 'mean of the minutes',
    direction: 'lower-is-better',
    value: (stats) => stats('model_latency_p50')?.mean ?? null,
  },
  {
    key: 'model_latency_p99',
    label: 'Model latency p99',
    unit: 'ms',
    basis: '99th percentile of the minutes',
    direction: 'lower-is-better',
    value: (stats) => stats('model_latency_p99')?.p99 ?? null,
  },
  {
    key: 'error_rate_4xx',
    label: '4xx error rate',
    unit: 'percent',
    basis: '4xx errors / invocations',
    direction: 'lower-is-better',
    value: (stats) => rate(stats('invocation_4xx'), stats('invocations')),
  },
  {
    key: 'error_rate_5xx',
    label: '5xx error rate',
    unit: 'percent',
    basis: '5xx errors / invocations',
    direction: 'lower-is-better',
    value: (stats) => rate(stats('invocation_5xx'), stats('invocations')),
  },
  {
    key: 'cpu_utilization',
    label: 'CPU utilization',
    unit: 'percent',
    basis: 'mean of the minutes',
    direction: 'lower-is-better',
    value: (stats) => stats('cpu_utilization')?.mean ?? null,
  },
  {
    key: 'memory_utilization',
    label: 'Memory utilization',
    unit: 'percent',
    basis: 'mean of the minutes',
    direction: 'lower-is-better',
    value: (stats) => stats('memory_utilization')?.mean ?? null,
  },
];

/** The stored metrics the comparison reads. */
export const SHADOW_COMPARISON_METRICS = [
  'invocations',
  'model_latency_p50',
  'model_latency_p99',
  'invocation_4xx',
  'invocation_5xx',
  'cpu_utilization',
  'memory_utilization',
] as const;

function verdictOf(
  direction: ComparisonDirection,
  production: number | null,
  shadow: number | null,
): ComparisonVerdict {
  if (production === null || shadow === null || direction === 'neutral') return 'unknown';
  const scale = Math.max(Math.abs(production), Math.abs(shadow));
  if (scale === 0 || (Math.abs(shadow - production) / scale) * 100 < SAME_WITHIN_PERCENT) return 'same';
  return shadow < production ? 'better' : 'worse';
}

/**
 * Production against shadow per metric: each side's value over the range, the shadow's difference
 * in percent of production's, and whether that is better or worse (lower latency, fewer errors and
 * less utilization are better; invocations are only shown).
 */
export function compareShadowVariants(
  production: ReadonlyMap<string, VariantStats>,
  shadow: ReadonlyMap<string, VariantStats>,
): ShadowComparisonRow[] {
  return SHADOW_COMPARISON_ROWS.map((row) => {
    const productionValue = row.value((metric) => production.get(metric));
    const shadowValue = row.value((metric) => shadow.get(metric));
    const differencePercent =
      productionValue !== null && shadowValue !== null && productionValue !== 0
        ? ((shadowValue - productionValue) / Math.abs(productionValue)) * 100
        : null;
    return {
      key: row.key,
      label: row.label,
      unit: row.unit,
      basis: row.basis,
      production: productionValue,
      shadow: shadowValue,
      differencePercent,
      verdict: verdictOf(row.direction, productionValue, shadowValue),
    };
  });
}
