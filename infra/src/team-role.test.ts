import { policyActions } from '@cairn/core/iam/policy-document';
import { teamPermissionsPolicy } from '@cairn/core/iam/team-permissions-policy';
import { teamTrustPolicy } from '@cairn/core/iam/team-trust-policy';
import { App, Aws, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { CairnTeamRole } from './team-role';

const WORKER_ROLE = 'arn:aws:iam::111111111111:role/cairn-worker';

function synth(extra: Partial<ConstructorParameters<typeof CairnTeamRole>[2]> = {}) {
  const stack = new Stack(new App(), 'TeamFraud', { env: { account: '222222222222', region: 'eu-west-1' } });
  const team = new CairnTeamRole(stack, 'Fraud', {
    teamSlug: 'fraud',
    externalId: 'cairn-7f3a',
    workerRoleArn: WORKER_ROLE,
    codePipelineNames: ['fraud-release'],
    readBuckets: ['fraud-models'],
    ...extra,
  });
  const template = Template.fromStack(stack);
  const [role] = Object.values(template.findResources('AWS::IAM::Role'));
  return { stack, team, template, role: role?.Properties };
}

describe('CairnTeamRole', () => {
  it('trusts only the worker role, with the external id, a source identity and the team tag', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'cairn-team-fraud',
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { AWS: WORKER_ROLE },
            Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
            Condition: {
              StringEquals: { 'sts:ExternalId': 'cairn-7f3a', 'aws:RequestTag/team': 'fraud' },
              StringLike: { 'sts:SourceIdentity': '*' },
            },
          }),
        ]),
      },
    });
  });

  it('grants no wildcard action', () => {
    const { role } = synth();
    const actions = role.Policies.flatMap((policy: { PolicyDocument: Parameters<typeof policyActions>[0] }) =>
      policyActions(policy.PolicyDocument),
    );
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
  });

  it('carries exactly the trust and permissions policies the portal generates', () => {
    const { stack, role } = synth();
    const roleArn = `arn:${Aws.PARTITION}:iam::222222222222:role/cairn-team-fraud`;
    expect(role.AssumeRolePolicyDocument).toEqual(
      stack.resolve(
        teamTrustPolicy({
          workerRoleArn: WORKER_ROLE,
          externalId: 'cairn-7f3a',
          teamTag: 'fraud',
          accountId: '222222222222',
        }),
      ),
    );
    expect(role.Policies).toEqual([
      {
        PolicyName: 'cairn-worker-actions',
        PolicyDocument: stack.resolve(
          teamPermissionsPolicy({
            partition: Aws.PARTITION,
            accountId: '222222222222',
            region: 'eu-west-1',
            teamTag: 'fraud',
            executionRoleArns: [roleArn],
            sageMakerPipelineNames: [],
            codePipelineNames: ['fraud-release'],
            imageRepositoryArns: [],
            readBuckets: ['fraud-models'],
            writeBuckets: [],
          }),
        ),
      },
    ]);
  });

  it('passes only itself to SageMaker, without a dependency on its own ARN attribute', () => {
    const { role } = synth();
    const pass = role.Policies[0].PolicyDocument.Statement.find(
      (statement: { Sid: string }) => statement.Sid === 'PassExecutionRoleToSageMaker',
    );
    expect(pass.Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/cairn-team-fraud']] },
    ]);
    expect(pass.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } });
  });

  it('takes a permission boundary when the account requires one', () => {
    const stack = new Stack(new App(), 'Bounded');
    const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'cairn-boundary');
    new CairnTeamRole(stack, 'Fraud', {
      teamSlug: 'fraud',
      externalId: 'cairn-7f3a',
      workerRoleArn: WORKER_ROLE,
      permissionsBoundary: boundary,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      PermissionsBoundary: Match.anyValue(),
    });
  });

  it('refuses a slug Cairn would not have made, a missing external id or worker role', () => {
    const stack = new Stack(new App(), 'Bad');
    expect(
      () =>
        new CairnTeamRole(stack, 'A', {
          teamSlug: 'Fraud Team',
          externalId: 'x1',
          workerRoleArn: WORKER_ROLE,
        }),
    ).toThrow(/teamSlug/);
    expect(
      () => new CairnTeamRole(stack, 'B', { teamSlug: 'fraud', externalId: '', workerRoleArn: WORKER_ROLE }),
    ).toThrow(/externalId/);
  });
});
