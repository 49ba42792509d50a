import {
  type ApprovalStatus,
  type CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  type PipelineExecutionStatus,
  PutApprovalResultCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { clientRequestToken } from '@cairn/core/aws-names';
import { type AdapterContext, orNullIfNotFound, required } from './adapter-support';

type CodePipeline = AdapterContext<CodePipelineClient>;

export interface StartPipelineInput {
  pipelineName: string;
  /** The domain id of the pipeline run Cairn records; the clientRequestToken derives from it. */
  executionId: string;
  /** 0 for the first start; a deliberate re-run of the same domain execution passes 1, 2, ... */
  attempt?: number;
  /** Pipeline-level variables (V2 pipelines), e.g. the approved model package ARN. */
  variables?: Record<string, string>;
}

/** StartPipelineExecution; CodePipeline answers a repeated clientRequestToken with the first execution. */
export async function startPipelineExecution(ctx: CodePipeline, input: StartPipelineInput) {
  const output = await ctx.call(
    {
      service: 'codepipeline',
      operation: 'StartPipelineExecution',
      resourceType: 'codepipeline:pipeline',
      resourceId: input.pipelineName,
    },
    () =>
      ctx.client.send(
        new StartPipelineExecutionCommand({
          name: input.pipelineName,
          variables: input.variables
            ? Object.entries(input.variables).map(([name, value]) => ({ name, value }))
            : undefined,
          clientRequestToken: clientRequestToken('codepipeline-execution', input.executionId, input.attempt),
        }),
      ),
  );
  return { pipelineExecutionId: required(output.pipelineExecutionId, 'pipelineExecutionId') };
}

export interface PipelineExecutionState {
  pipelineExecutionId: string;
  status: PipelineExecutionStatus;
  statusSummary: string | null;
}

/** GetPipelineExecution; null when the pipeline or execution does not exist. */
export function getPipelineExecution(
  ctx: CodePipeline,
  input: { pipelineName: string; pipelineExecutionId: string },
): Promise<PipelineExecutionState | null> {
  return orNullIfNotFound(async () => {
    const output = await ctx.call(
      {
        service: 'codepipeline',
        operation: 'GetPipelineExecution',
        resourceType: 'codepipeline:pipeline-execution',
        resourceId: `${input.pipelineName}/${input.pipelineExecutionId}`,
      },
      () =>
        ctx.client.send(
          new GetPipelineExecutionCommand({
            pipelineName: input.pipelineName,
            pipelineExecutionId: input.pipelineExecutionId,
          }),
        ),
    );
    const execution = required(output.pipelineExecution, 'pipelineExecution');
    return {
      pipelineExecutionId: input.pipelineExecutionId,
      status: required(execution.status, 'pipelineExecution.status'),
      statusSummary: execution.statusSummary ?? null,
    };
  });
}

/** A manual approval action that an execution waits at. */
export interface PendingApproval {
  stageName: string;
  actionName: string;
  token: string;
  /** When the action started waiting, as CodePipeline reports it. */
  since: Date | null;
}

/**
 * GetPipelineState, narrowed to the question the reconciler asks: does this execution wait at a
 * manual approval? A stage shows the execution that entered it last, so only a stage whose latest
 * execution is this one counts, and only an action in progress that carries a token (an approval).
 * Null when it waits at none; the pipeline missing is null too (the execution read says why).
 */
export async function findPendingApproval(
  ctx: CodePipeline,
  input: { pipelineName: string; pipelineExecutionId: string },
): Promise<PendingApproval | null> {
  const state = await orNullIfNotFound(() =>
    ctx.call(
      {
        service: 'codepipeline',
        operation: 'GetPipelineState',
        resourceType: 'codepipeline:pipeline',
        resourceId: input.pipelineName,
      },
      () => ctx.client.send(new GetPipelineStateCommand({ name: input.pipelineName })),
    ),
  );
  for (const stage of state?.stageStates ?? []) {
    if (stage.latestExecution?.pipelineExecutionId !== input.pipelineExecutionId) continue;
    for (const action of stage.actionStates ?? []) {
      const execution = action.latestExecution;
      if (execution?.status !== 'InProgress' || !execution.token) continue;
      return {
        stageName: required(stage.stageName, 'stageStates.stageName'),
        actionName: required(action.actionName, 'actionStates.actionName'),
        token: execution.token,
        since: execution.lastStatusChange ?? null,
      };
    }
  }
  return null;
}

export interface ApprovalAnswerInput {
  pipelineName: string;
  stageName: string;
  actionName: string;
  token: string;
  status: ApprovalStatus;
  /** At most 512 characters, as CodePipeline allows. */
  summary: string;
}

/**
 * PutApprovalResult. An approval someone (or an earlier attempt of this job) already answered
 * reports `isAlreadyAnswered` instead of failing: the action is no longer waiting either way.
 */
export async function putApprovalResult(
  ctx: CodePipeline,
  input: ApprovalAnswerInput,
): Promise<{ isAlreadyAnswered: boolean; approvedAt: Date | null }> {
  try {
    const output = await ctx.call(
      {
        service: 'codepipeline',
        operation: 'PutApprovalResult',
        resourceType: 'codepipeline:action',
        resourceId: `${input.pipelineName}/${input.stageName}/${input.actionName}`,
      },
      () =>
        ctx.client.send(
          new PutApprovalResultCommand({
            pipelineName: input.pipelineName,
            stageName: input.stageName,
            actionName: input.actionName,
            token: input.token,
            result: { status: input.status, summary: input.summary.slice(0, 512) },
          }),
        ),
    );
    return { isAlreadyAnswered: false, approvedAt: output.approvedAt ?? null };
  } catch (error) {
    if ((error as { name?: unknown }).name === 'ApprovalAlreadyCompletedException') {
      return { isAlreadyAnswered: true, approvedAt: null };
    }
    throw error;
  }
}
