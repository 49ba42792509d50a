import type { AwsLocation, PolicyDocument, PolicyStatement } from './policy-document';
import { type CallScope, WORKER_AWS_CALLS } from './worker-aws-calls';

/** What a team's role must reach beyond Cairn's own names: known from the team's rows in Cairn. */
export interface TeamPermissionsInput extends AwsLocation {
  /** The `cairn:team` tag value the worker puts on what it creates for the team (its slug). */
  teamTag: string;
  /** The roles SageMaker runs the team's models under: the team's role and its environment overrides. */
  executionRoleArns: string[];
  sageMakerPipelineNames: string[];
  codePipelineNames: string[];
  /** ECR repositories of the team's model images (see `ecrRepositoryArn`). */
  imageRepositoryArns: string[];
  /** Buckets holding the team's model artifacts and batch inputs, which SageMaker reads as the role. */
  readBuckets: string[];
  /** Buckets batch and async endpoints write results to. */
  writeBuckets: string[];
}

const CAIRN_SAGEMAKER_KINDS = [
  'model',
  'endpoint-config',
  'endpoint',
  'transform-job',
  'model-package-group',
];

const actionsOf = (scope: CallScope) => [
  ...new Set(WORKER_AWS_CALLS.filter((call) => call.scope === scope).flatMap((call) => call.iamActions)),
];

const sorted = (values: string[]) => [...new Set(values)].sort();

/**
 * The least-privilege permissions policy of a team's role: exactly the actions the worker calls
 * (WORKER_AWS_CALLS), on resources named `cairn-*` or registered by the team, and what SageMaker
 * needs when it runs the team's models under the same role.
 */
export function teamPermissionsPolicy(input: TeamPermissionsInput): PolicyDocument {
  const arn = (service: string, resource: string, region = input.region) =>
    `arn:${input.partition}:${service}:${region}:${input.accountId}:${resource}`;
  const cairnSageMaker = [
    ...CAIRN_SAGEMAKER_KINDS.map((kind) => arn('sagemaker', `${kind}/cairn-*`)),
    arn('sagemaker', 'model-package/cairn-*/*'),
  ];
  const statements: PolicyStatement[] = [
    {
      Sid: 'CreateTaggedCairnResources',
      Effect: 'Allow',
      Action: actionsOf('cairn-sagemaker-create'),
      Resource: cairnSageMaker,
      // The worker tags what a deployment makes with its team, project and deployment.
      Condition: {
        StringEquals: { 'aws:RequestTag/cairn:team': input.teamTag },
        Null: { 'aws:RequestTag/cairn:deployment': 'false' },
      },
    },
    {
      Sid: 'CreateTeamModelPackageGroups',
      Effect: 'Allow',
      Action: actionsOf('cairn-model-package-group-create'),
      Resource: arn('sagemaker', 'model-package-group/cairn-*'),
      Condition: { StringEquals: { 'aws:RequestTag/cairn:team': input.teamTag } },
    },
    {
      Sid: 'ManageCairnResources',
      Effect: 'Allow',
      Action: actionsOf('cairn-sagemaker'),
      Resource: cairnSageMaker,
    },
    {
      Sid: 'ManageCairnAlarms',
      Effect: 'Allow',
      Action: actionsOf('cairn-alarms'),
      // Target tracking policies make their alarms under the endpoint's name.
      Resource: [
        arn('cloudwatch', 'alarm:cairn-*'),
        arn('cloudwatch', 'alarm:TargetTracking-endpoint/cairn-*'),
      ],
    },
    {
      Sid: 'ScaleCairnEndpoints',
      Effect: 'Allow',
      Action: actionsOf('sagemaker-scaling'),
      Resource: '*',
      Condition: { StringEquals: { 'application-autoscaling:service-namespace': 'sagemaker' } },
    },
    {
      // Application Auto Scaling checks these on the caller when it registers a variant.
      Sid: 'LetAutoScalingAdjustCairnEndpoints',
      Effect: 'Allow',
      Action: ['sagemaker:UpdateEndpointWeightsAndCapacities'],
      Resource: arn('sagemaker', 'endpoint/cairn-*'),
    },
    {
      Sid: 'CreateAutoScalingServiceRole',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: `arn:${input.partition}:iam::${input.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
      Condition: { StringLike: { 'iam:AWSServiceName': 'sagemaker.application-autoscaling.amazonaws.com' } },
    },
    {
      Sid: 'ReadStateAwsDoesNotScope',
      Effect: 'Allow',
      Action: actionsOf('unscoped-read'),
      Resource: '*',
    },
  ];
  if (input.sageMakerPipelineNames.length > 0) {
    statements.push({
      Sid: 'RunTeamSageMakerPipelines',
      Effect: 'Allow',
      Action: actionsOf('team-sagemaker-pipelines'),
      Resource: sorted(input.sageMakerPipelineNames).flatMap((name) => [
        arn('sagemaker', `pipeline/${name}`),
        arn('sagemaker', `pipeline/${name}/execution/*`),
      ]),
    });
  }
  if (input.codePipelineNames.length > 0) {
    statements.push({
      Sid: 'RunTeamCodePipelines',
      Effect: 'Allow',
      Action: actionsOf('team-codepipelines'),
      // PutApprovalResult names the approval action below the pipeline.
      Resource: sorted(input.codePipelineNames).flatMap((name) => [
        arn('codepipeline', name),
        arn('codepipeline', `${name}/*`),
      ]),
    });
  }
  statements.push(...executionStatements(input));
  return { Version: '2012-10-17', Statement: statements };
}

/** CreateModel passes a role to SageMaker, which then pulls the image, reads the artifact and logs as it. */
function executionStatements(input: TeamPermissionsInput): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (input.executionRoleArns.length > 0) {
    statements.push({
      Sid: 'PassExecutionRoleToSageMaker',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: sorted(input.executionRoleArns),
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
  }
  if (input.imageRepositoryArns.length > 0) {
    statements.push({
      Sid: 'PullModelImages',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: sorted(input.imageRepositoryArns),
    });
  }
  statements.push(
    {
      Sid: 'AuthenticateToEcr',
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken'],
      Resource: '*',
    },
    {
      Sid: 'WriteSageMakerLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:${input.partition}:logs:${input.region}:${input.accountId}:log-group:/aws/sagemaker/*`,
    },
    {
      Sid: 'PublishSageMakerMetrics',
      Effect: 'Allow',
      Action: ['cloudwatch:PutMetricData'],
      Resource: '*',
      Condition: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
    },
  );
  if (input.readBuckets.length > 0) {
    statements.push({
      Sid: 'ReadModelArtifactsAndInputs',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: sorted(input.readBuckets).flatMap((bucket) => [
        `arn:${input.partition}:s3:::${bucket}`,
        `arn:${input.partition}:s3:::${bucket}/*`,
      ]),
    });
  }
  if (input.writeBuckets.length > 0) {
    statements.push({
      Sid: 'WriteInferenceResults',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
      Resource: sorted(input.writeBuckets).map((bucket) => `arn:${input.partition}:s3:::${bucket}/*`),
    });
  }
  return statements;
}

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+?)(?::[\w.-]+|@sha256:[0-9a-f]{64})?$/;

/** The repository an ECR image URI pulls from, or null for an image outside ECR. */
export function ecrRepositoryArn(imageUri: string, partition: string): string | null {
  const match = ECR_IMAGE.exec(imageUri.trim());
  if (!match) return null;
  const [, accountId, region, repository] = match;
  return `arn:${partition}:ecr:${region}:${accountId}:repository/${repository}`;
}

/** The bucket of an `s3://bucket/key` location, or null for anything else. */
export function s3Bucket(uri: string): string | null {
  return /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/|$)/.exec(uri.trim())?.[1] ?? null;
}
