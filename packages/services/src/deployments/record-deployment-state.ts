import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient, Tx } from '@cairn/db/client';
import type { DeploymentStatus } from '@cairn/db/generated/prisma/enums';
import { systemRequest } from '../context';
import { resolveEndedDeploymentAlerts } from '../monitoring/resolve-ended-deployment-alerts';
import { notify } from '../notifications/notify';

/** What the worker saw of a deployment in AWS, in Cairn's terms. */
export interface DeploymentStateChange {
  status: DeploymentStatus;
  /** SageMaker's own word for the state (InService, Updating, RollingBack, Completed, ...). */
  awsStatus?: string | null;
  /** One line for the timeline. */
  detail?: string | null;
  /** Canary/linear progress: percent of traffic on the new fleet. */
  trafficPercent?: number | null;
  statusReason?: string | null;
  awsResourceArn?: string;
  endpointConfigName?: string;
  /** SageMaker returned the endpoint to its previous config; recorded as FAILED with this reason. */
  rolledBackBecause?: string;
}

const ENDED: DeploymentStatus[] = ['FAILED', 'SUCCEEDED', 'DELETED', 'SUPERSEDED'];

/** The states a deployment may move to each state from; anything else is stale news. */
const MOVES_FROM: Record<DeploymentStatus, DeploymentStatus[]> = {
  PENDING: [],
  CREATING: ['PENDING'],
  UPDATING: ['PENDING'],
  IN_SERVICE: ['PENDING', 'CREATING', 'UPDATING'],
  ROLLING_BACK: ['UPDATING'],
  UPDATE_ROLLBACK_FAILED: ['UPDATING', 'ROLLING_BACK'],
  FAILED: ['PENDING', 'CREATING', 'UPDATING', 'ROLLING_BACK'],
  SUCCEEDED: ['PENDING', 'CREATING'],
  DELETING: [
    'PENDING',
    'CREATING',
    'UPDATING',
    'IN_SERVICE',
    'ROLLING_BACK',
    'UPDATE_ROLLBACK_FAILED',
    'FAILED',
  ],
  DELETED: ['DELETING'],
  SUPERSEDED: ['IN_SERVICE', 'UPDATE_ROLLBACK_FAILED'],
};

/** Who hears about a state: the person who deployed, when it needs their attention or is done. */
const ANNOUNCED: Partial<Record<DeploymentStatus, string>> = {
  IN_SERVICE: 'is in service',
  ROLLING_BACK: 'is rolling back',
  UPDATE_ROLLBACK_FAILED: 'could not roll back',
  FAILED: 'failed',
  SUCCEEDED: 'finished',
};

const worker = (onBehalfOfUserId: string | null) =>
  ({ kind: 'worker', onBehalfOfUserId, label: 'cairn-worker' }) as const;

/**
 * Applies what the worker saw of a deployment: a new state, or progress within one (SageMaker's
 * status, the detail, the traffic share). What was already recorded (a replayed job, a second
 * poll) changes nothing and is not audited again; a state the deployment has moved past is
 * ignored. Each real change appends a timeline event and a worker audit event. Reaching
 * IN_SERVICE supersedes the deployment it replaced on the endpoint; a rollback by SageMaker
 * (`rolledBackBecause`) fails this one and leaves the previous one in service.
 */
export async function recordDeploymentState(
  db: PrismaClient,
  input: {
    deploymentId: string;
    jobId: string;
    onBehalfOfUserId: string | null;
    change: DeploymentStateChange;
  },
): Promise<{ isRecorded: boolean; status: DeploymentStatus | null }> {
  const change: DeploymentStateChange = input.change.rolledBackBecause
    ? {
        ...input.change,
        status: 'FAILED',
        statusReason: `rolled back automatically: ${input.change.rolledBackBecause}`,
      }
    : input.change;
  return db.$transaction(async (tx) => {
    // Two looks at one deployment (a replay beside the chain) must not both record a change.
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${input.deploymentId}::uuid FOR UPDATE`;
    const deployment = await tx.deployment.findUnique({
      where: { id: input.deploymentId },
      include: { events: { orderBy: { occurredAt: 'desc' }, take: 1 } },
    });
    if (!deployment) return { isRecorded: false, status: null };
    const isNewStatus = change.status !== deployment.status;
    if (isNewStatus && !MOVES_FROM[change.status].includes(deployment.status)) {
      return { isRecorded: false, status: deployment.status };
    }
    const [last] = deployment.events;
    // Within one state, a field the look did not report (null) is unknown, not a change.
    const carried = !isNewStatus && last?.status === change.status ? last : undefined;
    const event = {
      awsStatus: change.awsStatus ?? carried?.awsStatus ?? null,
      detail: change.detail ?? change.statusReason ?? null,
      trafficPercent: change.trafficPercent ?? carried?.trafficPercent ?? null,
    };
    const isSameEvent =
      carried !== undefined &&
      event.awsStatus === carried.awsStatus &&
      (event.detail === null || event.detail === carried.detail) &&
      event.trafficPercent === carried.trafficPercent;
    if (!isNewStatus && (isSameEvent || ENDED.includes(deployment.status))) {
      return { isRecorded: false, status: deployment.status };
    }
    const now = new Date();
    const updated = await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        status: change.status,
        ...(change.statusReason !== undefined ? { statusReason: change.statusReason } : {}),
        ...(change.awsResourceArn ? { awsResourceArn: change.awsResourceArn } : {}),
        ...(change.endpointConfigName ? { endpointConfigName: change.endpointConfigName } : {}),
        ...(change.status === 'IN_SERVICE' && !deployment.inServiceAt ? { inServiceAt: now } : {}),
        ...(ENDED.includes(change.status) && !deployment.endedAt ? { endedAt: now } : {}),
        events: { create: { status: change.status, ...event, occurredAt: now } },
      },
    });
    await appendAuditEvent(tx, {
      actor: worker(input.onBehalfOfUserId),
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'deployment.recordState',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      outcome: ['FAILED', 'UPDATE_ROLLBACK_FAILED'].includes(updated.status) ? 'FAILED' : 'SUCCESS',
      reason: updated.statusReason,
      before: { status: deployment.status },
      after: {
        status: updated.status,
        ...event,
        awsResourceArn: updated.awsResourceArn,
        endpointConfigName: updated.endpointConfigName,
      },
    });
    if (isNewStatus && ENDED.includes(change.status)) {
      await resolveEndedDeploymentAlerts(tx, {
        deploymentId: deployment.id,
        teamId: deployment.teamId,
        reason: updated.statusReason ?? updated.status.toLowerCase(),
        actor: worker(input.onBehalfOfUserId),
        request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      });
    }
    if (isNewStatus && change.status === 'IN_SERVICE' && deployment.previousDeploymentId) {
      await supersede(tx, deployment.previousDeploymentId, deployment.id, input);
    }
    if (isNewStatus) await announce(tx, updated.id);
    return { isRecorded: true, status: updated.status };
  });
}

async function supersede(
  tx: Tx,
  previousId: string,
  byId: string,
  input: { jobId: string; onBehalfOfUserId: string | null },
) {
  const detail = `Replaced on the endpoint by deployment ${byId.slice(0, 8)}`;
  const { count } = await tx.deployment.updateMany({
    where: { id: previousId, status: { in: MOVES_FROM.SUPERSEDED } },
    data: { status: 'SUPERSEDED', endedAt: new Date(), endReason: detail },
  });
  if (count === 0) return;
  const previous = await tx.deployment.findUniqueOrThrow({ where: { id: previousId } });
  await tx.deploymentEvent.create({ data: { deploymentId: previousId, status: 'SUPERSEDED', detail } });
  const actor = worker(input.onBehalfOfUserId);
  const request = { ...systemRequest('cairn-worker'), requestId: input.jobId };
  await resolveEndedDeploymentAlerts(tx, {
    deploymentId: previousId,
    teamId: previous.teamId,
    reason: detail,
    actor,
    request,
  });
  await appendAuditEvent(tx, {
    actor: worker(input.onBehalfOfUserId),
    request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
    action: 'deployment.recordState',
    resourceType: 'Deployment',
    resourceId: previousId,
    teamId: previous.teamId,
    outcome: 'SUCCESS',
    reason: detail,
    after: { status: 'SUPERSEDED', supersededBy: byId },
  });
}

async function announce(tx: Tx, deploymentId: string) {
  const deployment = await tx.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    include: {
      environment: { select: { name: true } },
      modelVersion: { select: { version: true, modelGroup: { select: { name: true } } } },
    },
  });
  const isRolledBack = deployment.statusReason?.startsWith('rolled back automatically') ?? false;
  const words = isRolledBack ? 'was rolled back' : ANNOUNCED[deployment.status];
  if (!words || !deployment.createdById) return;
  const { modelVersion, environment } = deployment;
  await notify(tx, [deployment.createdById], {
    teamId: deployment.teamId,
    kind: `deployment.${deployment.status.toLowerCase()}`,
    title: `${modelVersion.modelGroup.name} v${modelVersion.version} in ${environment.name.toLowerCase()} ${words}`,
    body: deployment.statusReason ?? deployment.awsResourceName,
    link: `/teams/${deployment.teamId}/projects/${deployment.projectId}/deployments/${deployment.id}`,
  });
}
