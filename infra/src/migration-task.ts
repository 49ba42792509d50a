import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { MIGRATE_COMMAND } from './container-commands';
import type { CairnDatabase } from './database';
import type { CairnEnvironment } from './environments';

/**
 * A one-off task (no service) that applies pending Prisma migrations with the worker image. An
 * upgrade runs it with `aws ecs run-task` and waits for exit code 0 before the services move to
 * the new image (docs/deployment.md, "Upgrading").
 */
export class MigrationTask extends Construct {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The task runs in this group; the database admits it like the services. */
  readonly securityGroup: ec2.SecurityGroup;

  constructor(
    scope: Construct,
    id: string,
    props: {
      vpc: ec2.IVpc;
      environment: CairnEnvironment;
      image: ecs.ContainerImage;
      database: CairnDatabase;
    },
  ) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.environment.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', { cpu: 256, memoryLimitMiB: 1024 });
    this.taskDefinition.addContainer('migrate', {
      image: props.image,
      entryPoint: ['sh', '-c'],
      command: [MIGRATE_COMMAND],
      environment: { ...props.database.containerEnvironment, NODE_ENV: 'production' },
      secrets: props.database.containerSecrets,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'migrate', logGroup }),
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Cairn one-off migration task',
    });
  }
}
