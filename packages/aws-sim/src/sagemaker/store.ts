import type { EndpointShape } from '../cloudwatch/metrics';
import type { ResourceStore, ResourceSummary } from '../core/caller';
import type { SimContext } from '../core/context';
import type { Tracked } from './common';
import type { EndpointConfigRecord } from './endpoint-configs';
import { advanceEndpoint, type EndpointRecord } from './endpoints';
import type { ModelPackageGroupRecord, ModelPackageRecord } from './model-packages';
import type { ModelRecord } from './models';
import { advanceExecution, type PipelineExecutionRecord } from './pipelines';
import { advanceTransformJob, type TransformJobRecord } from './transform-jobs';

function summary(
  type: string,
  record: Tracked,
  status: string,
  details?: Record<string, unknown>,
): ResourceSummary {
  return {
    type,
    name: record.name,
    arn: record.arn,
    status,
    createdAt: new Date(record.createdAt).toISOString(),
    createdBy: record.createdBy,
    details,
  };
}

/** All SageMaker state of one sim instance, keyed by lowercased name (or ARN where AWS does). */
export class SageMakerStore implements ResourceStore {
  readonly models = new Map<string, ModelRecord>();
  readonly endpointConfigs = new Map<string, EndpointConfigRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  readonly transformJobs = new Map<string, TransformJobRecord>();
  readonly packageGroups = new Map<string, ModelPackageGroupRecord>();
  /** Versioned packages by ARN. */
  readonly packages = new Map<string, ModelPackageRecord>();
  /** Pipelines that exist (seeded via the admin API, or auto-created for `cairn-` names). */
  readonly pipelines = new Set<string>();
  readonly executions = new Map<string, PipelineExecutionRecord>();

  constructor(private readonly context: SimContext) {}

  /** Moves every time-driven resource to the state it has reached by now. */
  advance(now = this.context.clock.now()): void {
    this.context.refreshAlarms(now);
    for (const endpoint of [...this.endpoints.values()]) advanceEndpoint(this, this.context, endpoint, now);
    for (const job of this.transformJobs.values()) advanceTransformJob(job, now);
    for (const execution of this.executions.values()) advanceExecution(execution, now);
  }

  /** What CloudWatch needs to generate an endpoint's metrics; read without advancing, to avoid a cycle. */
  endpointShape(name: string): EndpointShape | undefined {
    const endpoint = this.endpoints.get(name.toLowerCase());
    if (!endpoint || endpoint.status === 'Failed') return undefined;
    const config = this.endpointConfigs.get(endpoint.configName.toLowerCase());
    return {
      name: endpoint.name,
      createdAt: endpoint.createdAt,
      isAsync: config?.isAsync ?? false,
      variants: (config?.variants ?? []).map((variant) => ({
        name: variant.variantName,
        // What scaling set, until the next config replaces it (as DescribeEndpoint shows).
        instanceCount: endpoint.scaledInstanceCounts?.[variant.variantName] ?? variant.instanceCount,
        weight: variant.weight,
      })),
    };
  }

  list(): ResourceSummary[] {
    this.advance();
    return [
      ...[...this.models.values()].map((model) => summary('model', model, 'Created')),
      ...[...this.endpointConfigs.values()].map((config) => summary('endpoint-config', config, 'Created')),
      ...[...this.endpoints.values()].map((endpoint) =>
        summary('endpoint', endpoint, endpoint.status, {
          endpointConfigName: endpoint.configName,
          trafficPercentOnNewFleet: endpoint.update?.trafficPercent,
          failureReason: endpoint.failureReason,
        }),
      ),
      ...[...this.transformJobs.values()].map((job) => summary('transform-job', job, job.status)),
      ...[...this.packageGroups.values()].map((group) => summary('model-package-group', group, 'Completed')),
      ...[...this.packages.values()].map((item) =>
        summary('model-package', item, 'Completed', {
          modelPackageGroupName: item.groupName,
          modelPackageVersion: item.version,
          modelApprovalStatus: item.approvalStatus,
        }),
      ),
      ...[...this.executions.values()].map((execution) =>
        summary('pipeline-execution', execution, execution.status, {
          pipelineName: execution.pipelineName,
          clientRequestToken: execution.clientRequestToken,
        }),
      ),
    ];
  }

  reset(): void {
    for (const map of [
      this.models,
      this.endpointConfigs,
      this.endpoints,
      this.transformJobs,
      this.packageGroups,
      this.packages,
      this.executions,
    ]) {
      map.clear();
    }
    this.pipelines.clear();
  }
}
