import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AuditSigningKey } from './audit-signing-key';
import { CairnDatabase } from './database';
import type { CairnEnvironment } from './environments';
import { AwsEventsQueue } from './events';
import { MigrationTask } from './migration-task';
import { createNetwork } from './network';
import { createWebService } from './web-service';
import { WorkerService } from './worker-service';

export { TEAM_ROLE_ARN_PATTERN } from './worker-service';

export interface CairnStackProps extends StackProps {
  environment: CairnEnvironment;
  /** Values known at synth time (`-c webImage=...`); each one absent becomes a stack parameter. */
  webImage?: string | undefined;
  workerImage?: string | undefined;
  /** The image of the one-off migration task; the worker image unless an upgrade migrates first. */
  migrationImage?: string | undefined;
  /** Scales web and worker to zero: the first deploy, before the migration task has run. */
  isPaused?: boolean | undefined;
  certificateArn?: string | undefined;
  domainName?: string | undefined;
  /** An existing secret (JSON: issuer, clientId, clientSecret) enabling OIDC sign-in. */
  oidcSecretArn?: string | undefined;
  /** Comma-separated verified emails that become org admins when they sign in (the first admins). */
  orgAdminEmails?: string | undefined;
}

/**
 * A production install of Cairn: VPC, RDS Postgres, web and worker on ECS Fargate, the AWS events
 * queue, the audit signing key and the one-off migration task, sized by the environment.
 */
export class CairnStack extends Stack {
  constructor(scope: Construct, id: string, props: CairnStackProps) {
    super(scope, id, props);
    const environment: CairnEnvironment = props.isPaused
      ? {
          ...props.environment,
          web: { ...props.environment.web, minCount: 0 },
          worker: { ...props.environment.worker, minCount: 0 },
        }
      : props.environment;
    const value = (given: string | undefined, name: string, description: string) =>
      given ?? new CfnParameter(this, name, { type: 'String', description }).valueAsString;
    const webImage = value(
      props.webImage,
      'WebImageUri',
      'Web image (apps/web/Dockerfile), e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/cairn-web:1.4.0',
    );
    const workerImage = value(
      props.workerImage,
      'WorkerImageUri',
      'Worker image (packages/worker/Dockerfile); also runs the migration task',
    );
    const certificateArn = value(
      props.certificateArn,
      'CertificateArn',
      'ACM certificate ARN for the HTTPS listener (covers DomainName)',
    );
    const domainName = value(props.domainName, 'DomainName', 'Host name users open, e.g. cairn.example.com');

    const vpc = createNetwork(this, environment);
    const database = new CairnDatabase(this, 'Database', { vpc, environment });
    const nextAuthSecret = new secretsmanager.Secret(this, 'NextAuthSecret', {
      description: `Cairn ${environment.name}: NEXTAUTH_SECRET (session signing key)`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    const oidcSecret = props.oidcSecretArn
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'OidcSecret', props.oidcSecretArn)
      : undefined;
    const auditSigningKey = new AuditSigningKey(this, 'AuditSigningKey', { environment });
    const awsEvents = new AwsEventsQueue(this, 'AwsEvents');

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const workerImageRef = ecs.ContainerImage.fromRegistry(workerImage);
    const worker = new WorkerService(this, 'Worker', {
      cluster,
      environment,
      image: workerImageRef,
      database,
      eventsQueue: awsEvents.queue,
      auditSigningKey,
    });
    const web = createWebService(this, {
      cluster,
      environment,
      image: ecs.ContainerImage.fromRegistry(webImage),
      certificateArn,
      domainName,
      database,
      nextAuthSecret,
      oidcSecret,
      auditPublicKeyPem: auditSigningKey.publicKeyPem,
      workerRoleArn: worker.taskDefinition.taskRole.roleArn,
      orgAdminEmails: props.orgAdminEmails,
    });
    const migration = new MigrationTask(this, 'Migration', {
      vpc,
      environment,
      image: props.migrationImage ? ecs.ContainerImage.fromRegistry(props.migrationImage) : workerImageRef,
      database,
    });

    database.allowFrom(web.service, 'web to Postgres');
    database.allowFrom(worker.service, 'worker to Postgres');
    database.allowFrom(migration.securityGroup, 'migration task to Postgres');

    const subnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
    new CfnOutput(this, 'Url', { value: `https://${domainName}` });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      description: 'Point DomainName at this (CNAME or alias)',
      value: web.loadBalancer.loadBalancerDnsName,
    });
    new CfnOutput(this, 'WorkerRoleArn', {
      description: "Every team role trusts this role (CairnTeamRole's workerRoleArn)",
      value: worker.taskDefinition.taskRole.roleArn,
    });
    new CfnOutput(this, 'AuditVerifyPublicKey', { value: auditSigningKey.publicKeyPem });
    new CfnOutput(this, 'DatabaseSecretArn', { value: database.secret.secretArn });
    new CfnOutput(this, 'EventsQueueUrl', { value: awsEvents.queue.queueUrl });
    new CfnOutput(this, 'EventsDeadLetterQueueUrl', { value: awsEvents.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
    new CfnOutput(this, 'MigrationTaskDefinitionArn', { value: migration.taskDefinition.taskDefinitionArn });
    new CfnOutput(this, 'MigrationRunTaskNetwork', {
      description: 'The --network-configuration for aws ecs run-task of the migration task',
      value: `awsvpcConfiguration={subnets=[${subnets.join(',')}],securityGroups=[${migration.securityGroup.securityGroupId}],assignPublicIp=DISABLED}`,
    });
  }
}
