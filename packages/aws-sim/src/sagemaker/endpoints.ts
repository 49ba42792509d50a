import type { SimContext } from '../core/context';
import { asRecords, Problems } from '../core/validation';
import { SimError } from '../service';
import { type Call, date, FAIL_MARKER, key, NAME_RULE, SECONDS, sageMakerArn, type Tracked } from './common';
import { type EndpointConfigRecord, findEndpointConfig, type VariantRecord } from './endpoint-configs';
import {
  type DeploymentConfig,
  parseDeploymentConfig,
  planUpdate,
  type UpdatePlan,
} from './endpoint-deployment';
import type { SageMakerStore } from './store';

export type EndpointStatus =
  | 'Creating'
  | 'InService'
  | 'Updating'
  | 'RollingBack'
  | 'UpdateRollbackFailed'
  | 'Deleting'
  | 'Failed';

export interface EndpointRecord extends Tracked {
  configName: string;
  status: EndpointStatus;
  lastModifiedAt: number;
  failureReason?: string;
  /** When the current transition (Creating, RollingBack, Deleting) ends. */
  transitionEndsAt: number;
  willFail: boolean;
  rawDeploymentConfig?: Record<string, unknown>;
  /** Instance counts Application Auto Scaling set, by variant; the config's count until then. */
  scaledInstanceCounts?: Record<string, number>;
  update?: {
    newConfigName: string;
    startedAt?: number;
    deployment: DeploymentConfig | undefined;
    plan: UpdatePlan;
    willFail: boolean;
    trafficPercent: number;
    rolledBackBy?: string;
  };
}

/** A bad image (marked `fail`) or an injected failResource fault makes the fleet fail to start. */
function isBroken(call: Call, config: EndpointConfigRecord, endpointName: string): boolean {
  const images = [...config.variants, ...(config.shadowVariants ?? [])].flatMap(
    (variant) => call.store.models.get(key(variant.modelName))?.images ?? [],
  );
  return images.some((image) => image.includes(FAIL_MARKER)) || call.context.faults.shouldFail(endpointName);
}

function firingAlarm(context: SimContext, alarms: string[]): { name: string; at: number } | undefined {
  let earliest: { name: string; at: number } | undefined;
  for (const name of alarms) {
    const record = context.alarms.get(name);
    if (record?.state === 'ALARM' && (!earliest || record.changedAt < earliest.at)) {
      earliest = { name, at: record.changedAt };
    }
  }
  return earliest;
}

/** Applies every transition due by `now`; called lazily before any read. */
export function advanceEndpoint(
  store: SageMakerStore,
  context: SimContext,
  endpoint: EndpointRecord,
  now: number,
) {
  if (endpoint.status === 'Creating' && now >= endpoint.transitionEndsAt) {
    endpoint.status = endpoint.willFail ? 'Failed' : 'InService';
    if (endpoint.willFail) {
      endpoint.failureReason = 'The primary container for production variant failed the ping health check.';
    }
    endpoint.lastModifiedAt = endpoint.transitionEndsAt;
  }
  const update = endpoint.update;
  if (endpoint.status === 'Updating' && update) {
    const { plan } = update;
    const alarm = update.willFail ? undefined : firingAlarm(context, update.deployment?.alarms ?? []);
    const rollbackAt = alarm && Math.max(alarm.at, plan.monitorFrom);
    if (alarm && rollbackAt !== undefined && rollbackAt < plan.doneAt && rollbackAt <= now) {
      update.trafficPercent =
        [...plan.shifts].reverse().find((shift) => shift.at <= rollbackAt)?.trafficPercent ?? 0;
      update.rolledBackBy = alarm.name;
      endpoint.status = 'RollingBack';
      endpoint.lastModifiedAt = rollbackAt;
      endpoint.transitionEndsAt = context.clock.after(SECONDS.rollback, rollbackAt);
    } else if (update.willFail && now >= plan.monitorFrom) {
      endpoint.status = 'InService';
      endpoint.failureReason = `Failed to update endpoint: the new fleet for "${update.newConfigName}" failed the ping health check.`;
      endpoint.lastModifiedAt = plan.monitorFrom;
      endpoint.update = undefined;
    } else if (now >= plan.doneAt) {
      endpoint.status = 'InService';
      endpoint.configName = update.newConfigName;
      // The new config's instance counts replace what scaling set on the old fleet.
      endpoint.scaledInstanceCounts = undefined;
      endpoint.failureReason = undefined;
      endpoint.lastModifiedAt = plan.doneAt;
      endpoint.update = undefined;
    } else {
      update.trafficPercent =
        [...plan.shifts].reverse().find((shift) => shift.at <= now)?.trafficPercent ?? 0;
    }
  }
  if (endpoint.status === 'RollingBack' && now >= endpoint.transitionEndsAt) {
    // A failResource fault naming the config to return to makes the old fleet fail to come back.
    if (context.faults.shouldFail(endpoint.configName)) {
      endpoint.status = 'UpdateRollbackFailed';
      endpoint.failureReason = `Rollback failed: the fleet for "${endpoint.configName}" could not be restored after alarm ${endpoint.update?.rolledBackBy} fired. Update the endpoint to a working config.`;
      endpoint.lastModifiedAt = endpoint.transitionEndsAt;
      endpoint.update = undefined;
      return;
    }
    endpoint.status = 'InService';
    endpoint.failureReason = `Update rolled back: alarm ${endpoint.update?.rolledBackBy} was in ALARM during the deployment.`;
    endpoint.lastModifiedAt = endpoint.transitionEndsAt;
    endpoint.update = undefined;
  }
  if (endpoint.status === 'Deleting' && now >= endpoint.transitionEndsAt) {
    store.endpoints.delete(key(endpoint.name));
  }
}

function endpointName(call: Call): string {
  const problems = new Problems();
  const name = problems.string(call.input, 'EndpointName', 'EndpointName', NAME_RULE);
  problems.throwIfAny();
  return name as string;
}

/** Describe of a missing endpoint is a ValidationException in real SageMaker, not ResourceNotFound. */
function findEndpoint(call: Call, name: string): EndpointRecord {
  const endpoint = call.store.endpoints.get(key(name));
  if (!endpoint) {
    throw new SimError(
      'ValidationException',
      `Could not find endpoint "${sageMakerArn(call, 'endpoint', name)}".`,
    );
  }
  return endpoint;
}

export function createEndpoint(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const name = problems.string(input, 'EndpointName', 'EndpointName', NAME_RULE);
  const configName = problems.string(input, 'EndpointConfigName', 'EndpointConfigName', NAME_RULE);
  problems.throwIfAny();
  const arn = sageMakerArn(call, 'endpoint', name as string);
  if (store.endpoints.has(key(name as string))) {
    // Real SageMaker: ValidationException "Cannot create already existing endpoint", not ResourceInUse.
    throw new SimError('ValidationException', `Cannot create already existing endpoint "${arn}".`);
  }
  const config = findEndpointConfig(call, configName as string);
  store.endpoints.set(key(name as string), {
    name: name as string,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    configName: config.name,
    status: 'Creating',
    lastModifiedAt: call.now,
    transitionEndsAt: call.context.clock.after(SECONDS.endpointCreate, call.now),
    willFail: isBroken(call, config, name as string),
  });
  return { EndpointArn: arn };
}

function instanceTypeOf(config: EndpointConfigRecord, variantName: string): unknown {
  const variants = asRecords(config.input.ProductionVariants as unknown[] | undefined);
  return variants.find((variant) => variant.VariantName === variantName)?.InstanceType;
}

/**
 * As SageMaker: an update may not remove a variant registered with Application Auto Scaling nor
 * change its instance type (changing its model is allowed); the variant must be deregistered first.
 */
function checkAutoscaledVariants(call: Call, endpoint: EndpointRecord, config: EndpointConfigRecord) {
  const current = call.store.endpointConfigs.get(endpoint.configName.toLowerCase());
  if (!current) return;
  const blocked = call.context.autoscaledVariants(endpoint.name).filter((variantName) => {
    const next = config.variants.find((variant) => variant.variantName === variantName);
    return !next || instanceTypeOf(config, variantName) !== instanceTypeOf(current, variantName);
  });
  if (blocked.length > 0) {
    throw new SimError(
      'ValidationException',
      `The variant(s) "[${blocked.join(', ')}]" must be deregistered as scalable targets with AWS Application Auto Scaling before they can be removed or have their instance type updated.`,
    );
  }
}

export function updateEndpoint(call: Call) {
  const { input } = call;
  const problems = new Problems();
  const name = problems.string(input, 'EndpointName', 'EndpointName', NAME_RULE);
  const configName = problems.string(input, 'EndpointConfigName', 'EndpointConfigName', NAME_RULE);
  const rawDeployment = problems.object(input, 'DeploymentConfig', 'DeploymentConfig');
  problems.throwIfAny();
  const deployment = parseDeploymentConfig(rawDeployment);
  const endpoint = findEndpoint(call, name as string);
  // After a failed rollback SageMaker takes an update again: that is how the endpoint is repaired.
  if (endpoint.status !== 'InService' && endpoint.status !== 'UpdateRollbackFailed') {
    throw new SimError(
      'ValidationException',
      `Cannot update in-progress endpoint "${endpoint.arn}". Endpoint status is ${endpoint.status}.`,
    );
  }
  const config = findEndpointConfig(call, configName as string);
  checkAutoscaledVariants(call, endpoint, config);
  const instances = config.variants.reduce((total, variant) => total + variant.instanceCount, 0);
  endpoint.status = 'Updating';
  endpoint.lastModifiedAt = call.now;
  endpoint.rawDeploymentConfig = rawDeployment;
  endpoint.update = {
    newConfigName: config.name,
    startedAt: call.now,
    deployment,
    plan: planUpdate(call.context.clock, call.now, deployment, instances),
    willFail: isBroken(call, config, endpoint.name),
    trafficPercent: 0,
  };
  return { EndpointArn: endpoint.arn };
}

function variantSummaries(
  call: Call,
  variants: VariantRecord[],
  since: number,
  trafficShare = 1,
  scaledCounts: Record<string, number> = {},
): Record<string, unknown>[] {
  return variants.map((variant) => {
    const count = scaledCounts[variant.variantName] ?? variant.instanceCount;
    return {
      VariantName: variant.variantName,
      DeployedImages: (call.store.models.get(key(variant.modelName))?.images ?? []).map((image) => ({
        SpecifiedImage: image,
        ResolvedImage: image,
        ResolutionTime: date(since),
      })),
      CurrentWeight: variant.weight * trafficShare,
      DesiredWeight: variant.weight,
      ...(variant.isServerless ? {} : { CurrentInstanceCount: count, DesiredInstanceCount: count }),
    };
  });
}

/**
 * The update in flight, as SageMaker reports it in PendingDeploymentSummary: the new fleet's
 * variants with their status (Creating while it is provisioned, ActivatingTraffic while traffic
 * shifts, Baking once it takes all of it) and, as CurrentWeight against DesiredWeight, the share
 * of traffic it takes so far.
 */
function pendingDeployment(call: Call, endpoint: EndpointRecord) {
  const { update } = endpoint;
  if (endpoint.status !== 'Updating' || !update) return undefined;
  const config = call.store.endpointConfigs.get(key(update.newConfigName));
  if (!config) return undefined;
  const startedAt = update.startedAt ?? endpoint.lastModifiedAt;
  const percent = update.trafficPercent;
  const status = percent === 0 ? 'Creating' : percent < 100 ? 'ActivatingTraffic' : 'Baking';
  const variantStatus = [
    { Status: status, StatusMessage: `${percent}% of traffic on the new fleet`, StartTime: date(startedAt) },
  ];
  return {
    EndpointConfigName: config.name,
    StartTime: date(startedAt),
    ProductionVariants: variantSummaries(call, config.variants, startedAt, percent / 100).map((summary) => ({
      ...summary,
      VariantStatus: variantStatus,
    })),
    ...(config.shadowVariants?.length
      ? {
          ShadowProductionVariants: variantSummaries(
            call,
            config.shadowVariants,
            startedAt,
            percent / 100,
          ).map((summary) => ({ ...summary, VariantStatus: variantStatus })),
        }
      : {}),
  };
}

export function describeEndpoint(call: Call) {
  const endpoint = findEndpoint(call, endpointName(call));
  const config = call.store.endpointConfigs.get(key(endpoint.configName));
  const isServing = !['Creating', 'Failed'].includes(endpoint.status);
  const shadows = config?.shadowVariants ?? [];
  const asyncConfig = config?.input.AsyncInferenceConfig;
  return {
    EndpointName: endpoint.name,
    EndpointArn: endpoint.arn,
    EndpointConfigName: endpoint.configName,
    EndpointStatus: endpoint.status,
    FailureReason: endpoint.failureReason,
    CreationTime: date(endpoint.createdAt),
    LastModifiedTime: date(endpoint.lastModifiedAt),
    LastDeploymentConfig: endpoint.rawDeploymentConfig,
    ProductionVariants:
      isServing && config
        ? variantSummaries(call, config.variants, endpoint.createdAt, 1, endpoint.scaledInstanceCounts)
        : undefined,
    ...(isServing && shadows.length > 0
      ? { ShadowProductionVariants: variantSummaries(call, shadows, endpoint.lastModifiedAt) }
      : {}),
    ...(asyncConfig ? { AsyncInferenceConfig: asyncConfig } : {}),
    PendingDeploymentSummary: pendingDeployment(call, endpoint),
  };
}

export function deleteEndpoint(call: Call) {
  const endpoint = findEndpoint(call, endpointName(call));
  if (endpoint.status !== 'Deleting') {
    endpoint.status = 'Deleting';
    endpoint.update = undefined;
    endpoint.lastModifiedAt = call.now;
    endpoint.transitionEndsAt = call.context.clock.after(SECONDS.endpointDelete, call.now);
  }
  return {};
}
