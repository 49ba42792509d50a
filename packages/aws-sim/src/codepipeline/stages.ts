import type { SimClock } from '../core/clock';

/** Seconds an execution spends in its Source stage before the next stage starts. */
export const SOURCE_SECONDS = 5;
/** Seconds from start to end for a pipeline that waits for no one. */
export const EXECUTION_SECONDS = 30;
/** A pipeline whose name holds this waits at a manual approval action between Source and Deploy. */
export const APPROVAL_MARKER = 'approval';
export const APPROVAL_STAGE = 'Approval';
export const APPROVAL_ACTION = 'ApproveRelease';
/** Far enough in the future to mean "not until someone answers", and still plain JSON when persisted. */
export const WAITING = Number.MAX_SAFE_INTEGER;

export interface ApprovalAnswer {
  status: 'Approved' | 'Rejected';
  summary: string;
  at: number;
  /** Who answered, as CodePipeline reports it in `lastUpdatedBy`. */
  by: string;
}

/** The manual approval action an execution of an approval pipeline stops at. */
export interface ManualApproval {
  stageName: string;
  actionName: string;
  /** Made when the execution starts; valid for PutApprovalResult once the action is reached. */
  token: string;
  reachedAt: number;
  answer?: ApprovalAnswer;
}

export interface StageLayout {
  stageName: string;
  actionName: string;
}

/** What one execution shows for one stage at a moment; absent while it has not entered the stage. */
export interface StageView {
  status: 'InProgress' | 'Succeeded' | 'Failed';
  enteredAt: number;
  lastStatusChange: number;
  summary?: string;
  token?: string;
  lastUpdatedBy?: string;
}

interface Timed {
  startedAt: number;
  endsAt: number;
  willFail: boolean;
  approval?: ManualApproval;
}

export function hasApprovalStage(pipelineName: string): boolean {
  return pipelineName.toLowerCase().includes(APPROVAL_MARKER);
}

export function stagesOf(pipelineName: string): StageLayout[] {
  return [
    { stageName: 'Source', actionName: 'Source' },
    ...(hasApprovalStage(pipelineName) ? [{ stageName: APPROVAL_STAGE, actionName: APPROVAL_ACTION }] : []),
    { stageName: 'Deploy', actionName: 'Deploy' },
  ];
}

/** When the Deploy stage of an execution that was approved at `approvedAt` ends. */
export function endAfterApproval(clock: SimClock, approvedAt: number): number {
  return clock.after(EXECUTION_SECONDS - SOURCE_SECONDS, approvedAt);
}

function approvedAt(approval: ManualApproval): number | undefined {
  return approval.answer?.status === 'Approved' ? approval.answer.at : undefined;
}

/** One stage of one execution at `now`, derived from timestamps like every other sim lifecycle. */
export function viewStage(
  clock: SimClock,
  execution: Timed,
  stageName: string,
  now: number,
): StageView | undefined {
  const sourceEnd = clock.after(SOURCE_SECONDS, execution.startedAt);
  const { approval } = execution;
  if (stageName === 'Source') {
    return now < sourceEnd
      ? { status: 'InProgress', enteredAt: execution.startedAt, lastStatusChange: execution.startedAt }
      : { status: 'Succeeded', enteredAt: execution.startedAt, lastStatusChange: sourceEnd };
  }
  if (approval && stageName === approval.stageName) {
    if (now < approval.reachedAt) return undefined;
    const { answer } = approval;
    if (!answer || now < answer.at) {
      return {
        status: 'InProgress',
        enteredAt: approval.reachedAt,
        lastStatusChange: approval.reachedAt,
        token: approval.token,
      };
    }
    return {
      status: answer.status === 'Approved' ? 'Succeeded' : 'Failed',
      enteredAt: approval.reachedAt,
      lastStatusChange: answer.at,
      summary: answer.summary,
      lastUpdatedBy: answer.by,
    };
  }
  if (stageName === 'Deploy') {
    // Behind an approval, Deploy starts when (and only if) someone approves.
    const enteredAt = approval ? approvedAt(approval) : sourceEnd;
    if (enteredAt === undefined || now < enteredAt) return undefined;
    if (now < execution.endsAt) return { status: 'InProgress', enteredAt, lastStatusChange: enteredAt };
    return execution.willFail
      ? {
          status: 'Failed',
          enteredAt,
          lastStatusChange: execution.endsAt,
          summary: 'The stage reported an error.',
        }
      : { status: 'Succeeded', enteredAt, lastStatusChange: execution.endsAt };
  }
  return undefined;
}
