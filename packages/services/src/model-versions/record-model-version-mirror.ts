import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

export type ModelVersionMirrorResult =
  | { status: 'READY'; awsArn: string }
  | { status: 'FAILED'; awsError: string };

/**
 * Records where the version's model package stands in SageMaker. Only a pending version changes, so
 * a job replayed after a crash records (and audits) its outcome once.
 */
export async function recordModelVersionMirror(
  db: PrismaClient,
  input: {
    modelVersionId: string;
    jobId: string;
    onBehalfOfUserId: string | null;
    result: ModelVersionMirrorResult;
  },
): Promise<{ isRecorded: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.modelVersion.updateMany({
      where: { id: input.modelVersionId, awsStatus: 'PENDING' },
      data:
        input.result.status === 'READY'
          ? { awsStatus: 'READY', awsArn: input.result.awsArn, awsError: null, awsSyncedAt: new Date() }
          : { awsStatus: 'FAILED', awsError: input.result.awsError, awsSyncedAt: new Date() },
    });
    if (count === 0) return { isRecorded: false };
    const version = await tx.modelVersion.findUniqueOrThrow({ where: { id: input.modelVersionId } });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'modelVersion.recordMirror',
      resourceType: 'ModelVersion',
      resourceId: version.id,
      teamId: version.teamId,
      outcome: version.awsStatus === 'READY' ? 'SUCCESS' : 'FAILED',
      reason: version.awsError,
      after: { awsStatus: version.awsStatus, awsArn: version.awsArn, version: version.version },
    });
    return { isRecorded: true };
  });
}
