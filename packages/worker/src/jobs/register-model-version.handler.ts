import { type JobPayload, registerModelVersionJob } from '@cairn/services/jobs/job-contracts';
import { recordModelVersionMirror } from '@cairn/services/model-versions/record-model-version-mirror';
import { createModelPackage } from '../aws/adapters/sagemaker-registry';
import type { JobHandler, JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof registerModelVersionJob>;

/** A version whose group has no SageMaker twin yet: the group's own job is still at work. */
class ModelGroupNotReady extends Error {
  override readonly name = 'ModelGroupNotReady';
  readonly $retryable = { throttling: false };
}

/** The group's mirror failed for good: no model package can be made in it. */
class ModelGroupMirrorFailed extends Error {
  override readonly name = 'ModelGroupMirrorFailed';
}

/**
 * Creates the version's SageMaker model package, PendingManualApproval, in its group's model
 * package group under the team's role. The ClientToken derives from the version's id, so an attempt
 * after a crash gets the package the earlier attempt made instead of a second one.
 */
export const registerModelVersionHandler: JobHandler<Payload> = {
  contract: registerModelVersionJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const version = await db.modelVersion.findUnique({
      where: { id: payload.modelVersionId },
      include: {
        team: true,
        project: { select: { slug: true } },
        modelGroup: true,
        run: { select: { id: true, gitCommit: true } },
      },
    });
    if (!version) return { skipped: 'model version deleted' };
    if (version.awsStatus !== 'PENDING') return { skipped: `already ${version.awsStatus}` };
    const group = version.modelGroup;
    if (group.awsStatus === 'FAILED') {
      throw new ModelGroupMirrorFailed(
        `The model group could not be created in SageMaker: ${group.awsError ?? ''}`,
      );
    }
    if (group.awsStatus !== 'READY') {
      throw new ModelGroupNotReady('The model group is not in SageMaker yet');
    }
    const aws = openTeamAws(run.deps, {
      team: version.team,
      projectSlug: version.project.slug,
      requester: payload,
      jobId: run.jobId,
    });
    try {
      const created = await createModelPackage(
        { client: aws.clients.sagemaker, call: aws.call },
        {
          modelVersionId: version.id,
          modelPackageGroupName: group.awsName,
          image: version.inferenceImageUri,
          modelDataUrl: version.artifactUri,
          approvalStatus: 'PendingManualApproval',
          description: (version.description || `${group.name} version ${version.version}`).slice(0, 1024),
          customerMetadata: {
            'cairn:model-version': version.id,
            'cairn:version': String(version.version),
            'cairn:run': version.run.id,
            'cairn:framework': version.framework,
            ...(version.run.gitCommit ? { 'cairn:git-commit': version.run.gitCommit } : {}),
          },
        },
      );
      await recordModelVersionMirror(db, {
        modelVersionId: version.id,
        jobId: run.jobId,
        onBehalfOfUserId: payload.requestedByUserId,
        result: { status: 'READY', awsArn: created.modelPackageArn },
      });
      return { awsArn: created.modelPackageArn };
    } finally {
      aws.close();
    }
  },

  async giveUp(payload, run, failure) {
    await recordModelVersionMirror(run.deps.db, {
      modelVersionId: payload.modelVersionId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      result: { status: 'FAILED', awsError: `${failure.code}: ${failure.message}` },
    });
  },
};
