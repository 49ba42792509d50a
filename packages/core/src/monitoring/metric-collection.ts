import { DRIFT_PREFIX, describeMetric, ENDPOINT_METRICS, MAX_DRIFT_METRIC } from './metric-catalogue';
import { errorRatePercent, rollupVariants } from './variant-rollup';

export interface EndpointShape {
  endpointName: string;
  productionVariants: string[];
  shadowVariants: string[];
  /** Features whose Model Monitor drift score is collected as `drift:<feature>`. */
  driftFeatures: string[];
}

export interface PlannedQuery {
  /** CloudWatch query id: a lowercase letter, then letters and digits. */
  id: string;
  metric: string;
  /** The variant the query reads, or '' for an endpoint-level (Model Monitor) metric. */
  variant: string;
  namespace: string;
  metricName: string;
  stat: string;
  dimensions: Record<string, string>;
  scale: number;
}

export interface CollectedRow {
  metric: string;
  variant: string;
  minute: Date;
  value: number;
}

/** One GetMetricData query per catalogue metric and variant, plus one per drift feature. */
export function planMetricQueries(endpoint: EndpointShape): PlannedQuery[] {
  const queries: PlannedQuery[] = [];
  for (const variant of [...endpoint.productionVariants, ...endpoint.shadowVariants]) {
    for (const definition of ENDPOINT_METRICS) {
      if (!definition.source) continue;
      queries.push({
        id: `q${queries.length}`,
        metric: definition.key,
        variant,
        namespace: definition.source.namespace,
        metricName: definition.source.metricName,
        stat: definition.source.stat,
        dimensions: { EndpointName: endpoint.endpointName, VariantName: variant },
        scale: definition.source.scale,
      });
    }
  }
  for (const feature of endpoint.driftFeatures) {
    const source = describeMetric(`${DRIFT_PREFIX}${feature}`)?.source;
    if (!source) continue;
    queries.push({
      id: `q${queries.length}`,
      metric: `${DRIFT_PREFIX}${feature}`,
      variant: '',
      namespace: source.namespace,
      metricName: source.metricName,
      stat: source.stat,
      dimensions: { Endpoint: endpoint.endpointName },
      scale: source.scale,
    });
  }
  return queries;
}

/**
 * Rows to store from GetMetricData's answers: per variant when the endpoint runs more than one
 * (shadow or A/B), and always the endpoint as a whole ('') rolled up from its production variants;
 * the 5xx error rate derived per minute; the largest feature drift as `drift:*`.
 */
export function metricRowsFromResults(
  endpoint: EndpointShape,
  queries: readonly PlannedQuery[],
  results: ReadonlyMap<string, readonly { at: Date; value: number }[]>,
): CollectedRow[] {
  // metric -> variant -> minute(ms) -> value
  const values = new Map<string, Map<string, Map<number, number>>>();
  const put = (metric: string, variant: string, minute: number, value: number) => {
    const byVariant = values.get(metric) ?? new Map<string, Map<number, number>>();
    const byMinute = byVariant.get(variant) ?? new Map<number, number>();
    byMinute.set(minute, value);
    byVariant.set(variant, byMinute);
    values.set(metric, byVariant);
  };
  for (const query of queries) {
    for (const point of results.get(query.id) ?? []) {
      if (Number.isFinite(point.value))
        put(query.metric, query.variant, point.at.getTime(), point.value * query.scale);
    }
  }
  const variantsOf = (metric: string) => values.get(metric) ?? new Map<string, Map<number, number>>();
  const allVariants = [...endpoint.productionVariants, ...endpoint.shadowVariants];
  // The error rate, per variant, from the counts of the same minute.
  for (const variant of allVariants) {
    const invocations = variantsOf('invocations').get(variant) ?? new Map<number, number>();
    for (const [minute, errors] of variantsOf('invocation_5xx').get(variant) ?? []) {
      const rate = errorRatePercent(errors, invocations.get(minute) ?? 0);
      if (rate !== null) put('error_rate_5xx', variant, minute, rate);
    }
  }
  const rows: CollectedRow[] = [];
  const isMultiVariant = allVariants.length > 1;
  for (const definition of ENDPOINT_METRICS) {
    const byVariant = variantsOf(definition.key);
    if (isMultiVariant) {
      for (const [variant, byMinute] of byVariant) {
        for (const [minute, value] of byMinute)
          rows.push({ metric: definition.key, variant, minute: new Date(minute), value });
      }
    }
    if (definition.rollup === 'ratio') continue;
    const minutes = new Set(
      endpoint.productionVariants.flatMap((variant) => [...(byVariant.get(variant)?.keys() ?? [])]),
    );
    for (const minute of minutes) {
      const entries = endpoint.productionVariants.flatMap((variant) => {
        const value = byVariant.get(variant)?.get(minute);
        if (value === undefined) return [];
        return [{ value, invocations: variantsOf('invocations').get(variant)?.get(minute) ?? 0 }];
      });
      const value = rollupVariants(definition.rollup, entries);
      if (value !== null) rows.push({ metric: definition.key, variant: '', minute: new Date(minute), value });
    }
  }
  // The endpoint's error rate from its summed counts, not an average of the variants' rates.
  const wholeInvocations = new Map(
    rows
      .filter((row) => row.variant === '' && row.metric === 'invocations')
      .map((row) => [row.minute.getTime(), row.value]),
  );
  for (const row of rows.filter((entry) => entry.variant === '' && entry.metric === 'invocation_5xx')) {
    const rate = errorRatePercent(row.value, wholeInvocations.get(row.minute.getTime()) ?? 0);
    if (rate !== null) rows.push({ metric: 'error_rate_5xx', variant: '', minute: row.minute, value: rate });
  }
  const maxDrift = new Map<number, number>();
  for (const feature of endpoint.driftFeatures) {
    for (const [minute, value] of variantsOf(`${DRIFT_PREFIX}${feature}`).get('') ?? []) {
      rows.push({ metric: `${DRIFT_PREFIX}${feature}`, variant: '', minute: new Date(minute), value });
      maxDrift.set(minute, Math.max(maxDrift.get(minute) ?? Number.NEGATIVE_INFINITY, value));
    }
  }
  for (const [minute, value] of maxDrift)
    rows.push({ metric: MAX_DRIFT_METRIC, variant: '', minute: new Date(minute), value });
  return rows;
}
