import { DEMO_SLOW_LATENCY_MS } from '@cairn/services/demo/seed-demo-deployment';

/**
 * Slows the demo's staging endpoint down in aws-sim, so its latency rule fires once the endpoint
 * is in service. aws-sim keeps traffic settings in its state file: this runs once, after seeding.
 */
export async function slowDownDemoEndpoint(awsSimUrl: string, endpointName: string): Promise<void> {
  const response = await fetch(`${awsSimUrl}/_sim/endpoints/${encodeURIComponent(endpointName)}/traffic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: DEMO_SLOW_LATENCY_MS }),
  });
  if (!response.ok)
    throw new Error(`aws-sim refused the demo traffic: ${response.status} ${await response.text()}`);
}
