import { randomUUID } from 'node:crypto';
import type { Caller, ResourceStore, ResourceSummary } from '../core/caller';
import type { SimContext } from '../core/context';
import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import {
  APPROVAL_ACTION,
  APPROVAL_STAGE,
  EXECUTION_SECONDS,
  hasApprovalStage,
  type ManualApproval,
  SOURCE_SECONDS,
  WAITING,
} from './stages';

export const PIPELINE_NAME = /^[A-Za-z0-9.@\-_]+$/;
/** Names with this prefix exist implicitly, so the demo needs no CreatePipeline. */
const AUTO_CREATED_PREFIX = 'cairn-';
const FAIL_MARKER = 'fail';

export interface CodePipelineExecution {
  pipelineName: string;
  id: string;
  clientRequestToken?: string;
  variables: { name: string; value: string }[];
  startedAt: number;
  /** When the last action ends; WAITING while a manual approval has not been approved. */
  endsAt: number;
  willFail: boolean;
  /** Only in pipelines with an approval stage. */
  approval?: ManualApproval;
  createdBy: Caller;
  region: string;
}

export class CodePipelineStore implements ResourceStore {
  readonly pipelines = new Set<string>();
  readonly executions = new Map<string, CodePipelineExecution>();

  constructor(private readonly context: SimContext) {}

  status(execution: CodePipelineExecution): 'InProgress' | 'Succeeded' | 'Failed' {
    if (execution.approval?.answer?.status === 'Rejected') return 'Failed';
    if (this.context.clock.now() < execution.endsAt) return 'InProgress';
    return execution.willFail ? 'Failed' : 'Succeeded';
  }

  statusSummary(execution: CodePipelineExecution): string | undefined {
    const answer = execution.approval?.answer;
    if (answer?.status === 'Rejected') {
      return `Rejected by approval action "${execution.approval?.actionName}": ${answer.summary}`;
    }
    return this.status(execution) === 'Failed'
      ? 'Action "Deploy" failed: the stage reported an error.'
      : undefined;
  }

  /** A pipeline the account has: seeded through the admin API, or implicitly by its name. */
  exists(name: string): boolean {
    if (name.startsWith(AUTO_CREATED_PREFIX)) this.pipelines.add(name);
    return this.pipelines.has(name);
  }

  list(): ResourceSummary[] {
    return [...this.executions.values()].map((execution) => ({
      type: 'codepipeline-execution',
      name: execution.id,
      arn: `arn:aws:codepipeline:${execution.region}:${execution.createdBy.accountId}:${execution.pipelineName}`,
      status: this.status(execution),
      createdAt: new Date(execution.startedAt).toISOString(),
      createdBy: execution.createdBy,
      details: {
        pipelineName: execution.pipelineName,
        clientRequestToken: execution.clientRequestToken,
        variables: execution.variables,
        ...(execution.approval
          ? {
              approval: {
                stageName: execution.approval.stageName,
                actionName: execution.approval.actionName,
                status: execution.approval.answer?.status ?? 'Waiting',
                summary: execution.approval.answer?.summary,
              },
            }
          : {}),
      },
    }));
  }

  reset(): void {
    this.pipelines.clear();
    this.executions.clear();
  }
}

export interface Call {
  input: JsonInput;
  caller: Caller;
  region: string;
  store: CodePipelineStore;
  context: SimContext;
}

export function pipelineName(problems: Problems, input: JsonInput, member: string): string | undefined {
  return problems.string(input, member, member, { required: true, min: 1, max: 100, pattern: PIPELINE_NAME });
}

export function startPipelineExecution({ input, caller, region, store, context }: Call) {
  const problems = new Problems();
  const name = pipelineName(problems, input, 'name');
  const token = problems.string(input, 'clientRequestToken', 'clientRequestToken', {
    min: 1,
    max: 128,
    pattern: /^[a-zA-Z0-9-]+$/,
  });
  const variables = asRecords(problems.array(input, 'variables', 'variables', { min: 1, max: 50 })).map(
    (variable, index) => ({
      name:
        problems.string(variable, 'name', `variables.${index + 1}.member.name`, {
          required: true,
          min: 1,
          max: 128,
          pattern: /^[A-Za-z0-9@\-_]+$/,
        }) ?? '',
      value:
        problems.string(variable, 'value', `variables.${index + 1}.member.value`, {
          required: true,
          min: 1,
          max: 1000,
          pattern: /^.*$/,
        }) ?? '',
    }),
  );
  problems.throwIfAny();
  const pipeline = name as string;
  if (!store.exists(pipeline)) {
    throw pipelineNotFound(caller, pipeline);
  }
  if (token) {
    for (const execution of store.executions.values()) {
      if (execution.pipelineName === pipeline && execution.clientRequestToken === token) {
        return { pipelineExecutionId: execution.id };
      }
    }
  }
  const now = context.clock.now();
  const id = randomUUID();
  const approval: ManualApproval | undefined = hasApprovalStage(pipeline)
    ? {
        stageName: APPROVAL_STAGE,
        actionName: APPROVAL_ACTION,
        token: randomUUID(),
        reachedAt: context.clock.after(SOURCE_SECONDS, now),
      }
    : undefined;
  store.executions.set(id, {
    pipelineName: pipeline,
    id,
    clientRequestToken: token,
    variables,
    startedAt: now,
    endsAt: approval ? WAITING : context.clock.after(EXECUTION_SECONDS, now),
    ...(approval ? { approval } : {}),
    willFail:
      pipeline.includes(FAIL_MARKER) ||
      variables.some((variable) => variable.value.includes(FAIL_MARKER)) ||
      context.faults.shouldFail(pipeline),
    createdBy: caller,
    region,
  });
  return { pipelineExecutionId: id };
}

export function getPipelineExecution({ input, caller, store }: Call) {
  const problems = new Problems();
  const name = pipelineName(problems, input, 'pipelineName');
  const id = problems.string(input, 'pipelineExecutionId', 'pipelineExecutionId', {
    required: true,
    pattern: /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/,
  });
  problems.throwIfAny();
  if (!store.exists(name as string)) throw pipelineNotFound(caller, name as string);
  const execution = store.executions.get(id as string);
  if (!execution || execution.pipelineName !== name) {
    throw new SimError(
      'PipelineExecutionNotFoundException',
      `Pipeline execution '${id}' does not exist in pipeline '${name}'`,
    );
  }
  const status = store.status(execution);
  return {
    pipelineExecution: {
      pipelineName: execution.pipelineName,
      pipelineVersion: 1,
      pipelineExecutionId: execution.id,
      status,
      statusSummary: store.statusSummary(execution),
      artifactRevisions: [],
      variables: execution.variables.map((variable) => ({
        name: variable.name,
        resolvedValue: variable.value,
      })),
      trigger: {
        triggerType: 'StartPipelineExecution',
        triggerDetail: caller.assumedRoleArn ?? `arn:aws:iam::${caller.accountId}:root`,
      },
      executionMode: 'SUPERSEDED',
      executionType: 'STANDARD',
    },
  };
}

export function pipelineNotFound(caller: Caller, name: string): SimError {
  return new SimError(
    'PipelineNotFoundException',
    `Account '${caller.accountId}' does not have a pipeline with name '${name}'`,
  );
}
