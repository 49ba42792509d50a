import { appendAuditEvent } from '@cairn/db/audit-writer';
import { Prisma, type PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';
import { notify } from '../notifications/notify';

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
    if (input.waiting) await tellApprovers(tx, run.id, input.waiting);
    return { isRecorded: true };
  });
}

/** The team's approvers learn that a release waits for them in CodePipeline. */
async function tellApprovers(tx: Prisma.TransactionClient, runId: string, waiting: WaitingApproval) {
  const run = await tx.pipelineRun.findUniqueOrThrow({
    where: { id: runId },
    include: {
      pipeline: { select: { awsPipelineName: true, projectId: true } },
      modelVersion: { select: { id: true, version: true, modelGroup: { select: { name: true } } } },
    },
  });
  const approvers = await tx.membership.findMany({
    where: { teamId: run.teamId, role: { in: ['APPROVER', 'ADMIN'] }, user: { disabledAt: null } },
    select: { userId: true },
  });
  const projectPath = `/teams/${run.teamId}/projects/${run.pipeline.projectId}`;
  await notify(
    tx,
    approvers.map((member) => member.userId),
    {
      teamId: run.teamId,
      kind: 'pipeline_run.waiting_approval',
      title: `${run.pipeline.awsPipelineName} waits for a manual approval`,
      body: `At ${waiting.stageName}/${waiting.actionName}${run.modelVersion ? ` releasing ${run.modelVersion.modelGroup.name} v${run.modelVersion.version}` : ''}`,
      link: run.modelVersion ? `${projectPath}/models/${run.modelVersion.id}` : projectPath,
    },
  );
}
