import { DescribeModelPackageCommand, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { createModelGroup } from '@cairn/services/model-groups/create-model-group';
import { registerModelVersion } from '@cairn/services/model-versions/register-model-version';
import { contextFor, makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

let stack: WorkerTestStack;

beforeAll(async () => {
  stack = await startWorkerTestStack({ awsEvents: true });
});
afterAll(() => stack.stop());

async function until<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A version of a new team, registered in SageMaker and awaiting approval. */
async function registeredVersion() {
  const { t, producer } = stack;
  const team = await makeTeam(t.db);
  await t.db.team.update({
    where: { id: team.teamId },
    data: { iamRoleArn: 'arn:aws:iam::210987654321:role/cairn-team-registry' },
  });
  const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
  const group = await createModelGroup(ctx, {
    teamId: team.teamId,
    projectId: team.projectId,
    name: 'card-fraud',
    description: '',
  });
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'calm-fox',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  const version = await registerModelVersion(ctx, {
    teamId: team.teamId,
    projectId: team.projectId,
    modelGroupId: group.id,
    runId: run.id,
    artifactUri: 's3://cairn-artifacts/calm-fox/model.tar.gz',
    inferenceImageUri: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.0.0',
    framework: 'SKLEARN',
    description: 'candidate',
    modelCard: { intendedUse: '', limitations: '', trainingData: '', evaluation: '' },
  });
  return until(
    () => t.db.modelVersion.findUniqueOrThrow({ where: { id: version.id } }),
    (found) => found.awsStatus !== 'PENDING',
  );
}

describe('model package events', () => {
  it('writes Cairn’s decision back when a package is approved in SageMaker behind Cairn’s back', async () => {
    const version = await registeredVersion();
    expect(version).toMatchObject({ awsStatus: 'READY', approvalStatus: 'PENDING_MANUAL_APPROVAL' });
    const modelPackageArn = version.awsArn!;
    await sageMaker(stack.sim).send(
      new UpdateModelPackageCommand({ ModelPackageArn: modelPackageArn, ModelApprovalStatus: 'Approved' }),
    );
    const status = () =>
      sageMaker(stack.sim)
        .send(new DescribeModelPackageCommand({ ModelPackageName: modelPackageArn }))
        .then((described) => described.ModelApprovalStatus);
    // The write back is audited once the call has answered: wait for the row, then look at SageMaker.
    const writes = await until(
      () =>
        stack.t.db.auditEvent.count({
          where: { action: 'aws.sagemaker.UpdateModelPackage', teamId: version.teamId },
        }),
      (count) => count > 0,
    );
    expect(writes).toBe(1);
    expect(await status()).toBe('PendingManualApproval');
    expect(stack.events?.outcomes.map(({ outcome }) => outcome)).toContain('applied');
  });
});
