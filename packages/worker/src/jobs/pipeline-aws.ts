import type { PipelineKind, PipelineRunStatus } from '@cairn/db/generated/prisma/enums';
import { getPipelineExecution, startPipelineExecution } from '../aws/adapters/codepipeline';
import {
  describeSageMakerPipelineExecution,
  startSageMakerPipelineExecution,
} from '../aws/adapters/sagemaker-jobs';
import type { AwsCaller } from '../aws/audited-call';
import type { TeamClients } from '../aws/team-clients';

/** Where a pipeline execution stands, in Cairn's terms, whichever service runs it. */
export interface ExecutionState {
  status: Extract<PipelineRunStatus, 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED'>;
  reason: string | null;
}

const CODEPIPELINE_STATUS: Record<string, ExecutionState['status']> = {
  InProgress: 'RUNNING',
  Stopping: 'RUNNING',
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  Stopped: 'STOPPED',
  Superseded: 'STOPPED',
  Cancelled: 'STOPPED',
};

const SAGEMAKER_STATUS: Record<string, ExecutionState['status']> = {
  Executing: 'RUNNING',
  Stopping: 'RUNNING',
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  Stopped: 'STOPPED',
};

interface Target {
  kind: PipelineKind;
  awsPipelineName: string;
}

/**
 * Starts an execution with the run's variables (CodePipeline variables, SageMaker pipeline
 * parameters); the client token derives from the run id, so a retried start is the same execution.
 */
export async function startExecution(
  clients: TeamClients,
  call: AwsCaller,
  pipeline: Target,
  run: { id: string; variables: Record<string, string> },
) {
  const hasVariables = Object.keys(run.variables).length > 0;
  if (pipeline.kind === 'CODEPIPELINE') {
    const started = await startPipelineExecution(
      { client: clients.codepipeline, call },
      {
        pipelineName: pipeline.awsPipelineName,
        executionId: run.id,
        ...(hasVariables ? { variables: run.variables } : {}),
      },
    );
    return started.pipelineExecutionId;
  }
  const started = await startSageMakerPipelineExecution(
    { client: clients.sagemaker, call },
    {
      pipelineName: pipeline.awsPipelineName,
      executionId: run.id,
      displayName: `cairn-${run.id.slice(0, 8)}`,
      ...(hasVariables ? { parameters: run.variables } : {}),
    },
  );
  return started.pipelineExecutionArn;
}

/** The run's variables as stored: a JSON object of strings (anything else is left out). */
export function storedVariables(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Reads an execution's state; null when AWS no longer knows it. */
export async function readExecution(
  clients: TeamClients,
  call: AwsCaller,
  pipeline: Target,
  awsExecutionId: string,
): Promise<ExecutionState | null> {
  if (pipeline.kind === 'CODEPIPELINE') {
    const state = await getPipelineExecution(
      { client: clients.codepipeline, call },
      { pipelineName: pipeline.awsPipelineName, pipelineExecutionId: awsExecutionId },
    );
    return state
      ? { status: CODEPIPELINE_STATUS[state.status] ?? 'RUNNING', reason: state.statusSummary }
      : null;
  }
  const state = await describeSageMakerPipelineExecution({ client: clients.sagemaker, call }, awsExecutionId);
  return state ? { status: SAGEMAKER_STATUS[state.status] ?? 'RUNNING', reason: state.failureReason } : null;
}
