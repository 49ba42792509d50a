/** Where a catalogue metric comes from in CloudWatch: one metric and statistic per variant (or endpoint). */
export interface CloudWatchSource {
  namespace: string;
  metricName: string;
  stat: string;
  /** `variant`: EndpointName + VariantName; `endpoint`: Model Monitor's Endpoint dimension. */
  dimensions: 'variant' | 'endpoint';
  /** Multiplies CloudWatch's value into the catalogue unit (SageMaker reports latency in microseconds). */
  scale: number;
}

export type MetricUnit = 'count' | 'ms' | 'percent' | 'score';
export type MetricGroup = 'traffic' | 'latency' | 'errors' | 'utilization' | 'drift' | 'quality';

/** How the whole endpoint's value is made from its production variants' values for one minute. */
export type VariantRollup = 'sum' | 'weighted' | 'max' | 'mean' | 'ratio';

export interface MetricDefinition {
  key: string;
  label: string;
  unit: MetricUnit;
  group: MetricGroup;
  /** Null for a metric Cairn derives from others (the 5xx error rate). */
  source: CloudWatchSource | null;
  rollup: VariantRollup;
}

export const INVOCATION_NAMESPACE = 'AWS/SageMaker';
export const INSTANCE_NAMESPACE = '/aws/sagemaker/Endpoints';
export const DATA_QUALITY_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';
export const MODEL_QUALITY_NAMESPACE = 'aws/sagemaker/Endpoints/model-metrics';

const invocation = (metricName: string, stat: string, scale = 1): CloudWatchSource => ({
  namespace: INVOCATION_NAMESPACE,
  metricName,
  stat,
  dimensions: 'variant',
  scale,
});
const instance = (metricName: string): CloudWatchSource => ({
  namespace: INSTANCE_NAMESPACE,
  metricName,
  stat: 'Average',
  dimensions: 'variant',
  scale: 1,
});

/** The endpoint metrics Cairn collects every minute, per variant. */
export const ENDPOINT_METRICS: readonly MetricDefinition[] = [
  {
    key: 'invocations',
    label: 'Invocations',
    unit: 'count',
    group: 'traffic',
    source: invocation('Invocations', 'Sum'),
    rollup: 'sum',
  },
  {
    key: 'model_latency_p50',
    label: 'Model latency p50',
    unit: 'ms',
    group: 'latency',
    source: invocation('ModelLatency', 'p50', 0.001),
    rollup: 'weighted',
  },
  {
    key: 'model_latency_p99',
    label: 'Model latency p99',
    unit: 'ms',
    group: 'latency',
    source: invocation('ModelLatency', 'p99', 0.001),
    // Percentiles do not average: the worst variant's p99 bounds the endpoint's from above.
    rollup: 'max',
  },
  {
    key: 'overhead_latency',
    label: 'Overhead latency',
    unit: 'ms',
    group: 'latency',
    source: invocation('OverheadLatency', 'Average', 0.001),
    rollup: 'weighted',
  },
  {
    key: 'invocation_4xx',
    label: '4xx errors',
    unit: 'count',
    group: 'errors',
    source: invocation('Invocation4XXErrors', 'Sum'),
    rollup: 'sum',
  },
  {
    key: 'invocation_5xx',
    label: '5xx errors',
    unit: 'count',
    group: 'errors',
    source: invocation('Invocation5XXErrors', 'Sum'),
    rollup: 'sum',
  },
  {
    key: 'error_rate_5xx',
    label: '5xx error rate',
    unit: 'percent',
    group: 'errors',
    source: null,
    rollup: 'ratio',
  },
  {
    key: 'cpu_utilization',
    label: 'CPU utilization',
    unit: 'percent',
    group: 'utilization',
    source: instance('CPUUtilization'),
    rollup: 'mean',
  },
  {
    key: 'memory_utilization',
    label: 'Memory utilization',
    unit: 'percent',
    group: 'utilization',
    source: instance('MemoryUtilization'),
    rollup: 'mean',
  },
];

/**
 * The instances an endpoint's production variants run, read from DescribeEndpoint each minute (not
 * a CloudWatch metric): what autoscaling did, for the cost of the fleet over time.
 */
export const INSTANCES_METRIC = 'instances';

export const DRIFT_PREFIX = 'drift:';
export const QUALITY_PREFIX = 'quality:';
/** The largest drift score of all monitored features in a minute. */
export const MAX_DRIFT_METRIC = 'drift:*';

const FEATURE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Whether a string names a metric Cairn knows: a catalogue key, `drift:<feature>`, `drift:*` or `quality:<metric>`. */
export function isKnownMetric(key: string): boolean {
  if (ENDPOINT_METRICS.some((metric) => metric.key === key)) return true;
  if (key === MAX_DRIFT_METRIC) return true;
  for (const prefix of [DRIFT_PREFIX, QUALITY_PREFIX]) {
    if (key.startsWith(prefix)) return FEATURE_NAME.test(key.slice(prefix.length));
  }
  return false;
}

/** The definition of any known metric, including the per-feature drift and quality families. */
export function describeMetric(key: string): MetricDefinition | null {
  const fixed = ENDPOINT_METRICS.find((metric) => metric.key === key);
  if (fixed) return fixed;
  if (!isKnownMetric(key)) return null;
  if (key === MAX_DRIFT_METRIC) {
    return { key, label: 'Max feature drift', unit: 'score', group: 'drift', source: null, rollup: 'max' };
  }
  if (key.startsWith(DRIFT_PREFIX)) {
    const feature = key.slice(DRIFT_PREFIX.length);
    return {
      key,
      label: `Drift: ${feature}`,
      unit: 'score',
      group: 'drift',
      source: {
        namespace: DATA_QUALITY_NAMESPACE,
        metricName: `feature_baseline_drift_${feature}`,
        stat: 'Average',
        dimensions: 'endpoint',
        scale: 1,
      },
      rollup: 'max',
    };
  }
  const name = key.slice(QUALITY_PREFIX.length);
  return {
    key,
    label: `Quality: ${name}`,
    unit: 'score',
    group: 'quality',
    source: {
      namespace: MODEL_QUALITY_NAMESPACE,
      metricName: name,
      stat: 'Average',
      dimensions: 'endpoint',
      scale: 1,
    },
    rollup: 'mean',
  };
}

export const UNIT_SUFFIX: Record<MetricUnit, string> = { count: '', ms: ' ms', percent: '%', score: '' };

/** A value with its unit, for alert messages and chart tooltips. */
export function formatMetricValue(key: string, value: number): string {
  const unit = describeMetric(key)?.unit ?? 'score';
  const digits = unit === 'score' ? 3 : Math.abs(value) >= 100 ? 0 : 2;
  return `${Number(value.toFixed(digits))}${UNIT_SUFFIX[unit]}`;
}
