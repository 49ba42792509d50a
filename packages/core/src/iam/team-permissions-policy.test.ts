import { describe, expect, it } from 'vitest';
import { policyActions } from './policy-document';
import { ecrRepositoryArn, s3Bucket, teamPermissionsPolicy } from './team-permissions-policy';
import { WORKER_AWS_CALLS } from './worker-aws-calls';

const input = {
  partition: 'aws',
  accountId: '222222222222',
  region: 'eu-west-1',
  teamTag: 'fraud',
  executionRoleArns: ['arn:aws:iam::222222222222:role/cairn-team-fraud'],
  sageMakerPipelineNames: ['fraud-train'],
  codePipelineNames: ['fraud-release'],
  imageRepositoryArns: ['arn:aws:ecr:eu-west-1:222222222222:repository/scorer'],
  readBuckets: ['fraud-models'],
  writeBuckets: ['fraud-scores'],
};
const policy = teamPermissionsPolicy(input);
const statement = (sid: string) => policy.Statement.find((s) => s.Sid === sid);

describe('team permissions policy', () => {
  it('grants every IAM action the worker needs for the AWS calls it makes', () => {
    const granted = new Set(policyActions(policy));
    const needed = WORKER_AWS_CALLS.flatMap((call) => call.iamActions);
    expect(needed.filter((action) => !granted.has(action))).toEqual([]);
  });

  it('never grants a wildcard action', () => {
    for (const action of policyActions(policy)) {
      expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    }
  });

  it("scopes SageMaker to Cairn's resource names in the team's account and region", () => {
    expect(statement('ManageCairnResources')?.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:222222222222:model/cairn-*',
      'arn:aws:sagemaker:eu-west-1:222222222222:endpoint-config/cairn-*',
      'arn:aws:sagemaker:eu-west-1:222222222222:endpoint/cairn-*',
      'arn:aws:sagemaker:eu-west-1:222222222222:transform-job/cairn-*',
      'arn:aws:sagemaker:eu-west-1:222222222222:model-package-group/cairn-*',
      'arn:aws:sagemaker:eu-west-1:222222222222:model-package/cairn-*/*',
    ]);
  });

  it("creates only with the team's and a deployment's tags, and package groups only with the team's tag", () => {
    expect(statement('CreateTaggedCairnResources')?.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/cairn:team': 'fraud' },
      Null: { 'aws:RequestTag/cairn:deployment': 'false' },
    });
    expect(statement('CreateTeamModelPackageGroups')?.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/cairn:team': 'fraud' },
    });
  });

  it('passes only the execution roles, and only to SageMaker', () => {
    expect(statement('PassExecutionRoleToSageMaker')).toMatchObject({
      Resource: ['arn:aws:iam::222222222222:role/cairn-team-fraud'],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
  });

  it('runs only the pipelines the team registered', () => {
    expect(statement('RunTeamCodePipelines')?.Resource).toEqual([
      'arn:aws:codepipeline:eu-west-1:222222222222:fraud-release',
      'arn:aws:codepipeline:eu-west-1:222222222222:fraud-release/*',
    ]);
    expect(statement('RunTeamSageMakerPipelines')?.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:222222222222:pipeline/fraud-train',
      'arn:aws:sagemaker:eu-west-1:222222222222:pipeline/fraud-train/execution/*',
    ]);
  });

  it('leaves out pipeline, image and bucket grants the team has nothing for', () => {
    const bare = teamPermissionsPolicy({
      ...input,
      sageMakerPipelineNames: [],
      codePipelineNames: [],
      imageRepositoryArns: [],
      readBuckets: [],
      writeBuckets: [],
      executionRoleArns: [],
    });
    const sids = bare.Statement.map((s) => s.Sid);
    for (const sid of [
      'RunTeamSageMakerPipelines',
      'RunTeamCodePipelines',
      'PullModelImages',
      'ReadModelArtifactsAndInputs',
      'WriteInferenceResults',
      'PassExecutionRoleToSageMaker',
    ]) {
      expect(sids).not.toContain(sid);
    }
  });

  it('reads repositories from ECR image URIs and buckets from S3 locations', () => {
    expect(ecrRepositoryArn('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/scorer:1.2', 'aws')).toBe(
      'arn:aws:ecr:us-east-1:123456789012:repository/team/scorer',
    );
    expect(ecrRepositoryArn('docker.io/library/python:3.12', 'aws')).toBeNull();
    expect(s3Bucket('s3://fraud-models/runs/7/model.tar.gz')).toBe('fraud-models');
    expect(s3Bucket('https://example.com/model.tar.gz')).toBeNull();
  });
});
