import { isDomainError } from '@cairn/core/errors';
import type { RolloutStrategy } from '@cairn/core/schemas/deployment';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../jobs/job-queue';
import { contextFor, makeTeam, type TestTeam, type TestUser } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { createDeployment } from './create-deployment';
import { deleteDeployment } from './delete-deployment';
import { listDeployments } from './list-deployments';
import { previewDeployment } from './preview-deployment';
import { rollbackDeployment } from './rollback-deployment';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

const ctxOf = (user: TestUser) => ({ ...contextFor(t.db, user), queue });

async function makeVersion(team: TestTeam, options: { approved?: boolean; groupId?: string } = {}) {
  const groupId =
    options.groupId ??
    (
      await t.db.modelGroup.create({
        data: {
          teamId: team.teamId,
          projectId: team.projectId,
          name: `g-${crypto.randomUUID()}`,
          awsName: `mpg-${crypto.randomUUID()}`,
        },
      })
    ).id;
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: `e-${crypto.randomUUID()}` },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'r',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  const count = await t.db.modelVersion.count({ where: { modelGroupId: groupId } });
  return t.db.modelVersion.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: groupId,
      version: count + 1,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/model.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
      framework: 'XGBOOST',
      awsStatus: 'READY',
      awsArn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/g/${count + 1}`,
      approvalStatus: options.approved ? 'APPROVED' : 'PENDING_MANUAL_APPROVAL',
    },
  });
}

const realtime = (
  modelVersionId: string,
  environment: 'DEV' | 'STAGING' | 'PROD',
  strategy: RolloutStrategy = { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
) =>
  ({
    type: 'REALTIME',
    modelVersionId,
    environment,
    instanceType: 'ml.m5.large',
    initialInstanceCount: 2,
    strategy,
    rollsBackOnAlarm: true,
  }) as const;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function markInService(deploymentId: string) {
  await t.db.deployment.update({
    where: { id: deploymentId },
    data: {
      status: 'IN_SERVICE',
      inServiceAt: new Date(),
      endpointConfigName: `cairn-epc-${deploymentId.replaceAll('-', '')}`,
    },
  });
}

describe('deployments', () => {
  it('creates a new endpoint, audited, with its first event and the rollout job; a second deploy updates the same endpoint', async () => {
    const team = await makeTeam(t.db);
    const v1 = await makeVersion(team);
    const first = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(v1.id, 'DEV'),
      assumptions: {},
    });
    expect(first).toMatchObject({ status: 'PENDING', previousDeploymentId: null });
    expect(first.awsResourceName).toMatch(/^cairn-ep-[0-9a-f]{32}$/);
    expect(Number(first.predictedMonthlyUsd)).toBeGreaterThan(0);
    expect(await t.db.deploymentEvent.count({ where: { deploymentId: first.id } })).toBe(1);
    expect(
      await t.db.auditEvent.count({ where: { resourceId: first.id, action: 'deployment.create' } }),
    ).toBe(1);
    const jobs = await t.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'deployment.rollout' AND data->>'deploymentId' = ${first.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);

    await markInService(first.id);
    const v2 = await makeVersion(team, { groupId: v1.modelGroupId });
    const preview = await previewDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(v2.id, 'DEV', { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 600 }),
      assumptions: {},
    });
    expect(preview.issues).toEqual([]);
    expect(preview.target).toMatchObject({ kind: 'update', endpointName: first.awsResourceName });
    const second = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(v2.id, 'DEV', { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 600 }),
      assumptions: {},
    });
    expect(second).toMatchObject({ awsResourceName: first.awsResourceName, previousDeploymentId: first.id });
  });

  it("refuses what SageMaker refuses, naming the field and SageMaker's limit", async () => {
    const team = await makeTeam(t.db);
    const v1 = await makeVersion(team);
    const existing = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(v1.id, 'DEV'),
      assumptions: {},
    });
    await markInService(existing.id);
    const v2 = await makeVersion(team, { groupId: v1.modelGroupId });
    const refused = await refusal(
      createDeployment(ctxOf(team.engineer), {
        teamId: team.teamId,
        projectId: team.projectId,
        spec: realtime(v2.id, 'DEV', { kind: 'CANARY', canaryPercent: 60, bakeSeconds: 600 }),
        assumptions: {},
      }),
    );
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', field: 'spec.strategy.canaryPercent' });
    expect(refused.message).toContain('50');
    expect(await t.db.deployment.count({ where: { modelVersionId: v2.id } })).toBe(0);
  });

  it('keeps prod for approved versions that were in service in staging first', async () => {
    const team = await makeTeam(t.db);
    const pending = await makeVersion(team);
    expect(
      await refusal(
        createDeployment(ctxOf(team.engineer), {
          teamId: team.teamId,
          projectId: team.projectId,
          spec: realtime(pending.id, 'PROD'),
          assumptions: {},
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('approved versions only') });
    const approved = await makeVersion(team, { approved: true });
    expect(
      await refusal(
        createDeployment(ctxOf(team.engineer), {
          teamId: team.teamId,
          projectId: team.projectId,
          spec: realtime(approved.id, 'PROD'),
          assumptions: {},
        }),
      ),
    ).toMatchObject({ message: expect.stringContaining('not been in service in staging') });
    const staging = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(approved.id, 'STAGING'),
      assumptions: {},
    });
    await markInService(staging.id);
    const prod = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(approved.id, 'PROD'),
      assumptions: {},
    });
    expect(prod.status).toBe('PENDING');
  });

  it('blocks above the remaining budget unless a team admin overrides with a reason, audited', async () => {
    const team = await makeTeam(t.db);
    await t.db.budget.create({ data: { teamId: team.teamId, monthlyUsd: 100 } });
    const version = await makeVersion(team);
    const input = {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: { ...realtime(version.id, 'DEV'), instanceType: 'ml.g5.2xlarge' },
      assumptions: {},
    };
    expect(await refusal(createDeployment(ctxOf(team.engineer), input))).toMatchObject({
      code: 'POLICY_VIOLATION',
      field: 'budgetOverrideReason',
    });
    expect(
      await refusal(
        createDeployment(ctxOf(team.engineer), { ...input, budgetOverrideReason: 'launch week' }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const deployed = await createDeployment(ctxOf(team.admin), {
      ...input,
      budgetOverrideReason: 'launch week',
    });
    expect(deployed).toMatchObject({
      budgetOverrideById: team.admin.id,
      budgetOverrideReason: 'launch week',
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { resourceId: deployed.id } });
    expect(audit.reason).toBe('Budget override: launch week');
  });

  it('rolls back to the previous config and deletes only with the typed name', async () => {
    const team = await makeTeam(t.db);
    const v1 = await makeVersion(team);
    const first = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(v1.id, 'DEV'),
      assumptions: {},
    });
    await markInService(first.id);
    const v2 = await makeVersion(team, { groupId: v1.modelGroupId });
    const second = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(v2.id, 'DEV'),
      assumptions: {},
    });
    await markInService(second.id);
    await t.db.deployment.update({
      where: { id: first.id },
      data: { status: 'SUPERSEDED', endedAt: new Date() },
    });
    const rollback = await rollbackDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      deploymentId: second.id,
      reason: 'p99 latency doubled',
    });
    expect(rollback).toMatchObject({
      modelVersionId: v1.id,
      endpointConfigName: `cairn-epc-${first.id.replaceAll('-', '')}`,
      previousDeploymentId: second.id,
      awsResourceName: first.awsResourceName,
    });
    const rolledBack = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'deployment.rollback', resourceId: second.id },
    });
    expect(rolledBack.reason).toBe('p99 latency doubled');

    expect(
      await refusal(
        deleteDeployment(ctxOf(team.engineer), {
          teamId: team.teamId,
          deploymentId: second.id,
          reason: 'done',
          confirmName: 'nope',
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'confirmName' });
    const deleting = await deleteDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      deploymentId: second.id,
      reason: 'done',
      confirmName: second.awsResourceName,
    });
    expect(deleting.status).toBe('DELETING');
    const listed = await listDeployments(ctxOf(team.viewer), {
      teamId: team.teamId,
      projectId: team.projectId,
      includeEnded: true,
    });
    expect(listed.map((d) => d.id)).toContain(rollback.id);
  });

  it('hides deployments from other teams', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const version = await makeVersion(team);
    const deployment = await createDeployment(ctxOf(team.engineer), {
      teamId: team.teamId,
      projectId: team.projectId,
      spec: realtime(version.id, 'DEV'),
      assumptions: {},
    });
    expect(
      await refusal(
        rollbackDeployment(ctxOf(other.admin), {
          teamId: team.teamId,
          deploymentId: deployment.id,
          reason: 'x',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
