import { describe, expect, it } from 'vitest';
import { parseAwsEvent } from './aws-event';

const event = (source: string, detailType: string, detail: Record<string, unknown>) =>
  JSON.stringify({
    version: '0',
    id: 'b6b6a2c4-7f1e-4a61-9d0e-3f1f7a0c9b11',
    'detail-type': detailType,
    source,
    account: '210987654321',
    time: '2026-12-06T14:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  });

describe('parseAwsEvent', () => {
  it('reads the resource each kind of state change names, with the account and region it happened in', () => {
    expect(
      parseAwsEvent(
        event('aws.sagemaker', 'SageMaker Endpoint State Change', {
          EndpointName: 'cairn-ep-1',
          EndpointStatus: 'IN_SERVICE',
        }),
      ),
    ).toMatchObject({
      outcome: 'event',
      event: { kind: 'endpoint', endpointName: 'cairn-ep-1', account: '210987654321', region: 'eu-west-1' },
    });
    expect(
      parseAwsEvent(
        event('aws.sagemaker', 'SageMaker Model Package State Change', {
          ModelPackageArn: 'arn:aws:sagemaker:eu-west-1:210987654321:model-package/churn/3',
          ModelApprovalStatus: 'Approved',
        }),
      ),
    ).toMatchObject({ event: { kind: 'model-package', approvalStatus: 'Approved' } });
    expect(
      parseAwsEvent(
        event('aws.sagemaker', 'SageMaker Model Building Pipeline Execution Status Change', {
          pipelineExecutionArn: 'arn:aws:sagemaker:eu-west-1:210987654321:pipeline/train/execution/abc',
          currentPipelineExecutionStatus: 'Succeeded',
        }),
      ),
    ).toMatchObject({ event: { kind: 'sagemaker-pipeline-execution', status: 'Succeeded' } });
    expect(
      parseAwsEvent(
        event('aws.codepipeline', 'CodePipeline Pipeline Execution State Change', {
          pipeline: 'cairn-release',
          'execution-id': '0d0e4a54-1c43-4e1c-9d1b-2a0e8b3f4c55',
          state: 'SUCCEEDED',
        }),
      ),
    ).toMatchObject({
      event: { kind: 'codepipeline-execution', pipelineName: 'cairn-release', state: 'SUCCEEDED' },
    });
  });

  it('ignores well-formed events of other kinds and calls broken ones malformed, naming the problem', () => {
    expect(parseAwsEvent(event('aws.sagemaker', 'SageMaker Training Job State Change', {}))).toMatchObject({
      outcome: 'ignored',
      detailType: 'SageMaker Training Job State Change',
    });
    expect(parseAwsEvent('not json')).toEqual({
      outcome: 'malformed',
      problem: 'the message body is not JSON',
    });
    expect(
      parseAwsEvent(
        event('aws.sagemaker', 'SageMaker Endpoint State Change', { EndpointStatus: 'IN_SERVICE' }),
      ),
    ).toMatchObject({ outcome: 'malformed', problem: expect.stringContaining('EndpointName') });
    expect(parseAwsEvent(JSON.stringify({ id: 'x', account: 'nope' }))).toMatchObject({
      outcome: 'malformed',
    });
  });
});
