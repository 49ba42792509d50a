import type { PrismaClient } from '@cairn/db/client';
import type { ModelApprovalStatus } from '@cairn/db/generated/prisma/enums';
import { type JobPayload, syncModelVersionApprovalJob } from '@cairn/services/jobs/job-contracts';
import { recordModelVersionApprovalMirror } from '@cairn/services/model-versions/record-model-version-approval-mirror';
import { updateModelPackageApproval } from '../aws/adapters/sagemaker-registry';
import type { JobHandler, JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof syncModelVersionApprovalJob>;

const SAGEMAKER_STATUS = {
  PENDING_MANUAL_APPROVAL: 'PendingManualApproval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
} as const satisfies Record<ModelApprovalStatus, string>;

/** SageMaker's limit on ApprovalDescription. */
const DESCRIPTION_LIMIT = 1024;
/** Rounds of write-then-check before a version that keeps changing is left to its next job. */
const MAX_ROUNDS = 3;

/** A version whose model package is not in SageMaker yet: its register job is still at work. */
class ModelPackageNotReady extends Error {
  override readonly name = 'ModelPackageNotReady';
  readonly $retryable = { throttling: false };
}

/** The version's model package could never be created, so there is nothing to write to. */
class ModelPackageMirrorFailed extends Error {
  override readonly name = 'ModelPackageMirrorFailed';
}

const DAY = (date: Date) => date.toISOString().slice(0, 10);

/**
 * What SageMaker shows beside the status: who decided, when, for which environment, from the
 * version's latest decided approval request.
 */
export async function describeApproval(
  db: PrismaClient,
  version: { id: string; approvalStatus: ModelApprovalStatus; artifactRevision: number },
): Promise<string> {
  if (version.approvalStatus === 'PENDING_MANUAL_APPROVAL') {
    return version.artifactRevision > 1
      ? `Artifact replaced in Cairn (revision ${version.artifactRevision}); awaiting approval again`
      : 'Awaiting approval in Cairn';
  }
  const decided = version.approvalStatus;
  const request = await db.approvalRequest.findFirst({
    where: { modelVersionId: version.id, status: decided },
    orderBy: { id: 'desc' },
    include: {
      decisions: {
        where: { decision: decided === 'APPROVED' ? 'APPROVE' : 'REJECT' },
        orderBy: { decidedAt: 'asc' },
        include: { user: { select: { name: true } } },
      },
    },
  });
  const verb = decided === 'APPROVED' ? 'Approved' : 'Rejected';
  if (!request) return `${verb} in Cairn`;
  const names = [...new Set(request.decisions.map((decision) => decision.user.name))];
  const comments = request.decisions
    .map((decision) => decision.comment.trim())
    .filter((comment) => comment.length > 0);
  const when = DAY(request.decidedAt ?? request.createdAt);
  let text = `${verb} in Cairn for ${request.environment} on ${when}`;
  if (names.length > 0) text += ` by ${names.join(', ')}`;
  text += ` (approval request ${request.id})`;
  if (comments.length > 0) text += `: ${comments.join(' | ')}`;
  return text.length > DESCRIPTION_LIMIT ? `${text.slice(0, DESCRIPTION_LIMIT - 1)}…` : text;
}

/**
 * Writes the version's approval status to its model package (UpdateModelPackage) as it is when the
 * job runs, never as it was when the job was sent: a late or replayed job writes the latest
 * decision. If the decision changes while it writes, it writes again. After an artifact change the
 * package's container is replaced with the new image and artifact too.
 */
export const syncModelVersionApprovalHandler: JobHandler<Payload> = {
  contract: syncModelVersionApprovalJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const load = () =>
      db.modelVersion.findUnique({
        where: { id: payload.modelVersionId },
        include: { team: true, project: { select: { slug: true } } },
      });
    const version = await load();
    if (!version) return { skipped: 'model version deleted' };
    if (version.awsStatus === 'FAILED') {
      throw new ModelPackageMirrorFailed(
        `The model package was never created in SageMaker: ${version.awsError ?? ''}`,
      );
    }
    if (!version.awsArn) throw new ModelPackageNotReady('The model package is not in SageMaker yet');
    const aws = openTeamAws(run.deps, {
      team: version.team,
      projectSlug: version.project.slug,
      requester: payload,
      jobId: run.jobId,
    });
    const modelPackageArn = version.awsArn;
    let target = version;
    try {
      for (let round = 1; ; round += 1) {
        const written: ModelApprovalStatus = target.approvalStatus;
        const revision: number = target.artifactRevision;
        const approvalDescription = await describeApproval(db, target);
        await updateModelPackageApproval(
          { client: aws.clients.sagemaker, call: aws.call },
          {
            modelPackageArn,
            approvalStatus: SAGEMAKER_STATUS[written],
            approvalDescription,
            // The package was made with revision 1; a later artifact replaces its container.
            ...(revision > 1
              ? { inference: { image: target.inferenceImageUri, modelDataUrl: target.artifactUri } }
              : {}),
          },
        );
        const latest = await load();
        const isCurrent = latest?.approvalStatus === written && latest.artifactRevision === revision;
        if (!latest || isCurrent || round >= MAX_ROUNDS) {
          await recordModelVersionApprovalMirror(db, {
            modelVersionId: version.id,
            jobId: run.jobId,
            onBehalfOfUserId: payload.requestedByUserId,
            result: { status: 'SYNCED', awsApprovalStatus: written, approvalDescription },
          });
          return { awsApprovalStatus: written, rounds: round };
        }
        target = latest;
      }
    } finally {
      aws.close();
    }
  },

  async giveUp(payload, run, failure) {
    await recordModelVersionApprovalMirror(run.deps.db, {
      modelVersionId: payload.modelVersionId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      result: { status: 'FAILED', awsApprovalError: `${failure.code}: ${failure.message}` },
    });
  },
};
