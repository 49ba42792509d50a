import { idSchema } from '@cairn/core/schemas/common';
import { z } from 'zod';

/**
 * A queue's contract, defined once: its name, the payload every producer sends and every handler
 * receives, and how pg-boss retries it. Exhausted jobs go to the dead-letter queue, where the
 * operations page shows them and an admin can send them back.
 */
export interface JobContract<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
  retryLimit: number;
  /** Seconds before the first retry; doubled each time with jitter (pg-boss backoff). */
  retryDelay: number;
  retryDelayMax: number;
  /** A job still active after this long is treated as crashed and retried. */
  expireInSeconds: number;
  /**
   * The worker refreshes a running job this often (halved); a job whose worker died stops being
   * refreshed and is retried after this long, instead of waiting for its expiry.
   */
  heartbeatSeconds?: number;
}

export const DEAD_LETTER_QUEUE = 'cairn.dead-letter';

function defineJob<Payload>(contract: JobContract<Payload>): JobContract<Payload> {
  return contract;
}

/** Who asked for the work: AWS calls run with them as SourceIdentity and are audited on their behalf. */
const requestedBy = z.object({
  requestedByUserId: idSchema.nullable(),
  requestedByLabel: z.string().min(1).max(254),
});

export const verifyTeamAwsAccessJob = defineJob({
  name: 'team.verify-aws-access',
  payload: requestedBy.extend({ teamId: idSchema, checkId: idSchema }),
  retryLimit: 4,
  retryDelay: 2,
  retryDelayMax: 60,
  expireInSeconds: 120,
  heartbeatSeconds: 10,
});

export const mirrorModelGroupJob = defineJob({
  name: 'model-group.mirror',
  payload: requestedBy.extend({ teamId: idSchema, modelGroupId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/** Creates a model version's SageMaker model package (PendingManualApproval) in its group. */
export const registerModelVersionJob = defineJob({
  name: 'model-version.register',
  payload: requestedBy.extend({ teamId: idSchema, modelVersionId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/**
 * Writes a version's approval status (and, after an artifact change, its inference specification)
 * to its model package with UpdateModelPackage. Reads the version's current state when it runs, so
 * a late or replayed job writes the latest status, never an old one.
 */
export const syncModelVersionApprovalJob = defineJob({
  name: 'model-version.sync-approval',
  payload: requestedBy.extend({ teamId: idSchema, modelVersionId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/** Answers the CodePipeline manual approval action a pipeline run waits at (PutApprovalResult). */
export const answerPipelineApprovalJob = defineJob({
  name: 'pipeline-run.answer-approval',
  payload: requestedBy.extend({ teamId: idSchema, runId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 120,
  heartbeatSeconds: 10,
});

/** POSTs one webhook delivery, signed; a non-2xx answer or a network error is retried with backoff. */
export const deliverWebhookJob = defineJob({
  name: 'webhook.deliver',
  payload: z.object({ teamId: idSchema, deliveryId: idSchema }),
  retryLimit: 6,
  retryDelay: 5,
  retryDelayMax: 600,
  expireInSeconds: 60,
});

/** Marks approval requests past their expiry as EXPIRED; the worker sends it every minute. */
export const expireApprovalRequestsJob = defineJob({
  name: 'approval.expire-requests',
  payload: z.object({}),
  retryLimit: 2,
  retryDelay: 10,
  retryDelayMax: 60,
  expireInSeconds: 120,
});

export const startPipelineRunJob = defineJob({
  name: 'pipeline-run.start',
  payload: requestedBy.extend({ teamId: idSchema, runId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/**
 * An AWS event asked for this look: it records what it sees like any other and schedules no next
 * look, because the poll chain keeps its own pace (and stays the fallback when events are late).
 */
const isEventLook = z.boolean().optional();

/** One look at a running pipeline; it enqueues the next look (with backoff) until the run ends. */
export const reconcilePipelineRunJob = defineJob({
  name: 'pipeline-run.reconcile',
  payload: requestedBy.extend({
    teamId: idSchema,
    runId: idSchema,
    /** When the reconciler stops waiting and records the run as timed out. */
    giveUpAt: z.iso.datetime(),
    isEventLook,
  }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 120,
  heartbeatSeconds: 10,
});

/**
 * Charts a finished run's long metric series ahead of their first read (MetricChartCache). Only an
 * optimisation: a chart the job has not made yet is computed on read, so few retries are needed.
 */
export const warmRunChartsJob = defineJob({
  name: 'run.warm-charts',
  payload: z.object({ teamId: idSchema, runId: idSchema }),
  retryLimit: 3,
  retryDelay: 5,
  retryDelayMax: 60,
  // A run of many million-point keys takes a scan per key: about a second each.
  expireInSeconds: 900,
  heartbeatSeconds: 30,
});

/**
 * Creates (or updates) what a deployment runs in SageMaker: the model, the endpoint config and the
 * endpoint (with the rollout's DeploymentConfig), or the batch transform job. Names derive from
 * the deployment's id, so a retried job adopts what an earlier attempt created.
 */
export const rolloutDeploymentJob = defineJob({
  name: 'deployment.rollout',
  payload: requestedBy.extend({ teamId: idSchema, deploymentId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/** One look at a rolling-out deployment's endpoint or job; enqueues the next look until it settles. */
export const reconcileDeploymentJob = defineJob({
  name: 'deployment.reconcile',
  payload: requestedBy.extend({
    teamId: idSchema,
    deploymentId: idSchema,
    giveUpAt: z.iso.datetime(),
    isEventLook,
  }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 60,
  expireInSeconds: 120,
  heartbeatSeconds: 10,
});

/** Deletes a deployment's endpoint (or stops its transform job) and follows it until it is gone. */
export const deleteDeploymentJob = defineJob({
  name: 'deployment.delete',
  payload: requestedBy.extend({ teamId: idSchema, deploymentId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/**
 * Reads every in-service endpoint's CloudWatch metrics since its last stored minute and evaluates
 * its alert rules; the worker sends it every minute. A missed minute is caught up by the next run,
 * so one retry is enough.
 */
export const collectDeploymentMetricsJob = defineJob({
  name: 'deployment.collect-metrics',
  payload: z.object({}),
  retryLimit: 1,
  retryDelay: 10,
  retryDelayMax: 30,
  expireInSeconds: 300,
  heartbeatSeconds: 30,
});

/**
 * Brings the CloudWatch alarms that mirror a deployment's alert rules in line with the rules (put
 * the enabled ones, delete the rest); sent in the transaction that changes a rule.
 */
export const syncRuleAlarmsJob = defineJob({
  name: 'deployment.sync-rule-alarms',
  payload: requestedBy.extend({ teamId: idSchema, deploymentId: idSchema }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/** Removes a shadow deployment's shadow variant once its stated days have passed. */
export const endShadowVariantJob = defineJob({
  name: 'deployment.end-shadow',
  // `isFollowUp`: a later look after the update was sent, which only describes the endpoint.
  payload: requestedBy.extend({
    teamId: idSchema,
    deploymentId: idSchema,
    isFollowUp: z.boolean().optional(),
  }),
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

/**
 * Recomputes the estimated cost entries of a range of UTC days (YYYY-MM-DD, both included) and
 * checks budgets against their thresholds. The worker sends yesterday and today every hour; an org
 * admin can send a range to backfill. Rerunning a day replaces it, so retries are safe.
 */
export const computeCostsJob = defineJob({
  name: 'cost.compute',
  payload: z.object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    requestedByUserId: idSchema.nullable().default(null),
  }),
  retryLimit: 3,
  retryDelay: 30,
  retryDelayMax: 600,
  expireInSeconds: 1_800,
  heartbeatSeconds: 30,
});

export const JOB_CONTRACTS: readonly JobContract<unknown>[] = [
  verifyTeamAwsAccessJob,
  mirrorModelGroupJob,
  registerModelVersionJob,
  syncModelVersionApprovalJob,
  startPipelineRunJob,
  answerPipelineApprovalJob,
  deliverWebhookJob,
  expireApprovalRequestsJob,
  reconcilePipelineRunJob,
  rolloutDeploymentJob,
  reconcileDeploymentJob,
  deleteDeploymentJob,
  warmRunChartsJob,
  collectDeploymentMetricsJob,
  syncRuleAlarmsJob,
  endShadowVariantJob,
  computeCostsJob,
];

export type JobPayload<C> = C extends JobContract<infer P> ? P : never;
