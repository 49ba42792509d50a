import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

export type ModelGroupMirrorResult =
  | { status: 'READY'; awsArn: string }
  | { status: 'FAILED'; awsError: string };

/**
 * Records where the model group stands in SageMaker. Only a pending group changes, so a job replayed
 * after a crash records (and audits) its outcome once.
 */
export async function recordModelGroupMirror(
  db: PrismaClient,
  input: {
    modelGroupId: string;
    jobId: string;
    onBehalfOfUserId: string | null;
    result: ModelGroupMirrorResult;
  },
): Promise<{ isRecorded: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.modelGroup.updateMany({
      where: { id: input.modelGroupId, awsStatus: 'PENDING' },
      data:
        input.result.status === 'READY'
          ? { awsStatus: 'READY', awsArn: input.result.awsArn, awsError: null, awsSyncedAt: new Date() }
          : { awsStatus: 'FAILED', awsError: input.result.awsError, awsSyncedAt: new Date() },
    });
    if (count === 0) return { isRecorded: false };
    const group = await tx.modelGroup.findUniqueOrThrow({ where: { id: input.modelGroupId } });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'modelGroup.recordMirror',
      resourceType: 'ModelGroup',
      resourceId: group.id,
      teamId: group.teamId,
      outcome: group.awsStatus === 'READY' ? 'SUCCESS' : 'FAILED',
      reason: group.awsError,
      after: { awsStatus: group.awsStatus, awsName: group.awsName, awsArn: group.awsArn },
    });
    return { isRecorded: true };
  });
}
