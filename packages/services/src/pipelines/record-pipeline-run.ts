import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';

export type PipelineRunUpdate =
  | { status: 'RUNNING'; awsExecutionId: string }
  | { status: 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'TIMED_OUT'; statusReason: string | null };

const TERMINAL = ['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMED_OUT'] as const;

/**
 * Moves a run forward: STARTING -> RUNNING -> an end state. A transition that already happened
 * (a replayed job, a second poll chain) changes nothing and is not audited again.
 */
export async function recordPipelineRun(
  db: PrismaClient,
  input: { runId: string; jobId: string; onBehalfOfUserId: string | null; update: PipelineRunUpdate },
): Promise<{ isRecorded: boolean }> {
  const { update } = input;
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } =
      update.status === 'RUNNING'
        ? await tx.pipelineRun.updateMany({
            where: { id: input.runId, status: 'STARTING' },
            data: { status: 'RUNNING', awsExecutionId: update.awsExecutionId, startedAt: now },
          })
        : await tx.pipelineRun.updateMany({
            where: { id: input.runId, status: { notIn: [...TERMINAL] } },
            data: { status: update.status, statusReason: update.statusReason, finishedAt: now },
          });
    if (count === 0) return { isRecorded: false };
    const run = await tx.pipelineRun.findUniqueOrThrow({ where: { id: input.runId } });
    await appendAuditEvent(tx, {
      actor: { kind: 'worker', onBehalfOfUserId: input.onBehalfOfUserId, label: 'cairn-worker' },
      request: { ...systemRequest('cairn-worker'), requestId: input.jobId },
      action: 'pipeline.recordRun',
      resourceType: 'PipelineRun',
      resourceId: run.id,
      teamId: run.teamId,
      outcome: run.status === 'FAILED' || run.status === 'TIMED_OUT' ? 'FAILED' : 'SUCCESS',
      reason: run.statusReason,
      after: { status: run.status, awsExecutionId: run.awsExecutionId },
    });
    return { isRecorded: true };
  });
}

/** Counts a look at the run that found it still going. */
export async function notePipelineRunPolled(db: PrismaClient, runId: string): Promise<number> {
  const run = await db.pipelineRun.update({
    where: { id: runId },
    data: { pollCount: { increment: 1 }, lastPolledAt: new Date() },
  });
  return run.pollCount;
}
