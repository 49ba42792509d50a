import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

export interface CairnStackProps extends StackProps {
  /** The one image both services run; when absent the stack takes an `ImageUri` parameter. */
  imageUri?: string;
}

/** IAM roles the worker may assume, one per team; the name prefix is the install's contract. */
export const TEAM_ROLE_ARN_PATTERN = 'arn:aws:iam::*:role/cairn-team-*';
const DATABASE_NAME = 'cairn';
const WEB_PORT = 3000;

// ECS can inject single secret fields but not build a URL from them, so the container composes
// DATABASE_URL at start. RDS generated passwords exclude URL-special characters, so no escaping.
// RDS 16 forces TLS; node-postgres reads sslmode=require as verify-full, and the RDS CA is not in
// Node's trust store, so encrypt without verifying until the image ships the RDS CA bundle.
const WITH_DATABASE_URL =
  'export DATABASE_URL="postgresql://$DB_USER:$DB_PASSWORD@$DB_HOST:$DB_PORT/$DB_NAME?sslmode=no-verify" && exec';

export class CairnStack extends Stack {
  constructor(scope: Construct, id: string, props: CairnStackProps = {}) {
    super(scope, id, props);

    const imageUri =
      props.imageUri ??
      new CfnParameter(this, 'ImageUri', {
        type: 'String',
        description:
          'Container image for web and worker, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/cairn:1.0.0',
      }).valueAsString;
    const image = ecs.ContainerImage.fromRegistry(imageUri);

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      // One NAT keeps a small install cheap; raise it for AZ-independent egress.
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });

    const database = new rds.DatabaseInstance(this, 'Database', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromGeneratedSecret('cairn'),
      databaseName: DATABASE_NAME,
      publiclyAccessible: false,
      storageEncrypted: true,
      allocatedStorage: 50,
      maxAllocatedStorage: 500,
      backupRetention: Duration.days(7),
      // The audit trail lives here: never drop it with the stack.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    const databaseSecret = database.secret!;

    const nextAuthSecret = new secretsmanager.Secret(this, 'NextAuthSecret', {
      description: 'Cairn NEXTAUTH_SECRET (session signing key)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const databaseEnvironment = {
      DB_HOST: database.dbInstanceEndpointAddress,
      DB_PORT: database.dbInstanceEndpointPort,
      DB_NAME: DATABASE_NAME,
    };
    const databaseSecrets = {
      DB_USER: ecs.Secret.fromSecretsManager(databaseSecret, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(databaseSecret, 'password'),
    };

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    const web = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Web', {
      cluster,
      serviceName: 'web',
      desiredCount: 2,
      minHealthyPercent: 100,
      cpu: 512,
      memoryLimitMiB: 1024,
      publicLoadBalancer: true,
      taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
      taskImageOptions: {
        image,
        containerName: 'web',
        containerPort: WEB_PORT,
        entryPoint: ['sh', '-c'],
        command: [
          `cd apps/web && ${WITH_DATABASE_URL} node node_modules/next/dist/bin/next start --port 3000`,
        ],
        environment: { ...databaseEnvironment, CAIRN_MODE: 'production', PORT: String(WEB_PORT) },
        secrets: { ...databaseSecrets, NEXTAUTH_SECRET: ecs.Secret.fromSecretsManager(nextAuthSecret) },
        logDriver: ecs.LogDrivers.awsLogs({
          streamPrefix: 'web',
          logRetention: logs.RetentionDays.ONE_MONTH,
        }),
      },
    });
    web.targetGroup.configureHealthCheck({ path: '/api/health', healthyHttpCodes: '200' });
    web.taskDefinition.defaultContainer?.addEnvironment(
      'NEXTAUTH_URL',
      `http://${web.loadBalancer.loadBalancerDnsName}`,
    );

    const workerTask = new ecs.FargateTaskDefinition(this, 'WorkerTask', { cpu: 512, memoryLimitMiB: 1024 });
    workerTask.addContainer('worker', {
      image,
      entryPoint: ['sh', '-c'],
      // The image is the workspace checkout (a later issue adds the Dockerfile); tsx resolves from the package.
      command: [`cd packages/worker && ${WITH_DATABASE_URL} node --import tsx src/main.ts`],
      environment: { ...databaseEnvironment, AWS_REGION: this.region },
      secrets: databaseSecrets,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker', logRetention: logs.RetentionDays.ONE_MONTH }),
    });
    // Only the worker talks to AWS, and only through the team roles it assumes.
    workerTask.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeTeamRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        resources: [TEAM_ROLE_ARN_PATTERN],
      }),
    );
    const worker = new ecs.FargateService(this, 'Worker', {
      cluster,
      serviceName: 'worker',
      taskDefinition: workerTask,
      desiredCount: 1,
      // Start the new worker before stopping the old one; pg-boss claims are safe with two.
      minHealthyPercent: 100,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
    });

    database.connections.allowDefaultPortFrom(web.service, 'web to Postgres');
    database.connections.allowDefaultPortFrom(worker, 'worker to Postgres');

    new CfnOutput(this, 'Url', { value: `http://${web.loadBalancer.loadBalancerDnsName}` });
    new CfnOutput(this, 'DatabaseSecretArn', { value: databaseSecret.secretArn });
  }
}
