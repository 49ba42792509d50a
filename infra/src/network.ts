import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { CairnEnvironment } from './environments';

/**
 * Three tiers over two AZs: the load balancer in public subnets, the ECS tasks in private subnets
 * with NAT egress (they call AWS APIs and webhooks), and the database in isolated subnets with no
 * route out at all.
 */
export function createNetwork(scope: Construct, environment: CairnEnvironment): ec2.Vpc {
  return new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: environment.natGateways,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
}
