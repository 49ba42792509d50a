import { randomUUID } from 'node:crypto';
import { Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import {
  checkSageMakerTarget,
  notRegistered,
  PRINTABLE,
  page,
  type ScalingCall,
  type ScalingPolicyRecord,
  stringList,
  targetIdentity,
  targetKey,
} from './scalable-targets';
import { stepScaling } from './step-scaling';

const POLICY_TYPES = ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'] as const;
/** The predefined metrics that apply to a SageMaker variant's instance count. */
const VARIANT_METRICS = [
  'SageMakerVariantInvocationsPerInstance',
  'SageMakerVariantProvisionedConcurrencyUtilization',
] as const;
const COOLDOWN_MAX = 31_536_000;

function policyName(problems: Problems, input: JsonInput) {
  return problems.string(input, 'PolicyName', 'PolicyName', {
    required: true,
    min: 1,
    max: 256,
    pattern: PRINTABLE,
  });
}

/** Validates TargetTrackingScalingPolicyConfiguration for a variant; returns it as stored. */
function targetTracking(problems: Problems, config: JsonInput): JsonInput {
  const path = 'TargetTrackingScalingPolicyConfiguration';
  problems.number(config, 'TargetValue', `${path}.TargetValue`, { required: true });
  problems.number(config, 'ScaleOutCooldown', `${path}.ScaleOutCooldown`, { min: 0, max: COOLDOWN_MAX });
  problems.number(config, 'ScaleInCooldown', `${path}.ScaleInCooldown`, { min: 0, max: COOLDOWN_MAX });
  const predefined = problems.object(
    config,
    'PredefinedMetricSpecification',
    `${path}.PredefinedMetricSpecification`,
  );
  const customized = problems.object(
    config,
    'CustomizedMetricSpecification',
    `${path}.CustomizedMetricSpecification`,
  );
  if (predefined) {
    problems.string(
      predefined,
      'PredefinedMetricType',
      `${path}.PredefinedMetricSpecification.PredefinedMetricType`,
      {
        required: true,
      },
    );
    problems.string(predefined, 'ResourceLabel', `${path}.PredefinedMetricSpecification.ResourceLabel`, {
      min: 1,
      max: 1023,
    });
  }
  problems.throwIfAny();
  if (!predefined === !customized) {
    throw new SimError(
      'ValidationException',
      'Exactly one of PredefinedMetricSpecification or CustomizedMetricSpecification must be specified',
    );
  }
  const metric = predefined?.PredefinedMetricType;
  if (typeof metric === 'string' && !(VARIANT_METRICS as readonly string[]).includes(metric)) {
    throw new SimError(
      'ValidationException',
      `Unsupported metric type ${metric} for scalable dimension sagemaker:variant:DesiredInstanceCount`,
    );
  }
  const value = config.TargetValue as number;
  if (!(value > 0)) {
    throw new SimError('ValidationException', 'The target value must be greater than 0');
  }
  return config;
}

function describe(policy: ScalingPolicyRecord) {
  return {
    PolicyARN: policy.policyArn,
    PolicyName: policy.policyName,
    ServiceNamespace: policy.serviceNamespace,
    ResourceId: policy.resourceId,
    ScalableDimension: policy.scalableDimension,
    PolicyType: policy.policyType,
    ...(policy.policyType === 'StepScaling'
      ? { StepScalingPolicyConfiguration: policy.stepScaling }
      : { TargetTrackingScalingPolicyConfiguration: policy.targetTracking }),
    Alarms: [],
    CreationTime: new Date(policy.createdAt),
  };
}

/** The configuration the policy type requires, validated; the other one must be absent. */
function policyConfig(type: string, tracking: JsonInput | undefined, step: JsonInput | undefined) {
  const [wanted, given, other] =
    type === 'StepScaling'
      ? ['StepScalingPolicyConfiguration', step, tracking]
      : ['TargetTrackingScalingPolicyConfiguration', tracking, step];
  if (!given) {
    throw new SimError('ValidationException', `${wanted} is required for a policy of type ${type}`);
  }
  if (other) {
    throw new SimError('ValidationException', `Only ${wanted} may be given for a policy of type ${type}`);
  }
  return type === 'StepScaling'
    ? { stepScaling: stepScaling(given), targetTracking: undefined }
    : { targetTracking: targetTracking(new Problems(), given), stepScaling: undefined };
}

/**
 * PutScalingPolicy: creates or replaces a target-tracking or step policy on a registered target.
 * PredictiveScaling is not simulated, nor are the CloudWatch alarms AWS makes for target tracking;
 * a step policy runs when a CloudWatch alarm that names its ARN in AlarmActions goes into ALARM.
 */
export function putScalingPolicy(call: ScalingCall) {
  const { input, store } = call;
  const problems = new Problems();
  const name = policyName(problems, input);
  const { namespace, resourceId, dimension } = targetIdentity(problems, input);
  const type = problems.string(input, 'PolicyType', 'PolicyType', { values: POLICY_TYPES }) ?? 'StepScaling';
  const tracking = problems.object(
    input,
    'TargetTrackingScalingPolicyConfiguration',
    'TargetTrackingScalingPolicyConfiguration',
  );
  const step = problems.object(input, 'StepScalingPolicyConfiguration', 'StepScalingPolicyConfiguration');
  problems.throwIfAny();
  checkSageMakerTarget(namespace!, resourceId!, dimension!);
  if (type === 'PredictiveScaling') {
    throw new SimError('ValidationException', 'aws-sim does not simulate PredictiveScaling policies');
  }
  const configs = policyConfig(type, tracking, step);
  const key = targetKey(namespace!, resourceId!, dimension!);
  if (!store.targets.has(key)) throw notRegistered(namespace!, resourceId!, dimension!);
  const existing = store.policies.get(`${key}|${name}`);
  const account = call.caller.accountId;
  const record: ScalingPolicyRecord = {
    policyName: name!,
    policyArn:
      existing?.policyArn ??
      `arn:aws:autoscaling:${call.region}:${account}:scalingPolicy:${randomUUID()}:resource/${namespace}/${resourceId}:policyName/${name}`,
    serviceNamespace: namespace!,
    resourceId: resourceId!,
    scalableDimension: dimension!,
    policyType: type,
    ...configs,
    createdAt: existing?.createdAt ?? store.context.clock.now(),
    createdBy: existing?.createdBy ?? call.caller,
  };
  store.policies.set(`${key}|${name}`, record);
  return { PolicyARN: record.policyArn, Alarms: [] };
}

/** DescribeScalingPolicies within one namespace, optionally narrowed to names, a resource and a dimension. */
export function describeScalingPolicies(call: ScalingCall) {
  const problems = new Problems();
  const { namespace, resourceId, dimension } = targetIdentity(problems, call.input, false);
  const names = stringList(problems, call.input, 'PolicyNames');
  const policies = [...call.store.policies.values()].filter(
    (policy) =>
      policy.serviceNamespace === namespace &&
      (!names || names.includes(policy.policyName)) &&
      (!resourceId || policy.resourceId === resourceId) &&
      (!dimension || policy.scalableDimension === dimension),
  );
  const { slice, next } = page(policies, call.input, problems);
  return { ScalingPolicies: slice.map(describe), NextToken: next };
}

/** DeleteScalingPolicy; a policy that is not there is an ObjectNotFoundException, as in AWS. */
export function deleteScalingPolicy(call: ScalingCall) {
  const problems = new Problems();
  const name = policyName(problems, call.input);
  const { namespace, resourceId, dimension } = targetIdentity(problems, call.input);
  problems.throwIfAny();
  const key = `${targetKey(namespace!, resourceId!, dimension!)}|${name}`;
  if (!call.store.policies.delete(key)) {
    throw new SimError(
      'ObjectNotFoundException',
      `No scaling policy found for service namespace: ${namespace}, resource ID: ${resourceId}, scalable dimension: ${dimension}, policy name: ${name}`,
    );
  }
  return {};
}
