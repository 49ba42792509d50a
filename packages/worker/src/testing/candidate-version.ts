import { createModelGroup } from '@cairn/services/model-groups/create-model-group';
import { registerModelVersion } from '@cairn/services/model-versions/register-model-version';
import { contextFor, type TestTeam } from '@cairn/services/testing/fixtures';
import type { WorkerTestStack } from './worker-test-stack';

/**
 * Gives the team an IAM role and registers a candidate version of a new model group from a
 * finished run, through the services (the worker then creates its SageMaker model package).
 */
export async function registerCandidateVersion(
  stack: Pick<WorkerTestStack, 't' | 'producer'>,
  team: TestTeam,
) {
  const { t, producer } = stack;
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
  return registerModelVersion(ctx, {
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
}
