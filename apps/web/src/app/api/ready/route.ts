import { getReadiness } from '@cairn/services/health/get-readiness';
import { env } from '~/env';
import { db } from '~/server/db';

export const dynamic = 'force-dynamic';

/**
 * Readiness for load balancers and deploys: 200 when the database answers, every migration this
 * build ships is applied and a worker beat within the last minute; 503 naming the failed checks.
 */
export async function GET() {
  const { isReady, checks } = await getReadiness({ db, migrationsDir: env.migrationsDir });
  const failed = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
  return Response.json(
    { status: isReady ? 'ready' : 'not ready', failed, checks, checkedAt: new Date() },
    { status: isReady ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
