import { enqueueJob } from '@cairn/services/jobs/enqueue-job';
import { registerModelVersionJob } from '@cairn/services/jobs/job-contracts';
import { createModelGroup } from '@cairn/services/model-groups/create-model-group';
import { registerModelVersion } from '@cairn/services/model-versions/register-model-version';
import { contextFor, makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let sim: WorkerTestStack['sim'];
let producer: WorkerTestStack['producer'];

beforeAll(async () => {
  stack = await startWorkerTestStack();
  ({ t, sim, producer } = stack);
});
afterAll(() => stack.stop());

interface SimPackage {
  arn: string;
  createdBy: { roleArn?: string; sourceIdentity?: string };
  details: { modelPackageGroupName: string; modelPackageVersion: number; modelApprovalStatus: string };
}

async function simPackages(groupName: string) {
  const response = await fetch(`${sim.url}/_sim/resources?type=model-package`);
  const { resources = [] } = (await response.json()) as { resources?: SimPackage[] };
  return resources.filter((resource) => resource.details.modelPackageGroupName === groupName);
}

async function waitForVersion(id: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const version = await t.db.modelVersion.findUniqueOrThrow({ where: { id } });
    if (version.awsStatus !== 'PENDING' || Date.now() > deadline) return version;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function finishedRun(team: TestTeam) {
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  return t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'calm-fox',
      status: 'FINISHED',
      startTime: new Date(),
      gitCommit: 'abc1234',
    },
  });
}

describe('registering model versions in SageMaker', () => {
  it('creates the model package PendingManualApproval once the group exists, and a retried job adopts it', async () => {
    const team = await makeTeam(t.db);
    await t.db.team.update({
      where: { id: team.teamId },
      data: { iamRoleArn: 'arn:aws:iam::210987654321:role/cairn-team-registry' },
    });
    const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
    // Registered straight after the group: the version's job waits (retries) until the group is in
    // SageMaker.
    const group = await createModelGroup(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'scorer',
      description: '',
    });
    const run = await finishedRun(team);
    const registered = await registerModelVersion(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/calm-fox/model.tar.gz',
      inferenceImageUri: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.0.0',
      framework: 'SKLEARN',
      description: 'baseline',
      modelCard: { intendedUse: '', limitations: '', trainingData: '', evaluation: '' },
    });

    const ready = await waitForVersion(registered.id, 60_000);
    expect(ready).toMatchObject({ awsStatus: 'READY', awsError: null });
    const packages = await simPackages(group.awsName);
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({
      arn: ready.awsArn,
      details: { modelPackageVersion: 1, modelApprovalStatus: 'PendingManualApproval' },
      createdBy: {
        roleArn: 'arn:aws:iam::210987654321:role/cairn-team-registry',
        sourceIdentity: team.engineer.email,
      },
    });
    await expect(
      t.db.auditEvent.count({ where: { action: 'modelVersion.recordMirror', resourceId: registered.id } }),
    ).resolves.toBe(1);

    // A second attempt after a crash between the AWS call and recording its outcome.
    await t.db.modelVersion.update({
      where: { id: registered.id },
      data: { awsStatus: 'PENDING', awsArn: null, awsSyncedAt: null },
    });
    await t.db.$transaction((tx) =>
      enqueueJob(tx, producer, registerModelVersionJob, {
        teamId: team.teamId,
        modelVersionId: registered.id,
        requestedByUserId: team.engineer.id,
        requestedByLabel: team.engineer.email,
      }),
    );
    const again = await waitForVersion(registered.id, 30_000);
    expect(again).toMatchObject({ awsStatus: 'READY', awsArn: ready.awsArn });
    await expect(simPackages(group.awsName)).resolves.toHaveLength(1);
  }, 90_000);

  it('records the version FAILED when its group could never be created', async () => {
    const team = await makeTeam(t.db);
    const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
    // No IAM role: the group's mirror fails for good, and the version after it.
    const group = await createModelGroup(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'orphan',
      description: '',
    });
    const run = await finishedRun(team);
    const registered = await registerModelVersion(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      modelGroupId: group.id,
      runId: run.id,
      artifactUri: 's3://cairn-artifacts/x/model.tar.gz',
      inferenceImageUri: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.0.0',
      framework: 'OTHER',
      description: '',
      modelCard: { intendedUse: '', limitations: '', trainingData: '', evaluation: '' },
    });
    const settled = await waitForVersion(registered.id, 60_000);
    expect(settled.awsStatus).toBe('FAILED');
    expect(settled.awsError).toContain('ModelGroupMirrorFailed');
  }, 90_000);
});
