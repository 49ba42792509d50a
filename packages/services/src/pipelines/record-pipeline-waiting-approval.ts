import { appendAuditEvent } from '@cairn/db/audit-writer';
import { Prisma, type PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

/** The CodePipeline manual approval action a run's execution waits at. */
export interface WaitingApproval {
  stageName: string;
  actionName: string;
  token: string;
  /** ISO time the action started waiting. */
  since: string;
}

function sameAction(a: unknown, b: WaitingApproval | null): boolean {
  if (a === null || b === null) return a === b;
  const left = a as Partial<WaitingApproval>;
  return left.stageName === b.stageName && left.actionName === b.actionName && left.token === b.token;
}

/**
 * Records whether a running run's execution waits at a manual approval (null: at none). Only a
 * change is written and audited: the reconciler reports the same wait on every look.
 */
export async function recordPipelineWaitingApproval(
  db: PrismaClient,
  input: { runId: string; jobId: string; onBehalfOfUserId: string | null; waiting: WaitingApproval | null },
): Promise<{ isRecorded: boolean }> {
  return db.$transaction(async (tx) => {
    // Locked so two looks at the same run cannot both see "unchanged" and write.
    const [locked] = await tx.$queryRaw<Array<{ status: string; waitingApproval: unknown }>>`
      SELECT status::text AS status, "waitingApproval" FROM "PipelineRun" WHERE id = ${input.runId}::uuid FOR UPDATE`;
    if (!locked || sameAction(locked.waitingApproval, input.waiting)) return { isRecorded: false };
    if (input.waiting && locked.status !== 'RUNNING') return { isRecorded: false };
    const run = await tx.pipelineRun.update({
      where: { id: input.runId },
      data: { waitingApproval: input.waiting ? { ...input.waiting } : Prisma.DbNull },
    });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'pipeline.recordWaitingApproval',
      resourceType: 'PipelineRun',
      resourceId: run.id,
      teamId: run.teamId,
      outcome: 'SUCCESS',
      reason: input.waiting
        ? `Waiting at ${input.waiting.stageName}/${input.waiting.actionName} for a manual approval`
        : 'No longer waiting for a manual approval',
      // The token answers the approval: it stays in the run, not in the audit log.
      after: input.waiting
        ? {
            stageName: input.waiting.stageName,
            actionName: input.waiting.actionName,
            since: input.waiting.since,
          }
        : { waitingApproval: null },
    });
    return { isRecorded: true };
  });
}
