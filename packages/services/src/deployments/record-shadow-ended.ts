import { shadowWindowOf } from '@cairn/core/deployments/shadow-window';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function durationText(from: Date | null, to: Date): string {
  const elapsed = from ? Math.max(0, to.getTime() - from.getTime()) : 0;
  if (elapsed >= DAY_MS) {
    const days = Math.round(elapsed / DAY_MS);
    return `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  const hours = Math.round(elapsed / HOUR_MS);
  if (hours === 0) return 'less than an hour';
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/**
 * Records that a deployment's endpoint runs its production variants only: `shadowEndedAt`, the
 * endpoint config it now runs, a timeline line and a worker audit event. Once only: a replay of
 * the end-shadow job, or a second job, finds it recorded and changes nothing.
 */
export async function recordShadowEnded(
  db: PrismaClient,
  input: {
    deploymentId: string;
    jobId: string;
    onBehalfOfUserId: string | null;
    endpointConfigName: string;
  },
): Promise<{ isRecorded: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${input.deploymentId}::uuid FOR UPDATE`;
    const deployment = await tx.deployment.findUnique({ where: { id: input.deploymentId } });
    if (!deployment || deployment.shadowEndedAt) return { isRecorded: false };
    const window = shadowWindowOf(deployment);
    const now = new Date();
    const detail = `Shadow variant ended after ${durationText(deployment.inServiceAt, now)}: production keeps serving`;
    await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        shadowEndedAt: now,
        endpointConfigName: input.endpointConfigName,
        events: { create: { status: deployment.status, awsStatus: 'InService', detail, occurredAt: now } },
      },
    });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'deployment.shadowEnded',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      outcome: 'SUCCESS',
      reason: detail,
      before: { endpointConfigName: deployment.endpointConfigName, shadowEndedAt: null },
      after: {
        endpointConfigName: input.endpointConfigName,
        shadowEndedAt: now,
        shadowPercent: window?.shadowPercent ?? null,
        days: window?.days ?? null,
      },
    });
    return { isRecorded: true };
  });
}

/**
 * Records that SageMaker refused to move the endpoint to its production-only config: the reason on
 * the deployment (the monitor stops sending the end-shadow job until a person asks again), a
 * timeline line and a failed worker audit event. Once per failure: a replay finds it recorded.
 */
export async function recordShadowEndFailed(
  db: PrismaClient,
  input: { deploymentId: string; jobId: string; onBehalfOfUserId: string | null; reason: string },
): Promise<{ isRecorded: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${input.deploymentId}::uuid FOR UPDATE`;
    const deployment = await tx.deployment.findUnique({ where: { id: input.deploymentId } });
    if (!deployment || deployment.shadowEndedAt || deployment.shadowEndFailure) return { isRecorded: false };
    const detail = `Could not end the shadow variant: ${input.reason} The shadow keeps running; end it again from this page once the cause is fixed.`;
    await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        shadowEndFailure: input.reason,
        events: { create: { status: deployment.status, awsStatus: 'InService', detail } },
      },
    });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'deployment.shadowEnded',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      outcome: 'FAILED',
      reason: input.reason,
      before: { shadowEndFailure: null },
      after: { shadowEndFailure: input.reason },
    });
    return { isRecorded: true };
  });
}
