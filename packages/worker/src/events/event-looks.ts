import type { PrismaClient } from '@cairn/db/client';
import type { ModelApprovalStatus } from '@cairn/db/generated/prisma/enums';
import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import {
  reconcileDeploymentJob,
  reconcilePipelineRunJob,
  syncModelVersionApprovalJob,
} from '@cairn/services/jobs/job-contracts';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import type { AwsStateEvent } from './aws-event';

/** What an event led to: looks enqueued (or already waiting), or why nothing in Cairn is affected. */
export type EventOutcome = { action: 'looked'; looks: string[] } | { action: 'dropped'; reason: string };

/** The deployment states a reconciler still watches; an event about any other changes nothing. */
const WATCHED_DEPLOYMENTS = ['CREATING', 'UPDATING', 'ROLLING_BACK'] as const;

/** An event look must not time the resource out: the poll chain owns the time limit. */
const EVENT_LOOK_GIVE_UP_MS = 60 * 60 * 1000;

const SAGEMAKER_APPROVAL: Record<ModelApprovalStatus, string> = {
  PENDING_MANUAL_APPROVAL: 'PendingManualApproval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};

const ACCOUNT_OF_ROLE = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/** Whether a resource Cairn reaches through `roleArn` in `region` is the one the event is about. */
function isSameAccount(event: AwsStateEvent, roleArn: string | null, region: string): boolean {
  return roleArn !== null && ACCOUNT_OF_ROLE.exec(roleArn)?.[1] === event.account && region === event.region;
}

async function requesterOf(db: PrismaClient, userId: string | null) {
  const user = userId ? await db.user.findUnique({ where: { id: userId }, select: { email: true } }) : null;
  return user
    ? { requestedByUserId: userId, requestedByLabel: user.email }
    : { requestedByUserId: null, requestedByLabel: 'cairn-worker' };
}

const giveUpAt = () => new Date(Date.now() + EVENT_LOOK_GIVE_UP_MS).toISOString();

async function lookAtEndpoint(
  db: PrismaClient,
  queue: JobQueue,
  event: Extract<AwsStateEvent, { kind: 'endpoint' }>,
): Promise<EventOutcome> {
  const deployments = await db.deployment.findMany({
    where: {
      awsResourceName: { equals: event.endpointName, mode: 'insensitive' },
      type: { not: 'BATCH' },
      status: { in: [...WATCHED_DEPLOYMENTS] },
    },
    include: { environment: true, project: { include: { team: true } } },
  });
  const affected = deployments.filter((deployment) =>
    isSameAccount(
      event,
      deployment.environment.roleArnOverride ?? deployment.project.team.iamRoleArn,
      deployment.environment.region,
    ),
  );
  if (affected.length === 0) return { action: 'dropped', reason: 'no deployment watches this endpoint' };
  const looks: string[] = [];
  for (const deployment of affected) {
    // One waiting event look per deployment: duplicates and bursts collapse into it.
    await sendFollowUpJob(
      queue,
      reconcileDeploymentJob,
      {
        teamId: deployment.teamId,
        deploymentId: deployment.id,
        ...(await requesterOf(db, deployment.createdById)),
        giveUpAt: giveUpAt(),
        isEventLook: true,
      },
      { key: `${deployment.id}:event` },
    );
    looks.push(`deployment ${deployment.id}`);
  }
  return { action: 'looked', looks };
}

async function lookAtPipelineRun(
  db: PrismaClient,
  queue: JobQueue,
  event: Extract<AwsStateEvent, { kind: 'sagemaker-pipeline-execution' | 'codepipeline-execution' }>,
): Promise<EventOutcome> {
  const isCodePipeline = event.kind === 'codepipeline-execution';
  const run = await db.pipelineRun.findFirst({
    where: {
      awsExecutionId: isCodePipeline ? event.executionId : event.executionArn,
      status: 'RUNNING',
      pipeline: {
        kind: isCodePipeline ? 'CODEPIPELINE' : 'SAGEMAKER',
        ...(isCodePipeline ? { awsPipelineName: event.pipelineName } : {}),
      },
    },
    include: { pipeline: { include: { team: true } } },
  });
  const team = run?.pipeline.team;
  if (!run || !team || !isSameAccount(event, team.iamRoleArn, team.awsRegion)) {
    return { action: 'dropped', reason: 'no running pipeline run has this execution' };
  }
  await sendFollowUpJob(
    queue,
    reconcilePipelineRunJob,
    {
      teamId: run.teamId,
      runId: run.id,
      ...(await requesterOf(db, run.requestedById)),
      giveUpAt: giveUpAt(),
      isEventLook: true,
    },
    { key: `${run.id}:event` },
  );
  return { action: 'looked', looks: [`pipeline run ${run.id}`] };
}

/**
 * A model package whose approval SageMaker reports differently from the decision Cairn mirrored
 * was changed outside Cairn (or the event is older than the last write): the version's decision is
 * written again. Cairn's decision is the record; the sync job reads it when it runs.
 */
async function lookAtModelPackage(
  db: PrismaClient,
  queue: JobQueue,
  event: Extract<AwsStateEvent, { kind: 'model-package' }>,
): Promise<EventOutcome> {
  const version = await db.modelVersion.findFirst({
    where: { awsArn: event.modelPackageArn },
    include: { team: true },
  });
  if (!version || !isSameAccount(event, version.team.iamRoleArn, version.team.awsRegion)) {
    return { action: 'dropped', reason: 'no model version has this model package' };
  }
  // A package is made PendingManualApproval; only a decision written later sets awsApprovalStatus.
  const mirrored =
    version.awsApprovalStatus ?? (version.awsStatus === 'READY' ? 'PENDING_MANUAL_APPROVAL' : null);
  const isMirrorSettled = mirrored === version.approvalStatus;
  if (!isMirrorSettled) return { action: 'dropped', reason: 'a decision is still being written to it' };
  if (SAGEMAKER_APPROVAL[version.approvalStatus] === event.approvalStatus) {
    return { action: 'dropped', reason: 'it shows the decision Cairn wrote' };
  }
  await sendFollowUpJob(
    queue,
    syncModelVersionApprovalJob,
    {
      teamId: version.teamId,
      modelVersionId: version.id,
      requestedByUserId: null,
      requestedByLabel: 'cairn-worker',
    },
    { key: `${version.id}:event` },
  );
  return { action: 'looked', looks: [`model version ${version.id}`] };
}

/**
 * Turns an AWS event into a look at the Cairn record it concerns, through the same job the poller
 * runs: the look reads the current state, so duplicated, late or reordered events change nothing
 * the poller would not have changed.
 */
export function lookOnEvent(
  deps: { db: PrismaClient; queue: JobQueue },
  event: AwsStateEvent,
): Promise<EventOutcome> {
  switch (event.kind) {
    case 'endpoint':
      return lookAtEndpoint(deps.db, deps.queue, event);
    case 'model-package':
      return lookAtModelPackage(deps.db, deps.queue, event);
    case 'sagemaker-pipeline-execution':
    case 'codepipeline-execution':
      return lookAtPipelineRun(deps.db, deps.queue, event);
  }
}
