import { DRIFT_PREFIX, INSTANCES_METRIC, MAX_DRIFT_METRIC } from '@cairn/core/monitoring/metric-catalogue';
import {
  type EndpointShape,
  metricRowsFromResults,
  planMetricQueries,
} from '@cairn/core/monitoring/metric-collection';
import { collectDeploymentMetricsJob, type JobPayload } from '@cairn/services/jobs/job-contracts';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import { evaluateDeploymentAlerts } from '@cairn/services/monitoring/evaluate-deployment-alerts';
import { storeMetricPoints } from '@cairn/services/monitoring/store-metric-points';
import { getMetricData } from '../aws/adapters/cloudwatch';
import { describeEndpointVariants } from '../aws/adapters/endpoint-variants';
import type { AwsCaller } from '../aws/audited-call';
import { endDueShadows } from './end-due-shadows';
import type { JobHandler, JobRun, WorkerDeps } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof collectDeploymentMetricsJob>;

const EVERY_MINUTE = '* * * * *';
const MINUTE_MS = 60_000;
/** How far back a first collection (or the first after an outage) reaches: three hours of minutes. */
export const MAX_LOOKBACK_MINUTES = 180;
/** Run params that name the features Model Monitor watches (comma or space separated). */
const FEATURE_PARAM_KEYS = ['monitoring.features', 'features'];
const MAX_FEATURES = 50;
const MONITOR = { requestedByUserId: null, requestedByLabel: 'cairn-monitor' };

export interface CollectionReport {
  collected: { deploymentId: string; points: number; alerts: Record<string, number> }[];
  skipped: { deploymentId: string; reason: string }[];
  /** Shadow tests whose days have passed, sent to have their shadow variant ended. */
  shadowsEnding: string[];
}

/** Every minute: collects each in-service endpoint's CloudWatch metrics and evaluates its alert rules. */
export const collectDeploymentMetricsHandler: JobHandler<Payload> = {
  contract: collectDeploymentMetricsJob,

  async run(_payload: Payload, run: JobRun) {
    return collectDeploymentMetrics(run.deps, { now: new Date(), jobId: run.jobId });
  },
};

/**
 * Puts the collection on pg-boss's schedule; like the approval expiry sweep, every worker calls this
 * at start and pg-boss sends each minute's job once.
 */
export async function scheduleMetricCollection(queue: JobQueue): Promise<void> {
  // A collection reads from its last stored minute, so missed minutes make one run, not many.
  await queue.schedule(collectDeploymentMetricsJob.name, EVERY_MINUTE, {}, { tz: 'UTC', missed: 'once' });
}

const floorMinute = (at: number) => Math.floor(at / MINUTE_MS) * MINUTE_MS;

function splitFeatures(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((feature) => feature.trim())
    .filter((feature) => /^[A-Za-z0-9_.-]{1,100}$/.test(feature));
}

/**
 * One collection pass. A deployment whose team (or environment) has no AWS role is skipped with
 * the reason logged; one deployment's AWS failure is logged and does not stop the others. Safe
 * when passes overlap: minutes are upserted and alert decisions are recorded idempotently.
 */
export async function collectDeploymentMetrics(
  deps: WorkerDeps,
  input: { now: Date; jobId: string; deploymentIds?: string[] },
): Promise<CollectionReport> {
  const { db, logger } = deps;
  const report: CollectionReport = { collected: [], skipped: [], shadowsEnding: [] };
  const deployments = await db.deployment.findMany({
    where: {
      status: 'IN_SERVICE',
      type: { not: 'BATCH' },
      ...(input.deploymentIds ? { id: { in: input.deploymentIds } } : {}),
    },
    include: {
      environment: { select: { name: true, region: true, roleArnOverride: true } },
      project: { select: { slug: true } },
      modelVersion: { select: { runId: true } },
    },
    orderBy: { id: 'asc' },
  });
  report.shadowsEnding = await endDueShadows(deps, deployments, input.now);
  const teams = new Map(
    (
      await db.team.findMany({
        where: { id: { in: [...new Set(deployments.map((entry) => entry.teamId))] } },
      })
    ).map((team) => [team.id, team]),
  );
  for (const deployment of deployments) {
    const team = teams.get(deployment.teamId);
    const roleArn = deployment.environment.roleArnOverride ?? team?.iamRoleArn ?? null;
    if (!team || !roleArn) {
      const reason = 'The team has no AWS role set, so its endpoint metrics cannot be read';
      logger.info({ deploymentId: deployment.id, teamId: deployment.teamId }, reason);
      report.skipped.push({ deploymentId: deployment.id, reason });
      continue;
    }
    const aws = openTeamAws(deps, {
      team,
      environment: deployment.environment,
      projectSlug: deployment.project.slug,
      requester: MONITOR,
      jobId: input.jobId,
    });
    // Reads every minute for every endpoint would drown the audit trail; a failed read is audited.
    const call: AwsCaller = (target, send) =>
      send().catch((error: unknown) => aws.call(target, () => Promise.reject(error)));
    try {
      const variants = await describeEndpointVariants(
        { client: aws.clients.sagemaker, call },
        deployment.awsResourceName,
      );
      if (!variants || variants.production.length === 0) {
        const reason = variants
          ? 'The endpoint serves no variant yet'
          : 'The endpoint no longer exists in AWS';
        logger.warn({ deploymentId: deployment.id, endpoint: deployment.awsResourceName }, reason);
        report.skipped.push({ deploymentId: deployment.id, reason });
        continue;
      }
      const endpoint: EndpointShape = {
        endpointName: deployment.awsResourceName,
        productionVariants: variants.production,
        shadowVariants: variants.shadow,
        driftFeatures: await driftFeaturesOf(deps, deployment),
      };
      const last = await db.deploymentMetricPoint.findFirst({
        where: { deploymentId: deployment.id, metric: 'invocations', variant: '' },
        orderBy: { minute: 'desc' },
        select: { minute: true },
      });
      const now = input.now.getTime();
      // From the last stored minute again: it was still filling in when it was read.
      const start = Math.max(
        last ? last.minute.getTime() : 0,
        floorMinute(now) - MAX_LOOKBACK_MINUTES * MINUTE_MS,
        floorMinute((deployment.inServiceAt ?? deployment.createdAt).getTime()),
      );
      const queries = planMetricQueries(endpoint);
      const series = await getMetricData(
        { client: aws.clients.cloudwatch, call },
        {
          queries: queries.map((query) => ({
            id: query.id,
            namespace: query.namespace,
            metricName: query.metricName,
            dimensions: query.dimensions,
            stat: query.stat,
            periodSeconds: 60,
          })),
          start: new Date(start),
          end: new Date(floorMinute(now) + MINUTE_MS),
          resourceId: deployment.awsResourceName,
        },
      );
      const rows = metricRowsFromResults(
        endpoint,
        queries,
        new Map(series.map((entry) => [entry.id, entry.points])),
      );
      // What autoscaling runs now: the cost of an endpoint follows its instance count over time.
      if (variants.productionInstances !== null) {
        rows.push({
          metric: INSTANCES_METRIC,
          variant: '',
          minute: new Date(floorMinute(now)),
          value: variants.productionInstances,
        });
      }
      const points = await storeMetricPoints(db, deployment.id, rows);
      const outcomes = await evaluateDeploymentAlerts(db, {
        deployment: {
          id: deployment.id,
          teamId: deployment.teamId,
          projectId: deployment.projectId,
          awsResourceName: deployment.awsResourceName,
          environmentName: deployment.environment.name,
        },
        now: input.now,
        jobId: input.jobId,
        ...(deps.queue ? { queue: deps.queue } : {}),
      });
      const alerts: Record<string, number> = {};
      for (const { outcome } of outcomes) alerts[outcome] = (alerts[outcome] ?? 0) + 1;
      report.collected.push({ deploymentId: deployment.id, points, alerts });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.warn({ deploymentId: deployment.id, reason }, 'could not collect deployment metrics');
      report.skipped.push({ deploymentId: deployment.id, reason });
    } finally {
      aws.close();
    }
  }
  return report;
}

/**
 * The features whose drift is collected: those the deployment's rules name, and those its training
 * run listed for monitoring (a `monitoring.features` or `features` param).
 */
async function driftFeaturesOf(
  deps: WorkerDeps,
  deployment: { id: string; projectId: string; modelVersion: { runId: string | null } },
): Promise<string[]> {
  const [rules, params] = await Promise.all([
    deps.db.alertRule.findMany({
      where: {
        projectId: deployment.projectId,
        isEnabled: true,
        metric: { startsWith: DRIFT_PREFIX },
        OR: [{ deploymentId: deployment.id }, { deploymentId: null }],
      },
      select: { metric: true },
    }),
    deployment.modelVersion.runId
      ? deps.db.runParam.findMany({
          where: { runId: deployment.modelVersion.runId, key: { in: FEATURE_PARAM_KEYS } },
          select: { value: true },
        })
      : Promise.resolve([]),
  ]);
  const features = new Set<string>();
  for (const rule of rules) {
    if (rule.metric !== MAX_DRIFT_METRIC) features.add(rule.metric.slice(DRIFT_PREFIX.length));
  }
  for (const param of params) for (const feature of splitFeatures(param.value)) features.add(feature);
  return [...features].sort().slice(0, MAX_FEATURES);
}
