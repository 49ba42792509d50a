import {
  type CodePipelineClient,
  GetPipelineExecutionCommand,
  type PipelineExecutionStatus,
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
