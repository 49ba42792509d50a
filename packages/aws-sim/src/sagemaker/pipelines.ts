import { lowerAlphanumericId } from '../core/random';
import { asRecords, Problems } from '../core/validation';
import { SimError } from '../service';
import { type Call, date, FAIL_MARKER, SECONDS, type Tracked } from './common';

export interface PipelineExecutionRecord extends Tracked {
  pipelineName: string;
  pipelineArn: string;
  clientRequestToken: string;
  displayName?: string;
  parameters: { Name: string; Value: string }[];
  status: 'Executing' | 'Succeeded' | 'Failed' | 'Stopping' | 'Stopped';
  endsAt: number;
  willFail: boolean;
  failureReason?: string;
}

const PIPELINE_NAME = /^[A-Za-z0-9-]{1,256}$|^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/.*$/;
const PIPELINE_ARN = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]*):([0-9]{12}):pipeline\/([^/]+)$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/.*\/execution\/.*$/;
/** Names with this prefix exist implicitly, so the demo needs no CreatePipeline. */
export const AUTO_CREATED_PREFIX = 'cairn-';

export function advanceExecution(execution: PipelineExecutionRecord, now: number): void {
  if (execution.status !== 'Executing' || now < execution.endsAt) return;
  execution.status = execution.willFail ? 'Failed' : 'Succeeded';
  if (execution.willFail)
    execution.failureReason = 'Step "Train" failed: AlgorithmError: training job failed.';
}

export function startPipelineExecution(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const nameOrArn = problems.string(input, 'PipelineName', 'PipelineName', {
    required: true,
    min: 1,
    max: 2048,
    pattern: PIPELINE_NAME,
  });
  const token = problems.string(input, 'ClientRequestToken', 'ClientRequestToken', {
    required: true,
    min: 32,
    max: 128,
  });
  const displayName = problems.string(input, 'PipelineExecutionDisplayName', 'PipelineExecutionDisplayName', {
    min: 1,
    max: 82,
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$/,
  });
  const parameters = asRecords(
    problems.array(input, 'PipelineParameters', 'PipelineParameters', { max: 200 }),
  ).map((parameter, index) => ({
    Name:
      problems.string(parameter, 'Name', `PipelineParameters.${index + 1}.member.Name`, {
        required: true,
        min: 1,
        max: 256,
        pattern: /^[A-Za-z0-9\-_]*$/,
      }) ?? '',
    Value:
      problems.string(parameter, 'Value', `PipelineParameters.${index + 1}.member.Value`, {
        required: true,
        max: 1024,
      }) ?? '',
  }));
  problems.throwIfAny();
  const pipelineName = PIPELINE_ARN.exec(nameOrArn as string)?.[3] ?? (nameOrArn as string);
  if (pipelineName.startsWith(AUTO_CREATED_PREFIX)) store.pipelines.add(pipelineName);
  if (!store.pipelines.has(pipelineName)) {
    throw new SimError('ResourceNotFound', `Pipeline '${pipelineName}' does not exist.`);
  }
  // Same pipeline + same token returns the first execution, which is what makes retries safe.
  for (const execution of store.executions.values()) {
    if (execution.pipelineName === pipelineName && execution.clientRequestToken === token) {
      return { PipelineExecutionArn: execution.arn };
    }
  }
  const pipelineArn = `arn:aws:sagemaker:${call.region}:${call.caller.accountId}:pipeline/${pipelineName.toLowerCase()}`;
  const arn = `${pipelineArn}/execution/${lowerAlphanumericId(12)}`;
  const willFail =
    pipelineName.includes(FAIL_MARKER) ||
    parameters.some((parameter) => parameter.Value.includes(FAIL_MARKER)) ||
    call.context.faults.shouldFail(pipelineName);
  store.executions.set(arn, {
    name: arn.slice(arn.lastIndexOf('/') + 1),
    clientRequestToken: token as string,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    pipelineName,
    pipelineArn,
    displayName,
    parameters,
    status: 'Executing',
    endsAt: call.context.clock.after(SECONDS.pipelineExecution, call.now),
    willFail,
  });
  return { PipelineExecutionArn: arn };
}

export function describePipelineExecution(call: Call) {
  const problems = new Problems();
  const arn = problems.string(call.input, 'PipelineExecutionArn', 'PipelineExecutionArn', {
    required: true,
    max: 2048,
    pattern: EXECUTION_ARN,
  });
  problems.throwIfAny();
  const execution = call.store.executions.get(arn as string);
  if (!execution) throw new SimError('ResourceNotFound', `Pipeline execution '${arn}' does not exist.`);
  return {
    PipelineArn: execution.pipelineArn,
    PipelineExecutionArn: execution.arn,
    PipelineExecutionDisplayName: execution.displayName ?? `execution-${execution.createdAt}`,
    PipelineExecutionStatus: execution.status,
    FailureReason: execution.failureReason,
    CreationTime: date(execution.createdAt),
    LastModifiedTime: date(execution.status === 'Executing' ? execution.createdAt : execution.endsAt),
    CreatedBy: {},
  };
}

/** ListPipelineParametersForExecution: the parameters the execution was started with, in order. */
export function listPipelineParametersForExecution(call: Call) {
  const problems = new Problems();
  const arn = problems.string(call.input, 'PipelineExecutionArn', 'PipelineExecutionArn', {
    required: true,
    max: 2048,
    pattern: EXECUTION_ARN,
  });
  const maxResults = problems.number(call.input, 'MaxResults', 'MaxResults', { min: 1, max: 100 }) ?? 50;
  const nextToken = problems.string(call.input, 'NextToken', 'NextToken', { max: 8192, pattern: /^[0-9]+$/ });
  problems.throwIfAny();
  const execution = call.store.executions.get(arn as string);
  if (!execution) throw new SimError('ResourceNotFound', `Pipeline execution '${arn}' does not exist.`);
  const start = nextToken ? Number(nextToken) : 0;
  const page = execution.parameters.slice(start, start + maxResults);
  const next = start + maxResults;
  return {
    PipelineParameters: page,
    ...(next < execution.parameters.length ? { NextToken: String(next) } : {}),
  };
}
