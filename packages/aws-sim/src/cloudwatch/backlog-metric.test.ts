import { describe, expect, it } from 'vitest';
import { type EndpointShape, MINUTE_MS, minuteValue } from './metrics';
import { TrafficHistory } from './traffic';

const START = Date.UTC(2026, 11, 1, 12, 0);

function backlogOf(endpoint: EndpointShape, requestsPerMinute: number): number | undefined {
  const traffic = new TrafficHistory();
  traffic.set(endpoint.name, { requestsPerMinute }, START);
  const minute = START + 5 * MINUTE_MS;
  return minuteValue(
    (name) => (name === endpoint.name ? endpoint : undefined),
    traffic,
    {
      namespace: 'AWS/SageMaker',
      metricName: 'HasBacklogWithoutCapacity',
      dimensions: { EndpointName: endpoint.name },
    },
    minute,
    minute + 2 * MINUTE_MS,
  );
}

const asyncEndpoint = (instanceCount: number): EndpointShape => ({
  name: 'cairn-ep-async',
  createdAt: START,
  isAsync: true,
  variants: [{ name: 'primary', instanceCount, weight: 1 }],
});

describe('HasBacklogWithoutCapacity', () => {
  it('is 1 while requests reach an asynchronous endpoint scaled to zero instances', () => {
    expect(backlogOf(asyncEndpoint(0), 30)).toBe(1);
  });

  it('is 0 once an instance serves, or while nothing arrives', () => {
    expect(backlogOf(asyncEndpoint(1), 30)).toBe(0);
    expect(backlogOf(asyncEndpoint(0), 0)).toBe(0);
  });

  it('does not exist for a real-time endpoint', () => {
    expect(backlogOf({ ...asyncEndpoint(0), isAsync: false }, 30)).toBeUndefined();
  });
});
