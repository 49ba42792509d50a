import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

export type AwsAccessCheckResult =
  | { status: 'SUCCEEDED'; assumedArn: string; account: string; awsRequestId: string | null }
  | { status: 'FAILED'; errorCode: string; errorMessage: string; awsRequestId: string | null };

/**
 * The worker's verdict on a check. Replaying it changes nothing: a check that already has a
 * verdict keeps its first one, and only the first write is audited.
 */
export async function recordAwsAccessCheck(
  db: PrismaClient,
  input: { checkId: string; jobId: string; onBehalfOfUserId: string | null; result: AwsAccessCheckResult },
): Promise<{ isRecorded: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.awsAccessCheck.updateMany({
      where: { id: input.checkId, status: 'PENDING' },
      data: { ...input.result, finishedAt: new Date() },
    });
    if (count === 0) return { isRecorded: false };
    const check = await tx.awsAccessCheck.findUniqueOrThrow({ where: { id: input.checkId } });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'team.recordAwsAccessCheck',
      resourceType: 'AwsAccessCheck',
      resourceId: check.id,
      teamId: check.teamId,
      outcome: input.result.status === 'SUCCEEDED' ? 'SUCCESS' : 'FAILED',
      reason: input.result.status === 'FAILED' ? input.result.errorMessage : null,
      after: { status: check.status, assumedArn: check.assumedArn, errorCode: check.errorCode },
      awsRequestId: input.result.awsRequestId,
    });
    return { isRecorded: true };
  });
}
