import { describe, expect, it } from 'vitest';
import { teamTrustPolicy } from './team-trust-policy';

const trust = teamTrustPolicy({
  workerRoleArn: 'arn:aws:iam::111111111111:role/cairn-worker',
  externalId: 'cairn-7f3a',
  teamTag: 'fraud',
  accountId: '222222222222',
});
const [worker, sageMaker] = trust.Statement;

describe('team trust policy', () => {
  it('lets only the worker role assume, tag the session and set the source identity', () => {
    expect(worker?.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:role/cairn-worker' });
    expect(worker?.Action).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession']);
  });

  it("requires the team's external id, its team tag and a source identity", () => {
    expect(worker?.Condition).toEqual({
      StringEquals: { 'sts:ExternalId': 'cairn-7f3a', 'aws:RequestTag/team': 'fraud' },
      StringLike: { 'sts:SourceIdentity': '*' },
    });
  });

  it("lets SageMaker run models under the role only for the role's own account", () => {
    expect(sageMaker).toMatchObject({
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' } },
    });
    expect(trust.Statement).toHaveLength(2);
  });
});
