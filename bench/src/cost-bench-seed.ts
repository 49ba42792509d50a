import { addDays, utcDay } from '@cairn/core/costs/cost-calendar';
import { uuidV7 } from '@cairn/core/uuid-v7';
import type { PrismaClient } from '@cairn/db/client';

const DAY_MS = 86_400_000;

interface SeedSize {
  teams: number;
  days: number;
}

/**
 * Teams that ran a realistic mix over the period: two real-time endpoints (one retired a month
 * ago), a shadow test, a serverless endpoint with provisioned concurrency, a batch transform every
 * five days and a pipeline run every three days. Written with createMany, one statement per table.
 */
export async function seedCostBench(db: PrismaClient, size: SeedSize, now: Date) {
  const start = addDays(utcDay(now), -size.days - 10);
  const at = (day: number, hour = 0) => new Date(start.getTime() + day * DAY_MS + hour * 3_600_000);
  const rows = {
    teams: [] as object[],
    projects: [] as object[],
    environments: [] as object[],
    groups: [] as object[],
    experiments: [] as object[],
    runs: [] as object[],
    versions: [] as object[],
    deployments: [] as object[],
    pipelines: [] as object[],
    pipelineRuns: [] as object[],
    budgets: [] as object[],
  };
  for (let index = 0; index < size.teams; index++) {
    const teamId = crypto.randomUUID();
    const projectId = crypto.randomUUID();
    const environmentId = crypto.randomUUID();
    const groupId = crypto.randomUUID();
    const experimentId = crypto.randomUUID();
    const runId = crypto.randomUUID();
    const versionId = crypto.randomUUID();
    const pipelineId = crypto.randomUUID();
    rows.teams.push({
      id: teamId,
      name: `Bench team ${index}`,
      slug: `bench-${index}-${teamId.slice(0, 8)}`,
    });
    rows.projects.push({ id: projectId, teamId, name: 'Scoring', slug: 'scoring' });
    rows.environments.push({ id: environmentId, teamId, projectId, name: 'DEV', region: 'us-east-1' });
    rows.groups.push({ id: groupId, teamId, projectId, name: 'scorer', awsName: `mpg-${groupId}` });
    rows.experiments.push({ id: experimentId, teamId, projectId, name: 'training' });
    rows.runs.push({
      id: runId,
      teamId,
      projectId,
      experimentId,
      name: 'r',
      status: 'FINISHED',
      startTime: start,
    });
    rows.versions.push({
      id: versionId,
      teamId,
      projectId,
      modelGroupId: groupId,
      version: 1,
      runId,
      artifactUri: 's3://bench/model.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
      framework: 'XGBOOST',
    });
    rows.pipelines.push({
      id: pipelineId,
      teamId,
      projectId,
      kind: 'CODEPIPELINE',
      awsPipelineName: 'release',
    });
    rows.budgets.push({ teamId, monthlyUsd: 2_000 + index * 100 });
    const common = { teamId, projectId, environmentId, modelVersionId: versionId, predictedMonthlyUsd: 100 };
    const realtime = (instanceType: string, initialInstanceCount: number, strategy: object) => ({
      type: 'REALTIME',
      modelVersionId: versionId,
      environment: 'DEV',
      instanceType,
      initialInstanceCount,
      strategy,
      rollsBackOnAlarm: false,
    });
    const deployment = (data: Record<string, unknown>, from: Date, to: Date | null) => {
      const id = uuidV7(from.getTime());
      rows.deployments.push({
        id,
        ...common,
        awsResourceName: `cairn-ep-${id.replaceAll('-', '')}`,
        status: to ? 'DELETED' : 'IN_SERVICE',
        createdAt: from,
        inServiceAt: data.type === 'BATCH' ? null : from,
        endedAt: to,
        ...data,
      });
    };
    deployment(
      { type: 'REALTIME', spec: realtime('ml.m5.xlarge', 2, { kind: 'ALL_AT_ONCE', waitSeconds: 0 }) },
      at(0, 9),
      null,
    );
    deployment(
      { type: 'REALTIME', spec: realtime('ml.g5.xlarge', 1, { kind: 'ALL_AT_ONCE', waitSeconds: 0 }) },
      at(3, 14),
      at(size.days - 20, 11),
    );
    deployment(
      {
        type: 'REALTIME',
        spec: realtime('ml.c5.large', 1, { kind: 'SHADOW', shadowPercent: 10, days: 5 }),
        shadowEndedAt: at(25, 10),
      },
      at(20, 10),
      null,
    );
    deployment(
      {
        type: 'SERVERLESS',
        spec: {
          type: 'SERVERLESS',
          modelVersionId: versionId,
          environment: 'DEV',
          memorySizeMb: 2048,
          maxConcurrency: 5,
          provisionedConcurrency: 1,
        },
      },
      at(10, 8),
      null,
    );
    for (let day = 1; day < size.days + 10; day += 5) {
      deployment(
        {
          type: 'BATCH',
          status: 'SUCCEEDED',
          spec: {
            type: 'BATCH',
            modelVersionId: versionId,
            environment: 'DEV',
            inputS3Uri: 's3://bench/in',
            outputS3Uri: 's3://bench/out',
            instanceType: 'ml.m5.xlarge',
            instanceCount: 2,
          },
        },
        at(day, 2),
        at(day, 4),
      );
    }
    for (let day = 0; day < size.days + 10; day += 3) {
      rows.pipelineRuns.push({
        pipelineId,
        teamId,
        status: 'SUCCEEDED',
        startedAt: at(day, 12),
        finishedAt: at(day, 12.5),
      });
    }
  }
  await db.team.createMany({ data: rows.teams as never });
  await db.project.createMany({ data: rows.projects as never });
  await db.environment.createMany({ data: rows.environments as never });
  await db.modelGroup.createMany({ data: rows.groups as never });
  await db.experiment.createMany({ data: rows.experiments as never });
  await db.run.createMany({ data: rows.runs as never });
  await db.modelVersion.createMany({ data: rows.versions as never });
  await db.deployment.createMany({ data: rows.deployments as never });
  await db.pipeline.createMany({ data: rows.pipelines as never });
  await db.pipelineRun.createMany({ data: rows.pipelineRuns as never });
  await db.budget.createMany({ data: rows.budgets as never });
  return { deployments: rows.deployments.length, pipelineRuns: rows.pipelineRuns.length };
}
