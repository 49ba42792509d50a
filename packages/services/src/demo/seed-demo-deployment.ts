import type { Actor } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';
import { createDeployment } from '../deployments/create-deployment';
import type { JobQueue } from '../jobs/job-queue';
import { createAlertRule } from '../monitoring/create-alert-rule';

/** The model latency the demo's staging endpoint answers with in aws-sim: slow enough to alert. */
export const DEMO_SLOW_LATENCY_MS = 1600;

/** The approved version the demo runs in staging, and who deploys it. */
export interface DemoDeploymentPlan {
  teamId: string;
  projectId: string;
  modelVersionId: string;
  engineer: Actor;
}

/**
 * The approved scorer running in staging, with a tight latency rule of its own: the launcher
 * slows the endpoint down in aws-sim, so the rule fires a few minutes after the endpoint is in
 * service and the demo shows a live alert. Deploying needs the version's model package, which the
 * worker makes: the launcher calls this once the worker runs and the version is READY. Returns
 * the endpoint's name, for the launcher's traffic settings.
 */
export async function seedDemoDeployment(
  db: PrismaClient,
  input: DemoDeploymentPlan & { queue: JobQueue },
): Promise<{ deploymentId: string; endpointName: string }> {
  const ctx = { db, actor: input.engineer, request: systemRequest('cairn demo seed'), queue: input.queue };
  const deployment = await createDeployment(ctx, {
    teamId: input.teamId,
    projectId: input.projectId,
    spec: {
      type: 'REALTIME',
      modelVersionId: input.modelVersionId,
      environment: 'STAGING',
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
      rollsBackOnAlarm: false,
    },
    assumptions: {},
  });
  await createAlertRule(ctx, {
    teamId: input.teamId,
    projectId: input.projectId,
    deploymentId: deployment.id,
    name: 'Checkout latency: p99 above 1.2 s',
    metric: 'model_latency_p99',
    statistic: 'Average',
    comparator: 'GREATER_THAN',
    threshold: 1200,
    windowMinutes: 1,
    evaluationPeriods: 2,
    severity: 'WARNING',
    isEnabled: true,
  });
  return { deploymentId: deployment.id, endpointName: deployment.awsResourceName };
}
