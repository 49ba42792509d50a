/**
 * Every AWS operation the worker sends with a team's credentials, and the IAM actions it needs.
 * The team permissions policy is generated from this list, and a worker test fails when the
 * worker sends a command this list does not name, so the two cannot drift apart.
 */

/** How far an action can be narrowed in IAM. */
export type CallScope =
  /** SageMaker resources Cairn names `cairn-<kind>-<id>` (models, endpoint configs, endpoints, jobs, package groups). */
  | 'cairn-sagemaker'
  /** Created with tags: the request must carry Cairn's tags. */
  | 'cairn-sagemaker-create'
  /** The model package group, created with the team's tag. */
  | 'cairn-model-package-group-create'
  /** The SageMaker pipelines the team registered in Cairn, by name. */
  | 'team-sagemaker-pipelines'
  /** The CodePipeline pipelines the team registered in Cairn, by name. */
  | 'team-codepipelines'
  /** CloudWatch alarms Cairn names `cairn-alarm-<id>` and the target-tracking alarms of its endpoints. */
  | 'cairn-alarms'
  /** Scalable targets and policies of SageMaker variants only. */
  | 'sagemaker-scaling'
  /** Read-only calls AWS does not scope to a resource. */
  | 'unscoped-read'
  /** Needs no permission in the team's role (GetCallerIdentity; AssumeRole is the trust policy's). */
  | 'none';

export type WorkerAwsClient =
  | 'sagemaker'
  | 'codepipeline'
  | 'cloudwatch'
  | 'application-auto-scaling'
  | 'cost-explorer'
  | 'sts';

export interface WorkerAwsCall {
  client: WorkerAwsClient;
  /** The SDK command's name without `Command`. */
  operation: string;
  iamActions: string[];
  scope: CallScope;
}

const call = (
  client: WorkerAwsClient,
  operation: string,
  scope: CallScope,
  iamActions?: string[],
): WorkerAwsCall => ({
  client,
  operation,
  scope,
  iamActions: iamActions ?? [
    `${client === 'application-auto-scaling' ? 'application-autoscaling' : client}:${operation}`,
  ],
});

export const WORKER_AWS_CALLS: readonly WorkerAwsCall[] = [
  // Creating with tags needs sagemaker:AddTags as well.
  call('sagemaker', 'CreateModel', 'cairn-sagemaker-create', ['sagemaker:CreateModel', 'sagemaker:AddTags']),
  call('sagemaker', 'CreateEndpointConfig', 'cairn-sagemaker-create', [
    'sagemaker:CreateEndpointConfig',
    'sagemaker:AddTags',
  ]),
  call('sagemaker', 'CreateEndpoint', 'cairn-sagemaker-create', [
    'sagemaker:CreateEndpoint',
    'sagemaker:AddTags',
  ]),
  call('sagemaker', 'CreateTransformJob', 'cairn-sagemaker-create', [
    'sagemaker:CreateTransformJob',
    'sagemaker:AddTags',
  ]),
  call('sagemaker', 'CreateModelPackageGroup', 'cairn-model-package-group-create', [
    'sagemaker:CreateModelPackageGroup',
    'sagemaker:AddTags',
  ]),
  call('sagemaker', 'DescribeModel', 'cairn-sagemaker'),
  call('sagemaker', 'DescribeEndpointConfig', 'cairn-sagemaker'),
  call('sagemaker', 'DescribeEndpoint', 'cairn-sagemaker'),
  call('sagemaker', 'UpdateEndpoint', 'cairn-sagemaker'),
  call('sagemaker', 'DeleteEndpoint', 'cairn-sagemaker'),
  call('sagemaker', 'DescribeTransformJob', 'cairn-sagemaker'),
  call('sagemaker', 'StopTransformJob', 'cairn-sagemaker'),
  call('sagemaker', 'DescribeModelPackageGroup', 'cairn-sagemaker'),
  call('sagemaker', 'CreateModelPackage', 'cairn-sagemaker'),
  call('sagemaker', 'DescribeModelPackage', 'cairn-sagemaker'),
  call('sagemaker', 'UpdateModelPackage', 'cairn-sagemaker'),
  call('sagemaker', 'StartPipelineExecution', 'team-sagemaker-pipelines'),
  call('sagemaker', 'DescribePipelineExecution', 'team-sagemaker-pipelines'),
  call('codepipeline', 'StartPipelineExecution', 'team-codepipelines'),
  call('codepipeline', 'GetPipelineExecution', 'team-codepipelines'),
  call('codepipeline', 'GetPipelineState', 'team-codepipelines'),
  call('codepipeline', 'PutApprovalResult', 'team-codepipelines'),
  // Creating an alarm with tags needs cloudwatch:TagResource as well.
  call('cloudwatch', 'PutMetricAlarm', 'cairn-alarms', [
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:TagResource',
  ]),
  call('cloudwatch', 'DeleteAlarms', 'cairn-alarms'),
  call('cloudwatch', 'ListTagsForResource', 'cairn-alarms'),
  call('cloudwatch', 'DescribeAlarms', 'unscoped-read'),
  call('cloudwatch', 'GetMetricData', 'unscoped-read'),
  call('application-auto-scaling', 'RegisterScalableTarget', 'sagemaker-scaling'),
  call('application-auto-scaling', 'DeregisterScalableTarget', 'sagemaker-scaling'),
  call('application-auto-scaling', 'PutScalingPolicy', 'sagemaker-scaling'),
  call('application-auto-scaling', 'DeleteScalingPolicy', 'sagemaker-scaling'),
  call('application-auto-scaling', 'DescribeScalableTargets', 'unscoped-read'),
  // Cost Explorer grants no resource-level permission on GetCostAndUsage; the worker filters by the team's tag.
  call('cost-explorer', 'GetCostAndUsage', 'unscoped-read', ['ce:GetCostAndUsage']),
  call('sts', 'GetCallerIdentity', 'none', []),
  call('sts', 'AssumeRole', 'none', []),
];
