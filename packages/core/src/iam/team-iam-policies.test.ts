import { describe, expect, it } from 'vitest';
import { teamIamPolicies } from './team-iam-policies';
import { EXTERNAL_ID_PLACEHOLDER, WORKER_ROLE_PLACEHOLDER } from './team-trust-policy';

const facts = {
  teamSlug: 'fraud',
  iamRoleArn: 'arn:aws:iam::222222222222:role/cairn-team-fraud',
  iamExternalId: 'cairn-7f3a',
  regions: ['eu-west-1'],
  roleArnOverrides: ['arn:aws:iam::333333333333:role/cairn-fraud-prod'],
  sageMakerPipelineNames: [],
  codePipelineNames: [],
  imageUris: ['222222222222.dkr.ecr.eu-west-1.amazonaws.com/scorer:1', 'python:3.12'],
  readS3Uris: ['s3://fraud-models/m.tar.gz', 'not-s3'],
  writeS3Uris: [],
  workerRoleArn: 'arn:aws:iam::111111111111:role/cairn-worker',
};

describe('team IAM policies', () => {
  it("takes the account and partition from the team's role and one region when there is one", () => {
    const { permissionsPolicy, trustPolicy, missing } = teamIamPolicies(facts);
    expect(missing).toEqual([]);
    expect(JSON.stringify(permissionsPolicy)).toContain(
      'arn:aws:sagemaker:eu-west-1:222222222222:endpoint/cairn-*',
    );
    expect(trustPolicy.Statement[1]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '222222222222' },
    });
    const pass = permissionsPolicy.Statement.find((s) => s.Sid === 'PassExecutionRoleToSageMaker');
    expect(pass?.Resource).toEqual([facts.iamRoleArn, ...facts.roleArnOverrides]);
  });

  it('widens the region when environments live in several', () => {
    const { permissionsPolicy } = teamIamPolicies({ ...facts, regions: ['eu-west-1', 'us-east-1'] });
    expect(JSON.stringify(permissionsPolicy)).toContain('arn:aws:sagemaker:*:222222222222:endpoint/cairn-*');
  });

  it('shows placeholders and says what is missing when the install or the team is not set up', () => {
    const { trustPolicy, missing } = teamIamPolicies({
      ...facts,
      workerRoleArn: null,
      iamExternalId: null,
      iamRoleArn: null,
    });
    expect(missing).toEqual(['workerRoleArn', 'iamExternalId', 'iamRoleArn']);
    expect(trustPolicy.Statement[0]).toMatchObject({
      Principal: { AWS: WORKER_ROLE_PLACEHOLDER },
      Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID_PLACEHOLDER } },
    });
  });
});
