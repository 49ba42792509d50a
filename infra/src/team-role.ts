import { teamPermissionsPolicy } from '@cairn/core/iam/team-permissions-policy';
import { teamTrustPolicy } from '@cairn/core/iam/team-trust-policy';
import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface CairnTeamRoleProps {
  /** The team's slug in Cairn: names the role `cairn-team-<slug>` and is its `cairn:team` tag. */
  teamSlug: string;
  /** The external id set in the team's settings in Cairn. */
  externalId: string;
  /** The role Cairn's worker runs as (the install's CAIRN_WORKER_ROLE_ARN). */
  workerRoleArn: string;
  /** Region of the team's SageMaker resources; the stack's region when absent. */
  region?: string;
  sageMakerPipelineNames?: string[];
  codePipelineNames?: string[];
  /** ECR repository ARNs of the team's model images. */
  imageRepositoryArns?: string[];
  /** Buckets of model artifacts and batch inputs. */
  readBuckets?: string[];
  /** Buckets batch and async endpoints write results to. */
  writeBuckets?: string[];
  /** A permission boundary the account requires on roles it creates. */
  permissionsBoundary?: iam.IManagedPolicy;
}

/** The worker's AssumeRole permission in CairnStack covers roles under this name prefix. */
export const TEAM_ROLE_NAME_PREFIX = 'cairn-team-';
const WORKER_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,50}[a-z0-9])?$/;

/**
 * A team's IAM role in its AWS account, with exactly the trust and permissions policies the portal
 * shows on the team's role policies page: both come from the same generators in @cairn/core.
 */
export class CairnTeamRole extends Construct {
  readonly roleName: string;
  readonly roleArn: string;
  readonly trustPolicy: ReturnType<typeof teamTrustPolicy>;
  readonly permissionsPolicy: ReturnType<typeof teamPermissionsPolicy>;

  constructor(scope: Construct, id: string, props: CairnTeamRoleProps) {
    super(scope, id);
    if (!SLUG.test(props.teamSlug)) {
      throw new Error(
        `teamSlug must be a Cairn team slug (lowercase letters, digits, hyphens), got '${props.teamSlug}'`,
      );
    }
    if (!Token.isUnresolved(props.externalId) && props.externalId.trim().length < 2) {
      throw new Error('externalId must be the external id set in the team settings (at least 2 characters)');
    }
    if (!Token.isUnresolved(props.workerRoleArn) && !WORKER_ROLE_ARN.test(props.workerRoleArn)) {
      throw new Error(
        `workerRoleArn must be the IAM role ARN Cairn's worker runs as, got '${props.workerRoleArn}'`,
      );
    }
    const stack = Stack.of(this);
    this.roleName = `${TEAM_ROLE_NAME_PREFIX}${props.teamSlug}`;
    // Built from the name rather than the role's own ARN attribute, which its policy cannot reference.
    this.roleArn = `arn:${Aws.PARTITION}:iam::${stack.account}:role/${this.roleName}`;
    this.trustPolicy = teamTrustPolicy({
      workerRoleArn: props.workerRoleArn,
      externalId: props.externalId,
      teamTag: props.teamSlug,
      accountId: stack.account,
    });
    this.permissionsPolicy = teamPermissionsPolicy({
      partition: Aws.PARTITION,
      accountId: stack.account,
      region: props.region ?? stack.region,
      teamTag: props.teamSlug,
      executionRoleArns: [this.roleArn],
      sageMakerPipelineNames: props.sageMakerPipelineNames ?? [],
      codePipelineNames: props.codePipelineNames ?? [],
      imageRepositoryArns: props.imageRepositoryArns ?? [],
      readBuckets: props.readBuckets ?? [],
      writeBuckets: props.writeBuckets ?? [],
    });
    // L1 on purpose: the documents go to CloudFormation exactly as generated, with no L2 rewriting.
    new iam.CfnRole(this, 'Role', {
      roleName: this.roleName,
      description: `Cairn acts for team ${props.teamSlug} in this account as this role`,
      assumeRolePolicyDocument: this.trustPolicy,
      policies: [{ policyName: 'cairn-worker-actions', policyDocument: this.permissionsPolicy }],
      permissionsBoundary: props.permissionsBoundary?.managedPolicyArn,
      tags: [{ key: 'cairn:team', value: props.teamSlug }],
    });
  }
}
