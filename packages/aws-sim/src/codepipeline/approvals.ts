import { Problems } from '../core/validation';
import { SimError } from '../service';
import {
  type Call,
  type CodePipelineExecution,
  PIPELINE_NAME,
  pipelineName,
  pipelineNotFound,
} from './executions';
import { endAfterApproval, stagesOf, viewStage } from './stages';

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const APPROVAL_STATUS = ['Approved', 'Rejected'] as const;

const seconds = (ms: number) => new Date(ms);

/** The pipeline's executions, most recently started last. */
function executionsOf(call: Call, name: string): CodePipelineExecution[] {
  return [...call.store.executions.values()]
    .filter((execution) => execution.pipelineName === name)
    .sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * GetPipelineState: each stage shows the execution that entered it last, as CodePipeline does in
 * SUPERSEDED mode; a manual approval action in progress carries the token PutApprovalResult needs.
 */
export function getPipelineState(call: Call) {
  const { input, caller, store, context } = call;
  const problems = new Problems();
  const name = pipelineName(problems, input, 'name');
  problems.throwIfAny();
  if (!store.exists(name as string)) throw pipelineNotFound(caller, name as string);
  const now = context.clock.now();
  const executions = executionsOf(call, name as string);
  const stageStates = stagesOf(name as string).map((stage) => {
    let latest:
      | { execution: CodePipelineExecution; view: NonNullable<ReturnType<typeof viewStage>> }
      | undefined;
    for (const execution of executions) {
      const view = viewStage(context.clock, execution, stage.stageName, now);
      if (view && (!latest || view.enteredAt >= latest.view.enteredAt)) latest = { execution, view };
    }
    return {
      stageName: stage.stageName,
      inboundTransitionState: { enabled: true },
      actionStates: [
        {
          actionName: stage.actionName,
          ...(latest
            ? {
                latestExecution: {
                  actionExecutionId: `${latest.execution.id.slice(0, 8)}-${stage.actionName.toLowerCase()}`,
                  status: latest.view.status,
                  summary: latest.view.summary,
                  lastStatusChange: seconds(latest.view.lastStatusChange),
                  token: latest.view.token,
                  lastUpdatedBy: latest.view.lastUpdatedBy,
                },
              }
            : {}),
        },
      ],
      ...(latest
        ? {
            latestExecution: {
              pipelineExecutionId: latest.execution.id,
              status: latest.view.status,
            },
          }
        : {}),
    };
  });
  const created = executions[0]?.startedAt ?? now;
  return {
    pipelineName: name,
    pipelineVersion: 1,
    stageStates,
    created: seconds(created),
    updated: seconds(created),
  };
}

/**
 * PutApprovalResult: answers the manual approval an execution waits at. Approved lets the execution
 * go on to Deploy; Rejected fails it. A token answers once.
 */
export function putApprovalResult(call: Call) {
  const { input, caller, store, context } = call;
  const problems = new Problems();
  const name = pipelineName(problems, input, 'pipelineName');
  const rule = { required: true, min: 1, max: 100, pattern: PIPELINE_NAME };
  const stageName = problems.string(input, 'stageName', 'stageName', rule);
  const actionName = problems.string(input, 'actionName', 'actionName', rule);
  const token = problems.string(input, 'token', 'token', { required: true, pattern: TOKEN });
  const result = problems.object(input, 'result', 'result', { required: true });
  const status = result
    ? problems.string(result, 'status', 'result.status', { required: true, values: APPROVAL_STATUS })
    : undefined;
  const summary = result
    ? problems.string(result, 'summary', 'result.summary', { required: true, max: 512 })
    : undefined;
  problems.throwIfAny();
  if (!store.exists(name as string)) throw pipelineNotFound(caller, name as string);
  const stage = stagesOf(name as string).find((candidate) => candidate.stageName === stageName);
  if (!stage) {
    throw new SimError('StageNotFoundException', `Stage '${stageName}' not found in pipeline '${name}'`);
  }
  if (stage.actionName !== actionName) {
    throw new SimError(
      'ActionNotFoundException',
      `Action '${actionName}' not found in stage '${stageName}' of pipeline '${name}'`,
    );
  }
  const now = context.clock.now();
  const execution = executionsOf(call, name as string).find(
    (candidate) => candidate.approval?.token === token && candidate.approval?.stageName === stageName,
  );
  const approval = execution?.approval;
  if (!execution || !approval || now < approval.reachedAt) {
    throw new SimError('InvalidApprovalTokenException', `Approval token '${token}' is not valid`);
  }
  if (approval.answer) {
    throw new SimError(
      'ApprovalAlreadyCompletedException',
      `Approval for action '${actionName}' has already been ${approval.answer.status.toLowerCase()}`,
    );
  }
  approval.answer = {
    status: status as 'Approved' | 'Rejected',
    summary: summary as string,
    at: now,
    by: caller.assumedRoleArn ?? `arn:aws:iam::${caller.accountId}:root`,
  };
  execution.endsAt = status === 'Approved' ? endAfterApproval(context.clock, now) : now;
  return { approvedAt: seconds(now) };
}
