import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Everything that differs between a dev, a staging and a production install. */
export interface CairnEnvironment {
  name: EnvironmentName;
  /** NAT gateways: one keeps a small install cheap; one per AZ keeps egress up when an AZ is down. */
  natGateways: number;
  database: {
    /** RDS instance class without the `db.` prefix, e.g. `t4g.medium`. */
    instanceType: string;
    allocatedStorageGiB: number;
    maxAllocatedStorageGiB: number;
    multiAz: boolean;
    backupRetentionDays: number;
    isDeletionProtected: boolean;
    /** What happens to the instance (and the secrets) when the stack or resource is deleted. */
    removalPolicy: RemovalPolicy;
  };
  web: { cpu: number; memoryMiB: number; minCount: number; maxCount: number };
  worker: { cpu: number; memoryMiB: number; minCount: number; maxCount: number };
  logRetention: logs.RetentionDays;
}

export const ENVIRONMENTS: Record<EnvironmentName, CairnEnvironment> = {
  dev: {
    name: 'dev',
    natGateways: 1,
    database: {
      instanceType: 't4g.micro',
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 50,
      multiAz: false,
      backupRetentionDays: 1,
      isDeletionProtected: false,
      removalPolicy: RemovalPolicy.DESTROY,
    },
    web: { cpu: 256, memoryMiB: 512, minCount: 1, maxCount: 2 },
    worker: { cpu: 256, memoryMiB: 512, minCount: 1, maxCount: 2 },
    logRetention: logs.RetentionDays.ONE_WEEK,
  },
  staging: {
    name: 'staging',
    natGateways: 1,
    database: {
      instanceType: 't4g.medium',
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 200,
      multiAz: false,
      backupRetentionDays: 7,
      isDeletionProtected: false,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    },
    web: { cpu: 512, memoryMiB: 1024, minCount: 1, maxCount: 4 },
    worker: { cpu: 512, memoryMiB: 1024, minCount: 1, maxCount: 4 },
    logRetention: logs.RetentionDays.ONE_MONTH,
  },
  prod: {
    name: 'prod',
    natGateways: 2,
    database: {
      instanceType: 'm7g.large',
      allocatedStorageGiB: 100,
      maxAllocatedStorageGiB: 1000,
      multiAz: true,
      backupRetentionDays: 30,
      // The audit trail lives in this database: never drop it with the stack.
      isDeletionProtected: true,
      removalPolicy: RemovalPolicy.RETAIN,
    },
    web: { cpu: 1024, memoryMiB: 2048, minCount: 2, maxCount: 8 },
    worker: { cpu: 1024, memoryMiB: 2048, minCount: 2, maxCount: 10 },
    logRetention: logs.RetentionDays.ONE_YEAR,
  },
};

/** The environment named by `cdk synth -c env=<name>`; dev when the context is absent. */
export function environmentNamed(name: unknown): CairnEnvironment {
  if (name === undefined || name === null || name === '') return ENVIRONMENTS.dev;
  if (typeof name === 'string' && (ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    return ENVIRONMENTS[name as EnvironmentName];
  }
  throw new Error(`-c env must be one of ${ENVIRONMENT_NAMES.join(', ')}, got '${String(name)}'`);
}
