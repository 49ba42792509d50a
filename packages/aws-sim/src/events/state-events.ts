import { randomUUID } from 'node:crypto';
import type { CodePipelineStore } from '../codepipeline/executions';
import type { SageMakerStore } from '../sagemaker/store';

/** An event as EventBridge delivers it to an SQS target: the envelope with the service's detail. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: 'aws.sagemaker' | 'aws.codepipeline';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** One resource's state as an observer sees it; a new `state` under the same `key` is a change to announce. */
export interface ObservedState {
  key: string;
  state: string;
  /** When the resource entered this state (the transition's time, not the moment it was noticed). */
  at: number;
  /** `previous`: the state the observer last saw under this key, if any. */
  toEvent(previous: string | undefined): EventBridgeEvent;
}

const ARN_PARTS = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\d{12}):/;

function envelope(
  source: EventBridgeEvent['source'],
  detailType: string,
  arn: string,
  at: number,
  detail: Record<string, unknown>,
): EventBridgeEvent {
  const [, region = 'us-east-1', account = '000000000000'] = ARN_PARTS.exec(arn) ?? [];
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account,
    // EventBridge writes whole seconds.
    time: `${new Date(at).toISOString().slice(0, 19)}Z`,
    region,
    resources: [arn],
    detail,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function endpointStates(store: SageMakerStore): ObservedState[] {
  return [...store.endpoints.values()].map((endpoint) => ({
    key: endpoint.arn,
    state: endpoint.status,
    at: endpoint.lastModifiedAt,
    toEvent: () =>
      envelope('aws.sagemaker', 'SageMaker Endpoint State Change', endpoint.arn, endpoint.lastModifiedAt, {
        EndpointName: endpoint.name,
        EndpointArn: endpoint.arn,
        EndpointConfigName: endpoint.configName,
        EndpointStatus: toEventStatus(endpoint.status),
        ...(endpoint.failureReason ? { FailureReason: endpoint.failureReason } : {}),
        CreationTime: endpoint.createdAt,
        LastModifiedTime: endpoint.lastModifiedAt,
        Tags: {},
      }),
  }));
}

/** Endpoint events spell states in upper snake case (IN_SERVICE, ROLLING_BACK), unlike DescribeEndpoint. */
function toEventStatus(status: string): string {
  return status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function packageStates(store: SageMakerStore): ObservedState[] {
  return [...store.packages.values()].map((item) => ({
    key: item.arn,
    state: item.approvalStatus,
    at: item.lastModifiedAt,
    toEvent: () =>
      envelope('aws.sagemaker', 'SageMaker Model Package State Change', item.arn, item.lastModifiedAt, {
        ModelPackageGroupName: item.groupName,
        ModelPackageVersion: item.version,
        ModelPackageArn: item.arn,
        ModelPackageName: `${item.groupName}/${item.version}`,
        CreationTime: item.createdAt,
        ModelPackageStatus: 'Completed',
        ModelApprovalStatus: item.approvalStatus,
        ...(item.approvalDescription ? { ApprovalDescription: item.approvalDescription } : {}),
        LastModifiedTime: item.lastModifiedAt,
      }),
  }));
}

function pipelineExecutionStates(store: SageMakerStore): ObservedState[] {
  return [...store.executions.values()].map((execution) => {
    const at = execution.status === 'Executing' ? execution.createdAt : execution.endsAt;
    return {
      key: execution.arn,
      state: execution.status,
      at,
      toEvent: (previous) =>
        envelope(
          'aws.sagemaker',
          'SageMaker Model Building Pipeline Execution Status Change',
          execution.arn,
          at,
          {
            pipelineExecutionDisplayName: execution.displayName ?? `execution-${execution.createdAt}`,
            currentPipelineExecutionStatus: execution.status,
            ...(previous ? { previousPipelineExecutionStatus: previous } : {}),
            executionStartTime: iso(execution.createdAt),
            ...(execution.status === 'Executing' ? {} : { executionEndTime: iso(execution.endsAt) }),
            pipelineArn: execution.pipelineArn,
            pipelineExecutionArn: execution.arn,
          },
        ),
    };
  });
}

const CODEPIPELINE_STATES = { InProgress: 'STARTED', Succeeded: 'SUCCEEDED', Failed: 'FAILED' } as const;

function codePipelineStates(store: CodePipelineStore): ObservedState[] {
  return [...store.executions.values()].map((execution) => {
    const status = store.status(execution);
    const arn = `arn:aws:codepipeline:${execution.region}:${execution.createdBy.accountId}:${execution.pipelineName}`;
    const answer = execution.approval?.answer;
    const at =
      status === 'InProgress'
        ? execution.startedAt
        : answer?.status === 'Rejected'
          ? answer.at
          : execution.endsAt;
    return {
      key: `${arn}/${execution.id}`,
      state: status,
      at,
      toEvent: () =>
        envelope('aws.codepipeline', 'CodePipeline Pipeline Execution State Change', arn, at, {
          pipeline: execution.pipelineName,
          'execution-id': execution.id,
          'execution-trigger': { 'trigger-type': 'StartPipelineExecution', 'trigger-detail': '' },
          state: CODEPIPELINE_STATES[status],
          version: 1,
          'pipeline-execution-attempt': 1,
        }),
    };
  });
}

/** Every resource whose state changes are announced to EventBridge, as it stands now. */
export function observeStates(sagemaker: SageMakerStore, codepipeline: CodePipelineStore): ObservedState[] {
  return [
    ...endpointStates(sagemaker),
    ...packageStates(sagemaker),
    ...pipelineExecutionStates(sagemaker),
    ...codePipelineStates(codepipeline),
  ];
}
