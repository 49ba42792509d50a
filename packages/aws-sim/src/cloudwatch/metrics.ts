import type { TrafficHistory, TrafficSettings } from './traffic';

export const MINUTE_MS = 60_000;
export const INVOCATION_NAMESPACE = 'AWS/SageMaker';
export const INSTANCE_NAMESPACE = '/aws/sagemaker/Endpoints';
export const DATA_QUALITY_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';

/** What metric generation needs to know about an endpoint; the SageMaker store provides it. */
export interface EndpointShape {
  name: string;
  createdAt: number;
  /** Asynchronous inference: requests queue, and the endpoint reports its backlog. */
  isAsync?: boolean;
  variants: { name: string; instanceCount: number; weight: number }[];
}

export type EndpointLookup = (name: string) => EndpointShape | undefined;

export interface MetricQuery {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** FNV-1a into [-1, 1): repeatable noise, so a minute's value never changes between reads. */
function noise(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('|')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash / 0x1_0000_0000) * 2 - 1;
}

function perMinute(
  metricName: string,
  settings: TrafficSettings,
  share: number,
  instances: number,
  seed: string,
) {
  const invocations = Math.max(
    0,
    Math.round(settings.requestsPerMinute * share * (1 + 0.1 * noise(seed, 'inv'))),
  );
  switch (metricName) {
    case 'Invocations':
      return invocations;
    case 'InvocationsPerInstance':
      return invocations / Math.max(1, instances);
    case 'Invocation5XXErrors':
      return Math.round(invocations * settings.errorRate);
    case 'Invocation4XXErrors':
      return Math.round(invocations * settings.clientErrorRate);
    case 'ModelLatency':
      return Math.round(settings.latencyMs * 1000 * (1 + 0.15 * noise(seed, 'lat')));
    case 'OverheadLatency':
      return Math.round(2000 * (1 + 0.2 * noise(seed, 'ovh')));
    case 'CPUUtilization':
      return Math.min(100, 8 + (invocations / Math.max(1, instances)) * 0.05 + 3 * noise(seed, 'cpu'));
    case 'MemoryUtilization':
      return Math.min(100, 35 + 2 * noise(seed, 'mem'));
    case 'DiskUtilization':
      return 12 + noise(seed, 'disk');
    default:
      return undefined;
  }
}

/**
 * The value one endpoint metric had in the minute starting at `minute`, or undefined when there
 * is no such metric or no endpoint then. The settings are those in effect at the minute's end
 * (or now, for the current minute), so a traffic change shows up at once and then stays put.
 */
export function minuteValue(
  lookup: EndpointLookup,
  traffic: TrafficHistory,
  query: MetricQuery,
  minute: number,
  now: number,
): number | undefined {
  const { namespace, metricName, dimensions } = query;
  if (namespace === DATA_QUALITY_NAMESPACE && metricName.startsWith('feature_baseline_drift_')) {
    const endpoint = dimensions.Endpoint ? lookup(dimensions.Endpoint) : undefined;
    if (!endpoint || minute + MINUTE_MS <= endpoint.createdAt) return undefined;
    const settings = traffic.at(endpoint.name, Math.min(minute + MINUTE_MS - 1, now));
    return Math.max(0, settings.drift * (1 + 0.1 * noise(endpoint.name, metricName, minute)));
  }
  if (namespace !== INVOCATION_NAMESPACE && namespace !== INSTANCE_NAMESPACE) return undefined;
  const endpoint = dimensions.EndpointName ? lookup(dimensions.EndpointName) : undefined;
  if (!endpoint || minute + MINUTE_MS <= endpoint.createdAt) return undefined;
  if (metricName === 'HasBacklogWithoutCapacity' && namespace === INVOCATION_NAMESPACE) {
    return backlogWithoutCapacity(endpoint, traffic.at(endpoint.name, Math.min(minute + MINUTE_MS - 1, now)));
  }
  const variant = endpoint.variants.find((candidate) => candidate.name === dimensions.VariantName);
  if (!variant) return undefined;
  const totalWeight = endpoint.variants.reduce((sum, candidate) => sum + candidate.weight, 0) || 1;
  const settings = traffic.at(endpoint.name, Math.min(minute + MINUTE_MS - 1, now));
  const seed = `${endpoint.name}|${variant.name}|${minute}`;
  return perMinute(metricName, settings, variant.weight / totalWeight, variant.instanceCount, seed);
}

/**
 * An asynchronous endpoint's HasBacklogWithoutCapacity (endpoint dimension only): 1 while requests
 * arrive and no variant has an instance to take them, else 0; real-time endpoints have no backlog.
 */
function backlogWithoutCapacity(endpoint: EndpointShape, settings: TrafficSettings): number | undefined {
  if (!endpoint.isAsync) return undefined;
  const instances = endpoint.variants.reduce((sum, variant) => sum + variant.instanceCount, 0);
  return instances === 0 && settings.requestsPerMinute > 0 ? 1 : 0;
}

/** CloudWatch statistics over per-minute values; pNN percentiles included. */
export function aggregate(values: number[], stat: string): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  switch (stat) {
    case 'Sum':
      return values.reduce((sum, value) => sum + value, 0);
    case 'Average':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'Minimum':
      return sorted[0];
    case 'Maximum':
      return sorted.at(-1);
    case 'SampleCount':
      return values.length;
    default: {
      const percentile = /^p(\d{1,2}(\.\d+)?|100)$/.exec(stat);
      if (!percentile) return undefined;
      const rank = Math.ceil((Number(percentile[1]) / 100) * sorted.length) - 1;
      return sorted[Math.max(0, rank)];
    }
  }
}

/** Aggregated datapoints for [start, end), newest first as CloudWatch returns by default. */
export function series(
  lookup: EndpointLookup,
  traffic: TrafficHistory,
  query: MetricQuery,
  options: { start: number; end: number; periodSeconds: number; stat: string; now: number },
): { timestamps: number[]; values: number[] } {
  const periodMs = options.periodSeconds * 1000;
  const timestamps: number[] = [];
  const values: number[] = [];
  const first = Math.floor(options.start / periodMs) * periodMs;
  const last = Math.min(options.end, options.now + 1);
  for (let bucket = first; bucket < last; bucket += periodMs) {
    // SageMaker publishes one-minute data: a sub-minute period has a point only where a minute starts.
    if (bucket % MINUTE_MS !== 0) continue;
    const minutes: number[] = [];
    for (let minute = bucket; minute < bucket + periodMs && minute <= options.now; minute += MINUTE_MS) {
      const value = minuteValue(lookup, traffic, query, minute, options.now);
      if (value !== undefined) minutes.push(value);
    }
    const value = aggregate(minutes, options.stat);
    if (value === undefined) continue;
    timestamps.push(bucket);
    values.push(value);
  }
  return { timestamps: timestamps.reverse(), values: values.reverse() };
}
