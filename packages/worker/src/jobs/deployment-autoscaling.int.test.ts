import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { applicationAutoScaling, BASE_CREDENTIALS } from '@cairn/aws-sim/testing/sim-clients';
import { deleteDeployment } from '@cairn/services/deployments/delete-deployment';
import { contextFor } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';
import { applyAutoscaling, scalingPolicyName } from './deployment-autoscaling';
import { loadDeploymentTarget, teamAwsFor } from './deployment-aws';
import { scaleFromZeroAlarmName, scaleFromZeroPolicyName } from './deployment-scale-from-zero';
import { deploy, deploymentReaching, statusesOf, teamThatDeploys } from './deployment-test-support';
import { openTeamAws } from './team-aws';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];

beforeAll(async () => {
  stack = await startWorkerTestStack({
    simTimeScale: 0.2,
    reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 300 },
    batchSize: 10,
    localConcurrency: 4,
  });
  ({ t } = stack);
});
afterAll(() => stack.stop());

const AUTOSCALING = {
  minInstances: 2,
  maxInstances: 6,
  targetInvocationsPerInstance: 120,
  scaleInCooldownSeconds: 600,
  scaleOutCooldownSeconds: 30,
};

async function alarmsNamed(alarmName: string) {
  const cloudwatch = new CloudWatchClient({
    endpoint: stack.sim.url,
    region: 'us-east-1',
    credentials: BASE_CREDENTIALS,
    maxAttempts: 1,
  });
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }));
  return MetricAlarms ?? [];
}

async function scalingOf(endpointName: string) {
  const client = applicationAutoScaling(stack.sim);
  const resourceId = `endpoint/${endpointName}/variant/primary`;
  const { ScalableTargets } = await client.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [resourceId] }),
  );
  const { ScalingPolicies } = await client.send(
    new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: resourceId }),
  );
  return { targets: ScalableTargets ?? [], policies: ScalingPolicies ?? [] };
}

describe.concurrent('endpoint autoscaling', () => {
  it('scales a real-time endpoint in service as the wizard asked, and takes the scaling away on delete', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, {
      type: 'REALTIME',
      environment: 'STAGING',
      modelVersionId: v1.id,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 2,
      autoscaling: AUTOSCALING,
    });
    const live = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(live.status).toBe('IN_SERVICE');
    expect(live.events.at(-1)?.detail).toBe(
      'Autoscaling primary: 2-6 instances at 120 invocations per instance per minute',
    );

    const { targets, policies } = await scalingOf(live.awsResourceName);
    expect(targets).toEqual([
      expect.objectContaining({
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        MinCapacity: 2,
        MaxCapacity: 6,
      }),
    ]);
    expect(policies).toEqual([
      expect.objectContaining({
        PolicyName: scalingPolicyName(deployment.id),
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 120,
          PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
          ScaleInCooldown: 600,
          ScaleOutCooldown: 30,
        },
      }),
    ]);
    // A replayed look (the job ran again after AWS answered) puts the same target and policy.
    const target = await loadDeploymentTarget(t.db, deployment.id);
    const aws = openTeamAws(
      stack.deps,
      teamAwsFor(target!, { requestedByUserId: team.engineer.id, requestedByLabel: 'replay' }, 'replay'),
    );
    try {
      expect(await applyAutoscaling(aws, target!)).toBe(live.events.at(-1)?.detail);
    } finally {
      aws.close();
    }
    const replayed = await scalingOf(live.awsResourceName);
    expect(replayed.targets).toHaveLength(1);
    expect(replayed.policies.map((policy) => policy.PolicyARN)).toEqual(
      policies.map((policy) => policy.PolicyARN),
    );

    const audited = await t.db.auditEvent.findMany({
      where: { action: { startsWith: 'aws.application-autoscaling.' }, teamId: team.teamId },
    });
    expect(audited.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        'aws.application-autoscaling.RegisterScalableTarget',
        'aws.application-autoscaling.PutScalingPolicy',
      ]),
    );

    await deleteDeployment(
      { ...contextFor(t.db, team.engineer), queue: stack.producer },
      {
        teamId: team.teamId,
        deploymentId: deployment.id,
        reason: 'traffic moved elsewhere',
        confirmName: live.awsResourceName,
      },
    );
    const deleted = await deploymentReaching(t.db, deployment.id, ['DELETED']);
    expect(statusesOf(deleted.events).slice(-2)).toEqual(['DELETING', 'DELETED']);
    expect(await scalingOf(live.awsResourceName)).toEqual({ targets: [], policies: [] });
  });

  it('lets an asynchronous endpoint that scales to zero go down to no instances', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, {
      type: 'ASYNC',
      environment: 'DEV',
      modelVersionId: v1.id,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      outputS3Uri: 's3://cairn-outputs/video/',
      scalesToZero: true,
      autoscaling: { ...AUTOSCALING, minInstances: 0, maxInstances: 3 },
    });
    const live = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(live.status).toBe('IN_SERVICE');
    const alarmName = scaleFromZeroAlarmName(deployment.id);
    expect(live.events.at(-1)?.detail).toBe(
      `Autoscaling primary: 0-3 instances at 120 invocations per instance per minute; from zero, alarm ${alarmName} on HasBacklogWithoutCapacity adds one instance`,
    );
    const { targets, policies } = await scalingOf(live.awsResourceName);
    expect(targets.map((target) => [target.MinCapacity, target.MaxCapacity])).toEqual([[0, 3]]);
    // Target tracking cannot start from no instances: a step policy run by a backlog alarm does.
    expect(policies.map((policy) => policy.PolicyName).sort()).toEqual(
      [scalingPolicyName(deployment.id), scaleFromZeroPolicyName(deployment.id)].sort(),
    );
    const step = policies.find((policy) => policy.PolicyType === 'StepScaling');
    expect(step).toMatchObject({
      PolicyName: scaleFromZeroPolicyName(deployment.id),
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        Cooldown: 30,
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
    const alarms = await alarmsNamed(alarmName);
    expect(alarms).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/SageMaker',
        MetricName: 'HasBacklogWithoutCapacity',
        Dimensions: [{ Name: 'EndpointName', Value: live.awsResourceName }],
        Statistic: 'Average',
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [step?.PolicyARN],
      }),
    ]);

    await deleteDeployment(
      { ...contextFor(t.db, team.engineer), queue: stack.producer },
      {
        teamId: team.teamId,
        deploymentId: deployment.id,
        reason: 'the video backlog moved to batch',
        confirmName: live.awsResourceName,
      },
    );
    await deploymentReaching(t.db, deployment.id, ['DELETED']);
    expect(await scalingOf(live.awsResourceName)).toEqual({ targets: [], policies: [] });
    expect(await alarmsNamed(alarmName)).toEqual([]);
  });

  it('leaves an endpoint without autoscaling unregistered', async () => {
    const { team, version } = await teamThatDeploys(t.db);
    const v1 = await version(1);
    const deployment = await deploy(stack, team, {
      type: 'REALTIME',
      environment: 'STAGING',
      modelVersionId: v1.id,
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
    });
    const live = await deploymentReaching(t.db, deployment.id, ['IN_SERVICE', 'FAILED']);
    expect(live.status).toBe('IN_SERVICE');
    expect(await scalingOf(live.awsResourceName)).toEqual({ targets: [], policies: [] });
  });
});
