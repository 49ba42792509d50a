import { DescribeModelPackageCommand, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCandidateVersion } from '../testing/candidate-version';
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
  const { t } = stack;
  const version = await registerCandidateVersion(stack, await makeTeam(t.db));
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
