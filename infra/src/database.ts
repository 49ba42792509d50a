import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { CairnEnvironment } from './environments';

export const DATABASE_NAME = 'cairn';

// ECS injects single secret fields but cannot build a URL from them, so each container composes
// DATABASE_URL at start. RDS generated passwords exclude URL-special characters, so no escaping.
// RDS 16 forces TLS; node-postgres reads sslmode=require as verify-full, and the RDS CA is not in
// Node's trust store, so encrypt without verifying until the image ships the RDS CA bundle.
export const WITH_DATABASE_URL =
  'export DATABASE_URL="postgresql://$DB_USER:$DB_PASSWORD@$DB_HOST:$DB_PORT/$DB_NAME?sslmode=no-verify" &&';

/** Postgres on RDS: encrypted, backed up, in isolated subnets, reachable only from the services. */
export class CairnDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly secret: secretsmanager.ISecret;
  /** Host, port and name for a container; the credentials come from `containerSecrets`. */
  readonly containerEnvironment: Record<string, string>;
  readonly containerSecrets: Record<string, ecs.Secret>;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc; environment: CairnEnvironment }) {
    super(scope, id);
    const { database } = props.environment;
    // No ingress until a service is allowed in: `allowFrom` below is the only way through.
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Cairn Postgres: only the Cairn ECS tasks connect',
      allowAllOutbound: false,
    });
    const instanceIdentifier = `cairn-${props.environment.name}`;
    // Created here, with retention, before RDS would create it without any.
    const logGroup = new logs.LogGroup(this, 'PostgresLogs', {
      logGroupName: `/aws/rds/instance/${instanceIdentifier}/postgresql`,
      retention: props.environment.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: new ec2.InstanceType(database.instanceType),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      credentials: rds.Credentials.fromGeneratedSecret('cairn'),
      databaseName: DATABASE_NAME,
      publiclyAccessible: false,
      storageEncrypted: true,
      storageType: rds.StorageType.GP3,
      allocatedStorage: database.allocatedStorageGiB,
      maxAllocatedStorage: database.maxAllocatedStorageGiB,
      multiAz: database.multiAz,
      backupRetention: Duration.days(database.backupRetentionDays),
      preferredBackupWindow: '02:00-03:00',
      copyTagsToSnapshot: true,
      deletionProtection: database.isDeletionProtected,
      removalPolicy: database.removalPolicy,
      instanceIdentifier: instanceIdentifier,
      cloudwatchLogsExports: ['postgresql'],
      autoMinorVersionUpgrade: true,
    });
    this.instance.node.addDependency(logGroup);
    this.secret = this.instance.secret!;
    // A kept database needs its password kept too; a secret has no snapshot, so it is retained.
    this.secret.applyRemovalPolicy(
      database.removalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    );
    this.containerEnvironment = {
      DB_HOST: this.instance.dbInstanceEndpointAddress,
      DB_PORT: this.instance.dbInstanceEndpointPort,
      DB_NAME: DATABASE_NAME,
    };
    this.containerSecrets = {
      DB_USER: ecs.Secret.fromSecretsManager(this.secret, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(this.secret, 'password'),
    };
  }

  /** Lets one service (or one-off task) reach Postgres; nothing else can. */
  allowFrom(peer: ec2.IConnectable, description: string): void {
    this.instance.connections.allowDefaultPortFrom(peer, description);
  }
}
