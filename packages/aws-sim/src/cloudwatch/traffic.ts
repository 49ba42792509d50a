/** How busy and how healthy an endpoint's simulated traffic is; every field has a calm default. */
export interface TrafficSettings {
  requestsPerMinute: number;
  /** Fraction (0-1) of invocations answered 5xx. */
  errorRate: number;
  /** Fraction (0-1) of invocations answered 4xx. */
  clientErrorRate: number;
  /** Mean model latency in milliseconds (CloudWatch reports ModelLatency in microseconds). */
  latencyMs: number;
  /** Data drift score (0-1) reported as Model Monitor's feature_baseline_drift_* metrics. */
  drift: number;
}

export const DEFAULT_TRAFFIC: TrafficSettings = {
  requestsPerMinute: 60,
  errorRate: 0,
  clientErrorRate: 0.01,
  latencyMs: 40,
  drift: 0.05,
};

const LIMITS: Record<keyof TrafficSettings, [number, number]> = {
  requestsPerMinute: [0, 1_000_000],
  errorRate: [0, 1],
  clientErrorRate: [0, 1],
  latencyMs: [0, 600_000],
  drift: [0, 1],
};

export class TrafficInputError extends Error {}

/** Parses a partial settings object from the admin API, naming the field that is out of range. */
export function parseTraffic(body: Record<string, unknown>): Partial<TrafficSettings> {
  const settings: Partial<TrafficSettings> = {};
  for (const [field, value] of Object.entries(body)) {
    const limits = LIMITS[field as keyof TrafficSettings];
    if (!limits)
      throw new TrafficInputError(
        `unknown field ${field}; expected one of ${Object.keys(LIMITS).join(', ')}`,
      );
    const [min, max] = limits;
    if (typeof value !== 'number' || !(value >= min && value <= max)) {
      throw new TrafficInputError(`${field} must be a number from ${min} to ${max}`);
    }
    settings[field as keyof TrafficSettings] = value;
  }
  return settings;
}

/**
 * Settings per endpoint as a history of changes, so a past minute keeps the values it had: metric
 * data is a pure function of time and this history, and reading it twice gives the same answer.
 */
export class TrafficHistory {
  /** Public for persistence only. */
  readonly changes = new Map<string, { from: number; settings: TrafficSettings }[]>();

  set(endpointName: string, patch: Partial<TrafficSettings>, at: number): TrafficSettings {
    const history = this.changes.get(endpointName) ?? [];
    const settings = { ...this.at(endpointName, at), ...patch };
    history.push({ from: at, settings });
    this.changes.set(endpointName, history);
    return settings;
  }

  at(endpointName: string, time: number): TrafficSettings {
    const history = this.changes.get(endpointName) ?? [];
    let current = DEFAULT_TRAFFIC;
    for (const change of history) {
      if (change.from <= time) current = change.settings;
    }
    return current;
  }

  reset(): void {
    this.changes.clear();
  }
}
