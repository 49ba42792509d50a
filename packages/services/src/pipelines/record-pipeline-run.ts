import { appendAuditEvent } from '@cairn/db/audit-writer';
import { Prisma, type PrismaClient, type Tx } from '@cairn/db/client';
import { systemRequest } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { notify } from '../notifications/notify';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';

export type PipelineRunUpdate =
  | { status: 'RUNNING'; awsExecutionId: string }
  | { status: 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'TIMED_OUT'; statusReason: string | null };

const TERMINAL = ['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMED_OUT'] as const;

const OUTCOME_WORDS: Record<string, string> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  STOPPED: 'was stopped',
  TIMED_OUT: 'timed out',
};

/**
 * Moves a run forward: STARTING -> RUNNING -> an end state. A transition that already happened
 * (a replayed job, a second poll chain) changes nothing and is not audited again. An end state is
 * announced in the same transaction: the project's webhook ('pipeline_run.finished', delivered when
 * a queue is given) and an in-app notification to whoever started the run.
 */
export async function recordPipelineRun(
  db: PrismaClient,
  input: {
    runId: string;
    jobId: string;
    onBehalfOfUserId: string | null;
    update: PipelineRunUpdate;
    queue?: JobQueue;
  },
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
            data: {
              status: update.status,
              statusReason: update.statusReason,
              finishedAt: now,
              // An execution that ended waits for no one.
              waitingApproval: Prisma.DbNull,
            },
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
    if (update.status !== 'RUNNING') await announceFinished(tx, input.queue, run.id);
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

async function announceFinished(tx: Tx, queue: JobQueue | undefined, runId: string) {
  const run = await tx.pipelineRun.findUniqueOrThrow({
    where: { id: runId },
    include: { pipeline: { select: { id: true, projectId: true, kind: true, awsPipelineName: true } } },
  });
  const { pipeline } = run;
  await emitWebhookEvent(tx, queue, {
    teamId: run.teamId,
    projectId: pipeline.projectId,
    event: 'pipeline_run.finished',
    data: {
      runId: run.id,
      pipeline: { id: pipeline.id, name: pipeline.awsPipelineName, kind: pipeline.kind },
      status: run.status,
      statusReason: run.statusReason,
      awsExecutionId: run.awsExecutionId,
      modelVersionId: run.modelVersionId,
      approvalRequestId: run.approvalRequestId,
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
    },
  });
  if (!run.requestedById) return;
  const projectPath = `/teams/${run.teamId}/projects/${pipeline.projectId}`;
  await notify(tx, [run.requestedById], {
    teamId: run.teamId,
    kind: 'pipeline_run.finished',
    title: `Pipeline ${pipeline.awsPipelineName} ${OUTCOME_WORDS[run.status] ?? run.status.toLowerCase()}`,
    body: run.statusReason ?? '',
    link: run.modelVersionId ? `${projectPath}/models/${run.modelVersionId}` : projectPath,
  });
}
