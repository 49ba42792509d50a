import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { WEB_COMMAND } from './container-commands';
import type { CairnDatabase } from './database';
import type { CairnEnvironment } from './environments';

export const WEB_PORT = 3000;

export interface WebServiceProps {
  cluster: ecs.ICluster;
  environment: CairnEnvironment;
  image: ecs.ContainerImage;
  certificateArn: string;
  /** The host name users open, e.g. `cairn.example.com`; NEXTAUTH_URL is https on it. */
  domainName: string;
  database: CairnDatabase;
  nextAuthSecret: secretsmanager.ISecret;
  /** JSON secret with `issuer`, `clientId`, `clientSecret` for single sign-on; none means no OIDC. */
  oidcSecret?: secretsmanager.ISecret | undefined;
  auditPublicKeyPem: string;
  workerRoleArn: string;
  /** Comma-separated verified emails that become org admins on sign-in: how an install gets its first. */
  orgAdminEmails?: string | undefined;
}

/** The web app on Fargate behind a public ALB that serves HTTPS only (HTTP answers a redirect). */
export function createWebService(scope: Construct, props: WebServiceProps) {
  const { environment } = props;
  const logGroup = new logs.LogGroup(scope, 'WebLogs', {
    retention: environment.logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const oidcSecrets: Record<string, ecs.Secret> = props.oidcSecret
    ? {
        OIDC_ISSUER: ecs.Secret.fromSecretsManager(props.oidcSecret, 'issuer'),
        OIDC_CLIENT_ID: ecs.Secret.fromSecretsManager(props.oidcSecret, 'clientId'),
        OIDC_CLIENT_SECRET: ecs.Secret.fromSecretsManager(props.oidcSecret, 'clientSecret'),
      }
    : {};
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(scope, 'Web', {
    cluster: props.cluster,
    // The pattern refuses zero; a paused stack sets it below.
    desiredCount: Math.max(1, environment.web.minCount),
    minHealthyPercent: 100,
    cpu: environment.web.cpu,
    memoryLimitMiB: environment.web.memoryMiB,
    publicLoadBalancer: true,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificate: acm.Certificate.fromCertificateArn(scope, 'Certificate', props.certificateArn),
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    redirectHTTP: true,
    targetProtocol: elbv2.ApplicationProtocol.HTTP,
    taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    circuitBreaker: { rollback: true },
    taskImageOptions: {
      image: props.image,
      containerName: 'web',
      containerPort: WEB_PORT,
      entryPoint: ['sh', '-c'],
      command: [WEB_COMMAND],
      environment: {
        ...props.database.containerEnvironment,
        CAIRN_MODE: 'production',
        NODE_ENV: 'production',
        PORT: String(WEB_PORT),
        HOSTNAME: '0.0.0.0',
        NEXTAUTH_URL: `https://${props.domainName}`,
        CAIRN_WORKER_ROLE_ARN: props.workerRoleArn,
        AUDIT_VERIFY_PUBLIC_KEY: props.auditPublicKeyPem,
        ...(props.orgAdminEmails ? { CAIRN_ORG_ADMIN_EMAILS: props.orgAdminEmails } : {}),
      },
      secrets: {
        ...props.database.containerSecrets,
        NEXTAUTH_SECRET: ecs.Secret.fromSecretsManager(props.nextAuthSecret),
        ...oidcSecrets,
      },
      logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup }),
    },
  });
  if (environment.web.minCount === 0) (web.service.node.defaultChild as ecs.CfnService).desiredCount = 0;
  web.targetGroup.configureHealthCheck({
    path: '/api/health',
    healthyHttpCodes: '200',
    interval: Duration.seconds(15),
  });
  web.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '30');
  web.loadBalancer.setAttribute('routing.http.drop_invalid_header_fields.enabled', 'true');
  web.service
    .autoScaleTaskCount({ minCapacity: environment.web.minCount, maxCapacity: environment.web.maxCount })
    .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
  return web;
}
