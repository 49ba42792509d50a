import { type JobPayload, mirrorModelGroupJob } from '@cairn/services/jobs/job-contracts';
import { recordModelGroupMirror } from '@cairn/services/model-groups/record-model-group-mirror';
import { createModelPackageGroup } from '../aws/adapters/sagemaker-registry';
import type { JobHandler, JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof mirrorModelGroupJob>;

/**
 * Creates the model group's SageMaker model package group under the team's role. The name derives
 * from the group's id, so an attempt after a crash adopts the group the earlier attempt made.
 */
export const mirrorModelGroupHandler: JobHandler<Payload> = {
  contract: mirrorModelGroupJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const group = await db.modelGroup.findUnique({
      where: { id: payload.modelGroupId },
      include: { team: true, project: { select: { slug: true } } },
    });
    if (!group) return { skipped: 'model group deleted' };
    if (group.awsStatus !== 'PENDING') return { skipped: `already ${group.awsStatus}` };
    const aws = openTeamAws(run.deps, {
      team: group.team,
      projectSlug: group.project.slug,
      requester: payload,
      jobId: run.jobId,
    });
    try {
      const created = await createModelPackageGroup(
        { client: aws.clients.sagemaker, call: aws.call },
        {
          modelGroupId: group.id,
          description: group.description || group.name,
          tags: {
            'cairn:team': group.team.slug,
            'cairn:project': group.project.slug,
            'cairn:model-group': group.id,
          },
        },
      );
      await recordModelGroupMirror(db, {
        modelGroupId: group.id,
        jobId: run.jobId,
        onBehalfOfUserId: payload.requestedByUserId,
        result: { status: 'READY', awsArn: created.modelPackageGroupArn },
      });
      return { awsArn: created.modelPackageGroupArn, isAdopted: created.isAdopted };
    } finally {
      aws.close();
    }
  },

  async giveUp(payload, run, failure) {
    await recordModelGroupMirror(run.deps.db, {
      modelGroupId: payload.modelGroupId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      result: { status: 'FAILED', awsError: `${failure.code}: ${failure.message}` },
    });
  },
};
