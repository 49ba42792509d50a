import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_ARN, containers, templateFor, WEB_IMAGE, WORKER_IMAGE } from './synthesize-for-test';

const template = templateFor('prod');

describe('the web service', () => {
  it('serves HTTPS only, with the given certificate and a TLS 1.2+ policy', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: CERTIFICATE_ARN }],
      SslPolicy: Match.stringLikeRegexp('TLS13'),
    });
    const listeners = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::Listener'));
    expect(listeners.map((listener) => listener.Properties.Port).sort()).toEqual([443, 80]);
  });

  it('answers plain HTTP with a permanent redirect to HTTPS and forwards nothing', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
  });

  it('checks liveness on /api/health and signs users in on the https URL', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/api/health',
    });
    const web = containers(template).get('web');
    expect(web?.Image).toBe(WEB_IMAGE);
    expect(web?.Environment).toContainEqual({ Name: 'NEXTAUTH_URL', Value: 'https://cairn.example.com' });
    expect(web?.Environment).toContainEqual({ Name: 'CAIRN_MODE', Value: 'production' });
    expect(web?.Environment).toContainEqual({
      Name: 'CAIRN_ORG_ADMIN_EMAILS',
      Value: 'first-admin@example.com',
    });
    expect(web?.Command?.[0]).toMatch(/exec node \/app\/apps\/web\/server\.js$/);
  });

  it('runs its tasks in private subnets without public addresses', () => {
    const services = Object.values(template.findResources('AWS::ECS::Service'));
    expect(services).toHaveLength(2);
    for (const service of services) {
      const network = service.Properties.NetworkConfiguration.AwsvpcConfiguration;
      expect(network.AssignPublicIp).toBe('DISABLED');
      for (const subnet of network.Subnets) expect(subnet.Ref).toMatch(/^Vpcapp/);
    }
  });
});

describe('the worker service', () => {
  it('runs the worker image and scales in steps on the backlog it waits on', () => {
    expect(containers(template).get('worker')?.Image).toBe(WORKER_IMAGE);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('service/')])]),
      }),
      MinCapacity: 2,
      MaxCapacity: 10,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'MAX([FILL(events, 0), FILL(jobs, 0)])' }),
        Match.objectLike({
          Id: 'events',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({
              MetricName: 'ApproximateNumberOfMessagesVisible',
              Namespace: 'AWS/SQS',
            }),
          }),
        }),
        Match.objectLike({
          Id: 'jobs',
          MetricStat: Match.objectLike({ Metric: { MetricName: 'QueueDepth', Namespace: 'Cairn/prod' } }),
        }),
      ]),
    });
    const stepPolicies = Object.values(
      template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'),
    ).filter((policy) => policy.Properties.PolicyType === 'StepScaling');
    expect(stepPolicies).toHaveLength(2);
  });

  it('tells the worker where its backlog metric goes and may publish only there', () => {
    expect(containers(template).get('worker')?.Environment).toContainEqual({
      Name: 'CAIRN_METRICS_NAMESPACE',
      Value: 'Cairn/prod',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'cloudwatch:PutMetricData',
            Condition: { StringEquals: { 'cloudwatch:namespace': 'Cairn/prod' } },
          }),
        ]),
      },
    });
  });

  it('assumes, tags and sets the source identity of cairn-team-* roles only', () => {
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

  it('is the role the web app tells teams to trust', () => {
    const web = containers(template).get('web');
    expect(web?.Environment).toContainEqual({
      Name: 'CAIRN_WORKER_ROLE_ARN',
      Value: { 'Fn::GetAtt': [expect.stringMatching(/^WorkerTaskTaskRole/), 'Arn'] },
    });
  });
});

describe('the migration task', () => {
  it('applies migrations with the worker image and is no service of its own', () => {
    const migrate = containers(template).get('migrate');
    expect(migrate?.Image).toBe(WORKER_IMAGE);
    expect(migrate?.Command?.[0]).toContain('prisma/build/index.js migrate deploy');
    expect(migrate?.Command?.[0]).toContain('schema-engine-bridge.mjs');
    const services = Object.values(template.findResources('AWS::ECS::Service'));
    const taskDefinitions = services.map((service) => service.Properties.TaskDefinition.Ref);
    expect(taskDefinitions.some((id: string) => id.startsWith('Migration'))).toBe(false);
  });
});
