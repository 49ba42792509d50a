import { randomUUID } from 'node:crypto';
import type { Caller, ResourceStore, ResourceSummary } from '../core/caller';
import type { SimContext } from '../core/context';
import { Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';

/** What Application Auto Scaling needs to know of a SageMaker endpoint to scale its variants. */
export interface ScalableEndpoint {
  status: string;
  isAsync: boolean;
  variants: { name: string; isServerless: boolean }[];
}

export type EndpointLookup = (endpointName: string) => ScalableEndpoint | undefined;

export interface ScalableTargetRecord {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  arn: string;
  createdAt: number;
  createdBy: Caller;
}

export interface ScalingPolicyRecord {
  policyName: string;
  policyArn: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  policyType: string;
  targetTracking: JsonInput | undefined;
  stepScaling: JsonInput | undefined;
  createdAt: number;
  createdBy: Caller;
}

export interface ScalingCall {
  input: JsonInput;
  caller: Caller;
  region: string;
  store: ScalingStore;
}

const NAMESPACES = [
  'ecs',
  'elasticmapreduce',
  'ec2',
  'appstream',
  'dynamodb',
  'rds',
  'sagemaker',
  'custom-resource',
  'comprehend',
  'lambda',
  'cassandra',
  'kafka',
  'elasticache',
  'neptune',
  'workspaces',
] as const;
const VARIANT_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const DIMENSIONS = [
  VARIANT_DIMENSION,
  'sagemaker:variant:DesiredProvisionedConcurrency',
  'sagemaker:inference-component:DesiredCopyCount',
] as const;
// AWS documents the pattern as [\p{Print}]+; JavaScript has no \p{Print}, so: no control characters.
export const PRINTABLE = /^[^\p{Cc}]+$/u;
const RESOURCE_ID = /^endpoint\/([^/]+)\/variant\/([^/]+)$/;
const MAX_CAPACITY_LIMIT = 1_000_000;

export const targetKey = (namespace: string, resourceId: string, dimension: string) =>
  `${namespace}|${resourceId}|${dimension}`;

/** Scalable targets and their scaling policies, for the SageMaker namespace only. */
export class ScalingStore implements ResourceStore {
  readonly targets = new Map<string, ScalableTargetRecord>();
  /** Keyed `<target key>|<policy name>`. */
  readonly policies = new Map<string, ScalingPolicyRecord>();
  /** When each step policy (by ARN) last ran, for its cooldown. */
  readonly stepRuns = new Map<string, number>();

  constructor(
    readonly context: SimContext,
    readonly endpoints: EndpointLookup,
  ) {}

  list(): ResourceSummary[] {
    return [
      ...[...this.targets.values()].map((target) => ({
        type: 'scalable-target',
        name: target.resourceId,
        arn: target.arn,
        status: 'Registered',
        createdAt: new Date(target.createdAt).toISOString(),
        createdBy: target.createdBy,
        details: { minCapacity: target.minCapacity, maxCapacity: target.maxCapacity },
      })),
      ...[...this.policies.values()].map((policy) => ({
        type: 'scaling-policy',
        name: policy.policyName,
        arn: policy.policyArn,
        status: 'Active',
        createdAt: new Date(policy.createdAt).toISOString(),
        createdBy: policy.createdBy,
        details: { resourceId: policy.resourceId },
      })),
    ];
  }

  reset(): void {
    this.targets.clear();
    this.policies.clear();
    this.stepRuns.clear();
  }

  /** The variants of an endpoint registered as scalable targets (SageMaker checks them on UpdateEndpoint). */
  registeredVariants(endpointName: string): string[] {
    return [...this.targets.values()]
      .map((target) => RESOURCE_ID.exec(target.resourceId))
      .filter((match) => match?.[1] === endpointName)
      .map((match) => match?.[2] as string);
  }

  policiesOf(target: string): ScalingPolicyRecord[] {
    return [...this.policies.entries()].filter(([key]) => key.startsWith(`${target}|`)).map(([, p]) => p);
  }
}

/** The three members that name a scalable target, validated the way AWS does. */
export function targetIdentity(problems: Problems, input: JsonInput, isIdRequired = true) {
  const namespace = problems.string(input, 'ServiceNamespace', 'ServiceNamespace', {
    required: true,
    values: NAMESPACES,
  });
  const resourceId = problems.string(input, 'ResourceId', 'ResourceId', {
    required: isIdRequired,
    min: 1,
    max: 1600,
    pattern: PRINTABLE,
  });
  const dimension = problems.string(input, 'ScalableDimension', 'ScalableDimension', {
    required: isIdRequired,
    values: isIdRequired ? DIMENSIONS : undefined,
  });
  return { namespace, resourceId, dimension };
}

/** Cross-member rules AWS checks after the shapes: the namespace, id format and dimension agree. */
export function checkSageMakerTarget(namespace: string, resourceId: string, dimension: string) {
  if (namespace !== 'sagemaker') {
    throw new SimError(
      'ValidationException',
      `aws-sim simulates only the sagemaker service namespace, not ${namespace}`,
    );
  }
  const match = RESOURCE_ID.exec(resourceId);
  if (!match) {
    throw new SimError(
      'ValidationException',
      `Unsupported resource ID: ${resourceId}. Expected endpoint/<endpoint-name>/variant/<variant-name>`,
    );
  }
  if (dimension !== VARIANT_DIMENSION) {
    throw new SimError(
      'ValidationException',
      `Unsupported scalable dimension ${dimension} for resource ${resourceId}`,
    );
  }
  return { endpointName: match[1] as string, variantName: match[2] as string };
}

export function notRegistered(namespace: string, resourceId: string, dimension: string): SimError {
  return new SimError(
    'ObjectNotFoundException',
    `No scalable target registered for service namespace: ${namespace}, resource ID: ${resourceId}, scalable dimension: ${dimension}`,
  );
}

/** RegisterScalableTarget: creates a target (Min/Max required) or updates the members given. */
export function registerScalableTarget(call: ScalingCall) {
  const { input, store } = call;
  const problems = new Problems();
  const { namespace, resourceId, dimension } = targetIdentity(problems, input);
  const min = problems.number(input, 'MinCapacity', 'MinCapacity', { min: 0, max: MAX_CAPACITY_LIMIT });
  const max = problems.number(input, 'MaxCapacity', 'MaxCapacity', { min: 0, max: MAX_CAPACITY_LIMIT });
  const roleArn = problems.string(input, 'RoleARN', 'RoleARN', { min: 1, max: 1600 });
  problems.throwIfAny();
  const { endpointName, variantName } = checkSageMakerTarget(namespace!, resourceId!, dimension!);
  const key = targetKey(namespace!, resourceId!, dimension!);
  const existing = store.targets.get(key);
  if (!existing && (min === undefined || max === undefined)) {
    throw new SimError(
      'ValidationException',
      'Minimum and maximum capacity are required when registering a new scalable target',
    );
  }
  const minCapacity = min ?? existing!.minCapacity;
  const maxCapacity = max ?? existing!.maxCapacity;
  if (minCapacity > maxCapacity) {
    throw new SimError('ValidationException', 'Minimum capacity cannot be greater than maximum capacity');
  }
  const endpoint = store.endpoints(endpointName);
  if (!endpoint) {
    throw new SimError('ValidationException', `Could not find endpoint "${endpointName}".`);
  }
  const variant = endpoint.variants.find((candidate) => candidate.name === variantName);
  if (!variant) {
    throw new SimError(
      'ValidationException',
      `The variant name ${variantName} does not exist for endpoint ${endpointName}.`,
    );
  }
  if (variant.isServerless) {
    throw new SimError(
      'ValidationException',
      `Variant ${variantName} of endpoint ${endpointName} is serverless: scale its provisioned concurrency instead`,
    );
  }
  if (minCapacity < 1 && !endpoint.isAsync) {
    throw new SimError(
      'ValidationException',
      'Minimum capacity must be at least 1 for a real-time endpoint variant; only asynchronous endpoints scale to zero',
    );
  }
  if (!existing && endpoint.status !== 'InService') {
    throw new SimError(
      'ValidationException',
      `Endpoint ${endpointName} is in status ${endpoint.status}; its variants can be registered once it is InService`,
    );
  }
  const account = call.caller.accountId;
  const record: ScalableTargetRecord = existing ?? {
    serviceNamespace: namespace!,
    resourceId: resourceId!,
    scalableDimension: dimension!,
    minCapacity,
    maxCapacity,
    roleArn:
      roleArn ??
      `arn:aws:iam::${account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    arn: `arn:aws:application-autoscaling:${call.region}:${account}:scalable-target/${randomUUID().replaceAll('-', '').slice(0, 28)}`,
    createdAt: store.context.clock.now(),
    createdBy: call.caller,
  };
  record.minCapacity = minCapacity;
  record.maxCapacity = maxCapacity;
  if (roleArn) record.roleArn = roleArn;
  store.targets.set(key, record);
  return { ScalableTargetARN: record.arn };
}

/** DeregisterScalableTarget: removes the target and the scaling policies attached to it. */
export function deregisterScalableTarget(call: ScalingCall) {
  const problems = new Problems();
  const { namespace, resourceId, dimension } = targetIdentity(problems, call.input);
  problems.throwIfAny();
  const key = targetKey(namespace!, resourceId!, dimension!);
  if (!call.store.targets.has(key)) throw notRegistered(namespace!, resourceId!, dimension!);
  call.store.targets.delete(key);
  for (const policy of call.store.policiesOf(key)) call.store.policies.delete(`${key}|${policy.policyName}`);
  return {};
}

/** Paginates a list the way Application Auto Scaling does: MaxResults up to 50, an opaque NextToken. */
export function page<T>(items: T[], input: JsonInput, problems: Problems) {
  const maxResults = problems.number(input, 'MaxResults', 'MaxResults', { min: 1, max: 50 }) ?? 50;
  const token = problems.string(input, 'NextToken', 'NextToken', { max: 1024 });
  problems.throwIfAny();
  const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw new SimError('InvalidNextTokenException', 'Invalid token');
  const slice = items.slice(start, start + maxResults);
  const next =
    start + maxResults < items.length
      ? Buffer.from(String(start + maxResults)).toString('base64')
      : undefined;
  return { slice, next };
}

export function stringList(problems: Problems, input: JsonInput, key: string): string[] | undefined {
  const items = problems.array(input, key, key, { max: 50 });
  if (items?.some((item) => typeof item !== 'string')) {
    throw new SimError('SerializationException', `Expected a list of strings at '${key}'`);
  }
  return items as string[] | undefined;
}

/** DescribeScalableTargets within one namespace, optionally narrowed to resource ids and a dimension. */
export function describeScalableTargets(call: ScalingCall) {
  const problems = new Problems();
  const { namespace, dimension } = targetIdentity(problems, call.input, false);
  const resourceIds = stringList(problems, call.input, 'ResourceIds');
  const targets = [...call.store.targets.values()].filter(
    (target) =>
      target.serviceNamespace === namespace &&
      (!resourceIds || resourceIds.includes(target.resourceId)) &&
      (!dimension || target.scalableDimension === dimension),
  );
  const { slice, next } = page(targets, call.input, problems);
  return {
    ScalableTargets: slice.map((target) => ({
      ServiceNamespace: target.serviceNamespace,
      ResourceId: target.resourceId,
      ScalableDimension: target.scalableDimension,
      MinCapacity: target.minCapacity,
      MaxCapacity: target.maxCapacity,
      RoleARN: target.roleArn,
      CreationTime: new Date(target.createdAt),
      SuspendedState: {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      },
      ScalableTargetARN: target.arn,
    })),
    NextToken: next,
  };
}
