import { getHealth } from '@cairn/services/health/get-health';
import { env } from '~/env';
import { db } from '~/server/db';

export const dynamic = 'force-dynamic';

const AWS_PROBE_TIMEOUT_MS = 2_000;

async function probeAwsSim(): Promise<{
  ok: boolean;
  configured: boolean;
  endpoint?: string;
  error?: string;
}> {
  if (!env.awsEndpointUrl) return { ok: false, configured: false, error: 'not configured' };
  try {
    const response = await fetch(`${env.awsEndpointUrl}/_sim/health`, {
      signal: AbortSignal.timeout(AWS_PROBE_TIMEOUT_MS),
      cache: 'no-store',
    });
    return response.ok
      ? { ok: true, configured: true, endpoint: env.awsEndpointUrl }
      : { ok: false, configured: true, endpoint: env.awsEndpointUrl, error: `HTTP ${response.status}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreachable';
    return { ok: false, configured: true, endpoint: env.awsEndpointUrl, error: message };
  }
}

/**
 * Liveness for load balancers and the demo launcher: 200 while the database answers (the portal
 * works, possibly without background jobs), 503 when it does not.
 */
export async function GET() {
  const [core, aws] = await Promise.all([getHealth(db), probeAwsSim()]);
  const isHealthy = core.database.ok && core.worker.ok && (aws.ok || !aws.configured);
  const body = { status: isHealthy ? 'ok' : 'degraded', ...core, awsSim: aws, checkedAt: new Date() };
  return Response.json(body, {
    status: core.database.ok ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
