import { createPrismaClient } from '@cairn/db/client';
import {
  DEMO_SLOW_LATENCY_MS,
  type DemoDeploymentPlan,
  seedDemoDeployment,
} from '@cairn/services/demo/seed-demo-deployment';
import { startJobQueue } from '@cairn/services/jobs/job-queue';

const READY_TIMEOUT_MS = 120_000;

async function versionRegistered(db: ReturnType<typeof createPrismaClient>, versionId: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const version = await db.modelVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { awsStatus: true, awsError: true },
    });
    if (version.awsStatus === 'READY') return;
    if (version.awsStatus === 'FAILED')
      throw new Error(`registering the version failed: ${version.awsError}`);
    if (Date.now() > deadline) throw new Error('the version was not registered in aws-sim within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * After the first start: once the worker has registered the approved scorer in aws-sim, deploys
 * it to staging and slows its endpoint down in aws-sim (which keeps traffic settings in its state
 * file), so its latency rule fires a few minutes later. Returns the endpoint's name.
 */
export async function startDemoLiveDeployment(input: {
  databaseUrl: string;
  awsSimUrl: string;
  plan: DemoDeploymentPlan;
}): Promise<string> {
  const db = createPrismaClient({ connectionString: input.databaseUrl, maxConnections: 2 });
  const queue = await startJobQueue({ connectionString: input.databaseUrl, role: 'producer' });
  try {
    await versionRegistered(db, input.plan.modelVersionId);
    const { endpointName } = await seedDemoDeployment(db, { ...input.plan, queue });
    const response = await fetch(
      `${input.awsSimUrl}/_sim/endpoints/${encodeURIComponent(endpointName)}/traffic`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: DEMO_SLOW_LATENCY_MS }),
      },
    );
    if (!response.ok) throw new Error(`aws-sim refused the demo traffic: ${response.status}`);
    return endpointName;
  } finally {
    await queue.stop({ graceful: false });
    await db.$disconnect();
  }
}
