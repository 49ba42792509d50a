import { notFound } from '@cairn/core/errors';
import type { ModelVersionRefInput } from '@cairn/core/schemas/approval-request';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

interface StoredWaiting {
  stageName: string;
  actionName: string;
  since: string;
}

interface StoredAnswer {
  status: 'Approved' | 'Rejected';
  summary: string;
  byUserId: string;
}

/** The pipeline runs that released a version, newest first; approval tokens stay on the server. */
export async function listVersionPipelineRuns(ctx: ServiceContext, input: ModelVersionRefInput) {
  const version = await ctx.db.modelVersion.findFirst({
    where: { id: input.modelVersionId, teamId: input.teamId },
    select: { id: true, projectId: true },
  });
  if (!version) throw notFound('Model version');
  await projectForPerson(ctx.db, ctx, { teamId: input.teamId, projectId: version.projectId }, 'project:read');
  const runs = await ctx.db.pipelineRun.findMany({
    where: { modelVersionId: version.id },
    orderBy: { id: 'desc' },
    include: { pipeline: { select: { id: true, kind: true, awsPipelineName: true } } },
  });
  return runs.map((run) => {
    const waiting = run.waitingApproval as StoredWaiting | null;
    const answer = run.approvalAnswer as StoredAnswer | null;
    return {
      id: run.id,
      status: run.status,
      statusReason: run.statusReason,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      awsExecutionId: run.awsExecutionId,
      variables: run.variables as Record<string, string>,
      waitingApproval: waiting
        ? { stageName: waiting.stageName, actionName: waiting.actionName, since: waiting.since }
        : null,
      approvalAnswer: answer
        ? { status: answer.status, summary: answer.summary, byUserId: answer.byUserId }
        : null,
      pipeline: run.pipeline,
    };
  });
}
