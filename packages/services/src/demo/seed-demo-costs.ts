import type { Actor } from '@cairn/core/actor';
import { awsResourceName } from '@cairn/core/aws-names';
import { addDays, HOUR_MS, utcDay } from '@cairn/core/costs/cost-calendar';
import { previewMonthlyCost } from '@cairn/core/deployments/cost-preview';
import {
  type DeploymentSpec,
  deploymentSpecSchema,
  type RolloutStrategy,
} from '@cairn/core/schemas/deployment';
import { uuidV7 } from '@cairn/core/uuid-v7';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { saveBudget } from '../budgets/save-budget';
import { systemRequest } from '../context';
import { recomputeCosts } from '../costs/recompute-costs';
import type { JobQueue } from '../jobs/job-queue';

/** How far back the demo's cost history reaches. */
export const DEMO_COST_DAYS = 60;

interface PastDeployment {
  spec: DeploymentSpec;
  inServiceAt: Date;
  endedAt: Date;
  shadowEndedAt?: Date;
  endReason: string;
}

/**
 * What the fraud team ran in dev over the last two months, all ended by now: a small endpoint for
 * the whole period, a GPU shadow test, a three-week load test on four ml.p3.8xlarge (what takes the
 * team past its budget: about $1,400 a day) and a nightly rescoring transform every ten days.
 */
function pastDeployments(modelVersionId: string, now: Date): PastDeployment[] {
  const today = utcDay(now);
  const day = (offset: number, hour = 9) => new Date(addDays(today, offset).getTime() + hour * HOUR_MS);
  const endedNow = new Date(now.getTime() - 5 * 60_000);
  const realtime = (instanceType: string, initialInstanceCount: number, strategy: RolloutStrategy) =>
    deploymentSpecSchema.parse({
      type: 'REALTIME',
      modelVersionId,
      environment: 'DEV',
      instanceType,
      initialInstanceCount,
      strategy,
      rollsBackOnAlarm: false,
    });
  const rescoring = (offset: number): PastDeployment => ({
    spec: deploymentSpecSchema.parse({
      type: 'BATCH',
      modelVersionId,
      environment: 'DEV',
      inputS3Uri: 's3://cairn-demo-data/card-transactions/daily/',
      outputS3Uri: 's3://cairn-demo-data/card-fraud-scores/',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 4,
      splitType: 'Line',
    }),
    inServiceAt: day(offset, 2),
    endedAt: day(offset, 5),
    endReason: 'Transform job completed',
  });
  return [
    {
      spec: realtime('ml.m5.xlarge', 2, { kind: 'ALL_AT_ONCE', waitSeconds: 0 }),
      inServiceAt: day(-DEMO_COST_DAYS),
      endedAt: endedNow,
      endReason: 'Deleted: dev endpoint retired',
    },
    {
      spec: realtime('ml.g5.2xlarge', 2, { kind: 'SHADOW', shadowPercent: 20, days: 7 }),
      inServiceAt: day(-58),
      shadowEndedAt: day(-51),
      endedAt: day(-30, 17),
      endReason: 'Deleted after the GPU evaluation',
    },
    {
      spec: realtime('ml.p3.8xlarge', 4, { kind: 'ALL_AT_ONCE', waitSeconds: 0 }),
      inServiceAt: day(-20),
      endedAt: endedNow,
      endReason: 'Deleted: load test finished',
    },
    ...[-55, -45, -35, -25, -15, -5].map(rescoring),
  ];
}

/**
 * The demo's budgets and spend: $5,000 a month for each team and $3,000 for Card Fraud Scoring,
 * two months of the fraud team's past dev deployments, and their costs computed the way the
 * worker computes them, which records the threshold crossings (and their notifications) of each
 * month. The fraud team ends up over budget once its month-to-date passes $5,000 (from about the
 * fourth day of a month); earlier in a month the previous month shows it over.
 */
export async function seedDemoCosts(
  db: PrismaClient,
  input: {
    teamIds: Record<string, string>;
    projectIds: Record<string, string>;
    admin: Actor;
    engineer: Actor;
    modelVersionId: string | null;
    queue?: JobQueue;
    now?: Date;
  },
): Promise<void> {
  const now = input.now ?? new Date();
  const engineerId = input.engineer.kind === 'user' ? input.engineer.userId : null;
  const request = systemRequest('cairn demo seed');
  const adminCtx = { db, actor: input.admin, request };
  const fraudTeamId = input.teamIds['Fraud Detection']!;
  const projectId = input.projectIds['Card Fraud Scoring']!;
  for (const teamId of Object.values(input.teamIds)) {
    await saveBudget(adminCtx, {
      teamId,
      projectId: null,
      monthlyUsd: 5_000,
      thresholdsPercent: [50, 80, 100],
      ownerId: input.admin.kind === 'user' ? input.admin.userId : null,
    });
  }
  await saveBudget(adminCtx, {
    teamId: fraudTeamId,
    projectId,
    monthlyUsd: 3_000,
    thresholdsPercent: [50, 80, 100],
    ownerId: engineerId,
  });
  if (input.modelVersionId) {
    const environment = await db.environment.findFirstOrThrow({ where: { projectId, name: 'DEV' } });
    await db.$transaction(async (tx) => {
      for (const past of pastDeployments(input.modelVersionId!, now)) {
        const createdAt = new Date(past.inServiceAt.getTime() - 8 * 60_000);
        const id = uuidV7(createdAt.getTime());
        const isBatch = past.spec.type === 'BATCH';
        await tx.deployment.create({
          data: {
            id,
            teamId: fraudTeamId,
            projectId,
            environmentId: environment.id,
            modelVersionId: input.modelVersionId!,
            type: past.spec.type,
            spec: past.spec,
            status: isBatch ? 'SUCCEEDED' : 'DELETED',
            awsResourceName: awsResourceName(isBatch ? 'transform-job' : 'endpoint', id),
            predictedMonthlyUsd: previewMonthlyCost(past.spec).totalUsd,
            createdById: engineerId,
            createdAt,
            inServiceAt: isBatch ? null : past.inServiceAt,
            shadowEndedAt: past.shadowEndedAt ?? null,
            endedAt: past.endedAt,
            endReason: past.endReason,
            events: {
              create: [
                { status: 'CREATING', occurredAt: createdAt, detail: 'Requested by engineer@example.com' },
                ...(isBatch
                  ? [{ status: 'SUCCEEDED' as const, occurredAt: past.endedAt, detail: past.endReason }]
                  : [
                      { status: 'IN_SERVICE' as const, occurredAt: past.inServiceAt },
                      { status: 'DELETED' as const, occurredAt: past.endedAt, detail: past.endReason },
                    ]),
              ],
            },
          },
        });
        // Its page links to its history: the deployment's request, as the engineer made it.
        await appendAuditEvent(tx, {
          actor: input.engineer,
          request,
          action: 'deployment.create',
          resourceType: 'Deployment',
          resourceId: id,
          teamId: fraudTeamId,
          outcome: 'SUCCESS',
          reason: `Demo history: ran ${past.inServiceAt.toISOString().slice(0, 10)} to ${past.endedAt.toISOString().slice(0, 10)}`,
          after: {
            modelVersionId: input.modelVersionId,
            environment: 'DEV',
            type: past.spec.type,
            strategy: past.spec.type === 'BATCH' ? null : past.spec.strategy.kind,
            awsResourceName: awsResourceName(isBatch ? 'transform-job' : 'endpoint', id),
            predictedMonthlyUsd: previewMonthlyCost(past.spec).totalUsd,
          },
        });
      }
    });
  }
  await recomputeCosts(db, { from: addDays(utcDay(now), -DEMO_COST_DAYS), to: now, now, queue: input.queue });
}
