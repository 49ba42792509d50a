import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as applicationautoscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AuditSigningKey } from './audit-signing-key';
import { WORKER_COMMAND } from './container-commands';
import type { CairnDatabase } from './database';
import type { CairnEnvironment } from './environments';

/** IAM roles the worker may assume, one per team; the name prefix is the install's contract. */
export const TEAM_ROLE_ARN_PATTERN = 'arn:aws:iam::*:role/cairn-team-*';
export const QUEUE_DEPTH_METRIC = 'QueueDepth';

/** The namespace the worker publishes its pg-boss backlog to (`CAIRN_METRICS_NAMESPACE`). */
export function metricsNamespace(environment: CairnEnvironment): string {
  return `Cairn/${environment.name}`;
}

export interface WorkerServiceProps {
  cluster: ecs.ICluster;
  environment: CairnEnvironment;
  image: ecs.ContainerImage;
  database: CairnDatabase;
  eventsQueue: sqs.IQueue;
  auditSigningKey: AuditSigningKey;
}

/**
 * The worker on Fargate: consumes pg-boss jobs and the AWS events queue, assumes the teams' roles,
 * and scales out on whichever backlog is larger.
 */
export class WorkerService extends Construct {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly service: ecs.FargateService;
  /** The work waiting: the larger of the AWS events queue and the pg-boss backlog the worker reports. */
  readonly backlog: cloudwatch.MathExpression;

  constructor(scope: Construct, id: string, props: WorkerServiceProps) {
    super(scope, id);
    const { environment } = props;
    const namespace = metricsNamespace(environment);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: environment.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: environment.worker.cpu,
      memoryLimitMiB: environment.worker.memoryMiB,
    });
    this.taskDefinition.addContainer('worker', {
      image: props.image,
      entryPoint: ['sh', '-c'],
      command: [WORKER_COMMAND],
      environment: {
        ...props.database.containerEnvironment,
        NODE_ENV: 'production',
        AWS_REGION: Stack.of(this).region,
        AWS_EVENTS_QUEUE_URL: props.eventsQueue.queueUrl,
        CAIRN_METRICS_NAMESPACE: namespace,
      },
      secrets: {
        ...props.database.containerSecrets,
        AUDIT_SIGNING_KEY: ecs.Secret.fromSecretsManager(props.auditSigningKey.secret),
      },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker', logGroup }),
      stopTimeout: Duration.seconds(60),
    });
    const role = this.taskDefinition.taskRole;
    // Only the worker talks to AWS, and for a team only through the team's own role. Team roles
    // live in the teams' accounts, so the account is a wildcard; the name prefix is not.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeTeamRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        resources: [TEAM_ROLE_ARN_PATTERN],
      }),
    );
    props.eventsQueue.grantConsumeMessages(role);
    // PutMetricData has no resource-level permissions (AWS requires `*`); the condition keeps the
    // worker to its own namespace.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishBacklogMetric',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': namespace } },
      }),
    );

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: environment.worker.minCount,
      // Start the new worker before stopping the old one; pg-boss claims are safe with two.
      minHealthyPercent: 100,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
    });

    this.backlog = new cloudwatch.MathExpression({
      label: 'Cairn work waiting',
      expression: 'MAX([FILL(events, 0), FILL(jobs, 0)])',
      period: Duration.minutes(1),
      usingMetrics: {
        events: props.eventsQueue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: Duration.minutes(1),
        }),
        jobs: new cloudwatch.Metric({
          namespace,
          metricName: QUEUE_DEPTH_METRIC,
          statistic: 'Maximum',
          period: Duration.minutes(1),
        }),
      },
    });
    this.service
      .autoScaleTaskCount({
        minCapacity: environment.worker.minCount,
        maxCapacity: environment.worker.maxCount,
      })
      .scaleOnMetric('Backlog', {
        metric: this.backlog,
        adjustmentType: applicationautoscaling.AdjustmentType.CHANGE_IN_CAPACITY,
        scalingSteps: [
          { upper: 0, change: -1 },
          { lower: 50, change: +1 },
          { lower: 500, change: +3 },
        ],
        cooldown: Duration.minutes(3),
        evaluationPeriods: 2,
      });
  }
}
