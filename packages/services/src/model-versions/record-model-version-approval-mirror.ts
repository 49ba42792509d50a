import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import type { ModelApprovalStatus } from '@cairn/db/generated/prisma/enums';
import { systemRequest } from '../context';

export type ModelVersionApprovalMirrorResult =
  | { status: 'SYNCED'; awsApprovalStatus: ModelApprovalStatus; approvalDescription: string }
  | { status: 'FAILED'; awsApprovalError: string };

/**
 * Records the approval status last written to the version's model package (or why it could not be
 * written). Only a change is recorded and audited, so a replayed or repeated sync adds nothing.
 */
export async function recordModelVersionApprovalMirror(
  db: PrismaClient,
  input: {
    modelVersionId: string;
    jobId: string;
    onBehalfOfUserId: string | null;
    result: ModelVersionApprovalMirrorResult;
  },
): Promise<{ isRecorded: boolean }> {
  const { result } = input;
  return db.$transaction(async (tx) => {
    const { count } =
      result.status === 'SYNCED'
        ? await tx.modelVersion.updateMany({
            where: {
              id: input.modelVersionId,
              OR: [
                { awsApprovalStatus: null },
                { awsApprovalStatus: { not: result.awsApprovalStatus } },
                { awsApprovalError: { not: null } },
              ],
            },
            data: {
              awsApprovalStatus: result.awsApprovalStatus,
              awsApprovalError: null,
              awsSyncedAt: new Date(),
            },
          })
        : await tx.modelVersion.updateMany({
            where: {
              id: input.modelVersionId,
              OR: [{ awsApprovalError: null }, { awsApprovalError: { not: result.awsApprovalError } }],
            },
            data: { awsApprovalError: result.awsApprovalError },
          });
    if (count === 0) return { isRecorded: false };
    const version = await tx.modelVersion.findUniqueOrThrow({ where: { id: input.modelVersionId } });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'modelVersion.recordApprovalMirror',
      resourceType: 'ModelVersion',
      resourceId: version.id,
      teamId: version.teamId,
      outcome: result.status === 'SYNCED' ? 'SUCCESS' : 'FAILED',
      reason: version.awsApprovalError,
      after: {
        awsApprovalStatus: version.awsApprovalStatus,
        awsArn: version.awsArn,
        version: version.version,
        ...(result.status === 'SYNCED' ? { approvalDescription: result.approvalDescription } : {}),
      },
    });
    return { isRecorded: true };
  });
}
