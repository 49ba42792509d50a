import type { PrismaClient } from '@cairn/db/client';
import type { TestTeam } from './fixtures';

/** A real-time deployment of a fresh version in the team's project that ran between two moments. */
export async function makeRanDeployment(
  db: PrismaClient,
  team: TestTeam,
  options: { instanceType: string; instanceCount: number; inServiceAt: Date; endedAt?: Date | null },
) {
  const suffix = crypto.randomUUID();
  const group = await db.modelGroup.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: `g-${suffix}`, awsName: `mpg-${suffix}` },
  });
  const experiment = await db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: `e-${suffix}` },
  });
  const run = await db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'r',
      status: 'FINISHED',
      startTime: options.inServiceAt,
    },
  });
  const version = await db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      version: 1,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
      framework: 'XGBOOST',
    },
  });
  const environment = await db.environment.findFirstOrThrow({
    where: { projectId: team.projectId, name: 'DEV' },
  });
  const id = crypto.randomUUID();
  return db.deployment.create({
    data: {
      id,
      teamId: team.teamId,
      projectId: team.projectId,
      environmentId: environment.id,
      modelVersionId: version.id,
      type: 'REALTIME',
      spec: {
        type: 'REALTIME',
        modelVersionId: version.id,
        environment: 'DEV',
        instanceType: options.instanceType,
        initialInstanceCount: options.instanceCount,
        strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
        rollsBackOnAlarm: true,
      },
      status: options.endedAt ? 'DELETED' : 'IN_SERVICE',
      awsResourceName: `cairn-ep-${id.replaceAll('-', '').slice(0, 20)}`,
      predictedMonthlyUsd: 100,
      createdAt: options.inServiceAt,
      inServiceAt: options.inServiceAt,
      endedAt: options.endedAt ?? null,
    },
  });
}
