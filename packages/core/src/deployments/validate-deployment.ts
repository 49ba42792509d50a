import type {
  AsyncDeploymentSpec,
  BatchDeploymentSpec,
  DeploymentSpec,
  RealtimeDeploymentSpec,
  ServerlessDeploymentSpec,
} from '../schemas/deployment';
import { checkInstanceType } from './check-instance-type';
import { type DeploymentIssue, issue } from './deployment-issue';
import { SAGEMAKER_LIMITS as L } from './sagemaker-limits';
import { checkAutoscaling, checkRolloutStrategy } from './validate-rollout';

function validateRealtime(spec: RealtimeDeploymentSpec): DeploymentIssue[] {
  return [
    ...checkInstanceType('instanceType', spec.instanceType, 'ENDPOINT', 'a real-time endpoint'),
    ...(spec.autoscaling ? checkAutoscaling(spec.autoscaling, 'REALTIME') : []),
    ...checkRolloutStrategy(spec.strategy, { endpointKind: 'REALTIME', ...spec }),
  ];
}

function validateServerless(spec: ServerlessDeploymentSpec): DeploymentIssue[] {
  const issues = checkRolloutStrategy(spec.strategy, {
    endpointKind: 'SERVERLESS',
    modelVersionId: spec.modelVersionId,
  });
  if (spec.provisionedConcurrency > spec.maxConcurrency) {
    issues.push(
      issue(
        'provisionedConcurrency',
        'provisioned_above_max',
        `Provisioned concurrency (${spec.provisionedConcurrency}) is above maximum concurrency (${spec.maxConcurrency}): SageMaker requires provisioned concurrency to be at most the maximum.`,
      ),
    );
  }
  return issues;
}

function validateAsync(spec: AsyncDeploymentSpec): DeploymentIssue[] {
  const issues = [
    ...checkInstanceType('instanceType', spec.instanceType, 'ENDPOINT', 'an asynchronous endpoint'),
    ...(spec.autoscaling ? checkAutoscaling(spec.autoscaling, 'ASYNC') : []),
    ...checkRolloutStrategy(spec.strategy, { endpointKind: 'ASYNC', ...spec }),
  ];
  if (spec.scalesToZero && spec.autoscaling?.minInstances !== 0) {
    issues.push(
      issue(
        spec.autoscaling ? 'autoscaling.minInstances' : 'scalesToZero',
        'scale_to_zero_needs_min_zero',
        spec.autoscaling
          ? `Scale to zero needs minimum instances of 0 (it is ${spec.autoscaling.minInstances}): SageMaker scales an asynchronous endpoint to zero only through an autoscaling policy whose minimum capacity is 0.`
          : 'Scale to zero needs autoscaling with minimum instances of 0: SageMaker scales an asynchronous endpoint to zero only through an autoscaling policy whose minimum capacity is 0.',
      ),
    );
  }
  return issues;
}

function validateBatch(spec: BatchDeploymentSpec): DeploymentIssue[] {
  const issues = checkInstanceType('instanceType', spec.instanceType, 'TRANSFORM', 'a batch transform');
  if (spec.batchStrategy === 'MultiRecord' && spec.splitType === 'None') {
    issues.push(
      issue(
        'batchStrategy',
        'multirecord_needs_split',
        'MultiRecord batches need a split type: SageMaker groups records into a mini-batch only when it can split the input (Line, RecordIO or TFRecord); with split type None every request carries one whole file. Choose a split type or SingleRecord.',
      ),
    );
  }
  const concurrency = spec.maxConcurrentTransforms ?? 0;
  if (concurrency > 0 && concurrency * spec.maxPayloadMb > L.transformMaxPayloadMb) {
    issues.push(
      issue(
        'maxConcurrentTransforms',
        'payload_times_concurrency_too_large',
        `${concurrency} concurrent transforms x ${spec.maxPayloadMb} MB is ${concurrency * spec.maxPayloadMb} MB: SageMaker requires concurrent transforms x maximum payload to stay within ${L.transformMaxPayloadMb} MB per instance.`,
      ),
    );
  }
  const record = spec.largestRecordMb;
  if (record !== undefined && spec.maxPayloadMb > 0 && record > spec.maxPayloadMb) {
    const unit = spec.splitType === 'None' ? 'input file (sent whole, as split type is None)' : 'record';
    const remedy =
      record > L.transformMaxPayloadMb
        ? spec.splitType === 'None'
          ? ` No payload above ${L.transformMaxPayloadMb} MB is allowed: split the input (Line, RecordIO or TFRecord) or use an asynchronous endpoint.`
          : ` No payload above ${L.transformMaxPayloadMb} MB is allowed: make the records smaller.`
        : ` Raise the maximum payload to at least ${Math.ceil(record)} MB.`;
    issues.push(
      issue(
        'maxPayloadMb',
        'record_exceeds_payload',
        `The largest ${unit} is ${record} MB but the maximum payload is ${spec.maxPayloadMb} MB: SageMaker needs the maximum payload to be at least the size of a single record.${remedy}`,
      ),
    );
  }
  return issues;
}

/**
 * What SageMaker would refuse (or Cairn refuses on its behalf) in a parsed deploy wizard input,
 * each with the field to change, SageMaker's reason and the limit. Empty when the spec may deploy.
 */
export function validateDeployment(spec: DeploymentSpec): DeploymentIssue[] {
  switch (spec.type) {
    case 'REALTIME':
      return validateRealtime(spec);
    case 'SERVERLESS':
      return validateServerless(spec);
    case 'ASYNC':
      return validateAsync(spec);
    case 'BATCH':
      return validateBatch(spec);
  }
}
