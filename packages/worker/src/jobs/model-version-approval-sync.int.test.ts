import { DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { sageMaker } from '@cairn/aws-sim/testing/sim-clients';
import { enqueueJob } from '@cairn/services/jobs/enqueue-job';
import { syncModelVersionApprovalJob } from '@cairn/services/jobs/job-contracts';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCandidateVersion } from '../testing/candidate-version';
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

const registeredVersion = (team: TestTeam) => registerCandidateVersion(stack, team);

/** A decided request, as the approval service leaves it, and the version's status with it. */
async function decide(
  team: TestTeam,
  versionId: string,
  outcome: 'APPROVED' | 'REJECTED',
  deciders: { id: string; comment: string }[],
) {
  const request = await t.db.approvalRequest.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      modelVersionId: versionId,
      environment: 'PROD',
      status: outcome,
      policy: {},
      requestedById: team.engineer.id,
      expiresAt: new Date(Date.now() + 86_400_000),
      decidedAt: new Date(),
    },
  });
  for (const decider of deciders) {
    await t.db.approvalDecision.create({
      data: {
        requestId: request.id,
        teamId: team.teamId,
        userId: decider.id,
        role: 'APPROVER',
        decision: outcome === 'APPROVED' ? 'APPROVE' : 'REJECT',
        comment: decider.comment,
        artifactRevision: 1,
        policy: {},
        evidence: {},
        evaluation: {},
      },
    });
  }
  await t.db.$transaction(async (tx) => {
    await tx.modelVersion.update({ where: { id: versionId }, data: { approvalStatus: outcome } });
    await enqueueJob(tx, producer, syncModelVersionApprovalJob, {
      teamId: team.teamId,
      modelVersionId: versionId,
      requestedByUserId: deciders[0]?.id ?? null,
      requestedByLabel: 'approver@test.example',
    });
  });
  return request;
}

async function mirrored(id: string, status: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const version = await t.db.modelVersion.findUniqueOrThrow({ where: { id } });
    if (version.awsApprovalStatus === status || version.awsApprovalError || Date.now() > deadline)
      return version;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const describePackage = (arn: string) =>
  sageMaker(sim).send(new DescribeModelPackageCommand({ ModelPackageName: arn }));

describe('mirroring approval decisions to SageMaker', () => {
  it('writes the decision to the model package once it exists, with who decided, and only records changes', async () => {
    const team = await makeTeam(t.db);
    const version = await registeredVersion(team);
    // Decided before the package exists: the sync job waits (retries) for the register job.
    const request = await decide(team, version.id, 'APPROVED', [
      { id: team.approver.id, comment: 'AUC holds' },
    ]);
    const approved = await mirrored(version.id, 'APPROVED');
    expect(approved).toMatchObject({ awsApprovalStatus: 'APPROVED', awsApprovalError: null });
    const approver = await t.db.user.findUniqueOrThrow({ where: { id: team.approver.id } });
    const described = await describePackage(approved.awsArn as string);
    expect(described.ModelApprovalStatus).toBe('Approved');
    expect(described.ApprovalDescription).toContain(`Approved in Cairn for PROD`);
    expect(described.ApprovalDescription).toContain(`by ${approver.name}`);
    expect(described.ApprovalDescription).toContain(request.id);
    expect(described.ApprovalDescription).toContain('AUC holds');

    // The same status again: written again (harmless), not recorded again.
    await t.db.$transaction((tx) =>
      enqueueJob(tx, producer, syncModelVersionApprovalJob, {
        teamId: team.teamId,
        modelVersionId: version.id,
        requestedByUserId: team.approver.id,
        requestedByLabel: team.approver.email,
      }),
    );
    const deadline = Date.now() + 30_000;
    const updates = () =>
      t.db.auditEvent.count({ where: { teamId: team.teamId, action: 'aws.sagemaker.UpdateModelPackage' } });
    while ((await updates()) < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(updates()).resolves.toBe(2);
    await expect(
      t.db.auditEvent.count({
        where: { resourceId: version.id, action: 'modelVersion.recordApprovalMirror' },
      }),
    ).resolves.toBe(1);

    await decide(team, version.id, 'REJECTED', [{ id: team.admin.id, comment: 'Drift on the holdout set' }]);
    const rejected = await mirrored(version.id, 'REJECTED');
    expect(rejected.awsApprovalStatus).toBe('REJECTED');
    const after = await describePackage(rejected.awsArn as string);
    expect(after.ModelApprovalStatus).toBe('Rejected');
    expect(after.ApprovalDescription).toContain('Rejected in Cairn for PROD');
    expect(after.ApprovalDescription).toContain('Drift on the holdout set');
    await expect(
      t.db.auditEvent.count({
        where: { resourceId: version.id, action: 'modelVersion.recordApprovalMirror' },
      }),
    ).resolves.toBe(2);

    // A new artifact: pending again, and the package's container is the new one.
    await t.db.$transaction(async (tx) => {
      await tx.modelVersion.update({
        where: { id: version.id },
        data: {
          artifactUri: 's3://cairn-artifacts/calm-fox/retrained/model.tar.gz',
          inferenceImageUri: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.1.0',
          artifactRevision: 2,
          approvalStatus: 'PENDING_MANUAL_APPROVAL',
        },
      });
      await enqueueJob(tx, producer, syncModelVersionApprovalJob, {
        teamId: team.teamId,
        modelVersionId: version.id,
        requestedByUserId: team.engineer.id,
        requestedByLabel: team.engineer.email,
      });
    });
    const pending = await mirrored(version.id, 'PENDING_MANUAL_APPROVAL');
    expect(pending.awsApprovalStatus).toBe('PENDING_MANUAL_APPROVAL');
    const replaced = await describePackage(pending.awsArn as string);
    expect(replaced).toMatchObject({
      ModelApprovalStatus: 'PendingManualApproval',
      ApprovalDescription: expect.stringContaining('revision 2'),
      InferenceSpecification: {
        Containers: [
          {
            Image: '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:1.1.0',
            ModelDataUrl: 's3://cairn-artifacts/calm-fox/retrained/model.tar.gz',
          },
        ],
      },
    });
  }, 120_000);

  it('records why a decision could not be mirrored when the package was never made', async () => {
    const team = await makeTeam(t.db);
    const version = await registeredVersion(team);
    await t.db.modelVersion.update({
      where: { id: version.id },
      data: { awsStatus: 'FAILED', awsError: 'ValidationException: bad image' },
    });
    await decide(team, version.id, 'APPROVED', [{ id: team.approver.id, comment: '' }]);
    const failed = await mirrored(version.id, 'APPROVED', 30_000);
    expect(failed.awsApprovalStatus).toBeNull();
    expect(failed.awsApprovalError).toContain('ModelPackageMirrorFailed');
  }, 60_000);
});
