import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CairnStack } from './cairn-stack';

let template: Template;
beforeAll(() => {
  const app = new App();
  template = Template.fromStack(new CairnStack(app, 'Test', { imageUri: 'example.com/cairn:test' }));
});

describe('CairnStack', () => {
  it('runs Postgres 16 on a private, encrypted RDS instance', () => {
    template.resourceCountIs('AWS::RDS::DBInstance', 1);
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: Match.stringLikeRegexp('^16'),
      PubliclyAccessible: false,
      StorageEncrypted: true,
    });
  });

  it('runs web and worker as two Fargate services from one image', () => {
    template.resourceCountIs('AWS::ECS::Service', 2);
    const definitions = template.findResources('AWS::ECS::TaskDefinition');
    const images = Object.values(definitions).flatMap((definition) =>
      definition.Properties.ContainerDefinitions.map((container: { Image: unknown }) => container.Image),
    );
    expect(images).toEqual(['example.com/cairn:test', 'example.com/cairn:test']);
  });

  it('checks web health on /api/health behind the load balancer', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/api/health',
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [Match.objectLike({ ContainerName: 'web', ContainerPort: 3000 })],
    });
  });

  it('gives DATABASE_URL and NEXTAUTH_SECRET to web from Secrets Manager, not plain text', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'web',
          Command: [Match.stringLikeRegexp('DATABASE_URL=')],
          Secrets: Match.arrayWith([
            Match.objectLike({ Name: 'DB_PASSWORD' }),
            Match.objectLike({ Name: 'NEXTAUTH_SECRET' }),
          ]),
        }),
      ]),
    });
  });

  it('lets the worker assume, tag and set the source identity of team roles only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AssumeTeamRoles',
            Effect: 'Allow',
            Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
            Resource: 'arn:aws:iam::*:role/cairn-team-*',
          },
        ]),
      },
    });
  });
});
