import { appendAuditEvent } from '@cairn/db/audit-writer';
import { Prisma, type PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

/** The answer to send, as answer-pipeline-approval stores it on the run. */
export interface PipelineApprovalAnswer {
  stageName: string;
  actionName: string;
  token: string;
  status: 'Approved' | 'Rejected';
  summary: string;
  byUserId: string | null;
  /** Set once CodePipeline has the answer (or already had one). */
  sentAt?: string;
  isAlreadyAnswered?: boolean;
  error?: string;
}

export type ApprovalAnswerOutcome =
  | { status: 'SENT'; isAlreadyAnswered: boolean }
  | { status: 'FAILED'; error: string };

/**
 * Records that the run's approval answer reached CodePipeline (or why it could not): the run stops
 * waiting at that action. Recorded and audited once, however often the job is replayed.
 */
export async function recordPipelineApprovalAnswer(
  db: PrismaClient,
  input: { runId: string; jobId: string; onBehalfOfUserId: string | null; outcome: ApprovalAnswerOutcome },
): Promise<{ isRecorded: boolean }> {
  const { outcome } = input;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ approvalAnswer: unknown; waitingApproval: unknown }>>`
      SELECT "approvalAnswer", "waitingApproval" FROM "PipelineRun" WHERE id = ${input.runId}::uuid FOR UPDATE`;
    const answer = locked?.approvalAnswer as PipelineApprovalAnswer | null | undefined;
    if (!answer || answer.sentAt) return { isRecorded: false };
    if (outcome.status === 'FAILED' && answer.error === outcome.error) return { isRecorded: false };
    const waiting = locked?.waitingApproval as { token?: string } | null;
    const isAnsweredAction = outcome.status === 'SENT' && waiting?.token === answer.token;
    const recorded: PipelineApprovalAnswer =
      outcome.status === 'SENT'
        ? { ...answer, sentAt: new Date().toISOString(), isAlreadyAnswered: outcome.isAlreadyAnswered }
        : { ...answer, error: outcome.error };
    const run = await tx.pipelineRun.update({
      where: { id: input.runId },
      data: {
        approvalAnswer: { ...recorded },
        ...(isAnsweredAction ? { waitingApproval: Prisma.DbNull } : {}),
      },
    });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'pipeline.recordApprovalAnswer',
      resourceType: 'PipelineRun',
      resourceId: run.id,
      teamId: run.teamId,
      outcome: outcome.status === 'SENT' ? 'SUCCESS' : 'FAILED',
      reason:
        outcome.status === 'FAILED'
          ? outcome.error
          : outcome.isAlreadyAnswered
            ? 'The approval had already been answered in CodePipeline'
            : null,
      after: {
        stageName: answer.stageName,
        actionName: answer.actionName,
        status: answer.status,
        summary: answer.summary,
        byUserId: answer.byUserId,
      },
    });
    return { isRecorded: true };
  });
}
