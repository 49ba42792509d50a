import { addDays } from '@cairn/core/costs/cost-calendar';
import { type CostItem, deploymentCostForDay } from '@cairn/core/costs/deployment-day-cost';
import { pipelineRunCostForDay } from '@cairn/core/costs/pipeline-run-cost';
import type { CapacityChange } from '@cairn/core/costs/running-hours';
import { INSTANCES_METRIC } from '@cairn/core/monitoring/metric-catalogue';
import type { Db } from '@cairn/db/client';

/** A cost entry before it is stored. */
export interface CostRow extends CostItem {
  day: Date;
  teamId: string;
  projectId: string | null;
  deploymentId: string | null;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * What ran on each day of [from, to] (both UTC days), priced: every deployment whose running time
 * meets the range and every pipeline run that did. An endpoint's fleet follows the instance
 * counts the worker recorded each minute (what autoscaling ran); before the first, or where none
 * was recorded, it is the spec's count. Serverless inference is priced from the collected
 * invocations and mean model latency of the day.
 */
export async function costRowsForDays(
  db: Db,
  input: { from: Date; to: Date; now: Date; teamIds?: readonly string[] },
): Promise<Map<number, CostRow[]>> {
  const rangeEnd = addDays(input.to, 1);
  const teamFilter = input.teamIds ? { teamId: { in: [...input.teamIds] } } : {};
  const [deployments, runs] = await Promise.all([
    db.deployment.findMany({
      where: {
        ...teamFilter,
        OR: [{ endedAt: null }, { endedAt: { gt: input.from } }],
        AND: [
          {
            OR: [
              { type: 'BATCH', createdAt: { lt: rangeEnd } },
              { type: { not: 'BATCH' }, inServiceAt: { lt: rangeEnd } },
            ],
          },
        ],
      },
      select: {
        id: true,
        teamId: true,
        projectId: true,
        type: true,
        spec: true,
        createdAt: true,
        inServiceAt: true,
        endedAt: true,
        shadowEndedAt: true,
      },
    }),
    db.pipelineRun.findMany({
      where: {
        ...teamFilter,
        startedAt: { lt: rangeEnd },
        OR: [{ finishedAt: null }, { finishedAt: { gt: input.from } }],
      },
      select: {
        teamId: true,
        startedAt: true,
        finishedAt: true,
        pipeline: { select: { projectId: true, kind: true, awsPipelineName: true } },
      },
    }),
  ]);
  const serverlessIds = deployments.filter((d) => d.type === 'SERVERLESS').map((d) => d.id);
  const served = await servedPerDay(db, serverlessIds, input.from, rangeEnd);
  const instanceIds = deployments.filter((d) => d.type === 'REALTIME' || d.type === 'ASYNC').map((d) => d.id);
  const capacity = await capacityChangesOf(db, instanceIds, rangeEnd);
  const byDay = new Map<number, CostRow[]>();
  for (let day = input.from; day.getTime() < rangeEnd.getTime(); day = addDays(day, 1)) {
    if (day.getTime() >= input.now.getTime()) break;
    const rows: CostRow[] = [];
    for (const deployment of deployments) {
      const items = deploymentCostForDay(
        {
          ...deployment,
          servedOnDay: served.get(`${deployment.id}:${day.getTime()}`),
          capacityChanges: capacity.get(deployment.id),
        },
        day,
        input.now,
      );
      for (const item of items)
        rows.push(rowOf(item, day, deployment.teamId, deployment.projectId, deployment.id));
    }
    for (const run of runs) {
      const items = pipelineRunCostForDay(
        { ...run, kind: run.pipeline.kind, pipelineName: run.pipeline.awsPipelineName },
        day,
        input.now,
      );
      for (const item of items) rows.push(rowOf(item, day, run.teamId, run.pipeline.projectId, null));
    }
    byDay.set(day.getTime(), rows);
  }
  return byDay;
}

function rowOf(
  item: CostItem,
  day: Date,
  teamId: string,
  projectId: string | null,
  deploymentId: string | null,
): CostRow {
  return {
    ...item,
    quantity: round4(item.quantity),
    amountUsd: round4(item.amountUsd),
    day,
    teamId,
    projectId,
    deploymentId,
  };
}

/**
 * The minutes each endpoint's recorded instance count changed (its first record included), up to
 * `to`: the per-minute series reduced in SQL to the changes, however long it ran.
 */
async function capacityChangesOf(db: Db, deploymentIds: string[], to: Date) {
  const changes = new Map<string, CapacityChange[]>();
  if (deploymentIds.length === 0) return changes;
  const rows = await db.$queryRaw<{ deploymentId: string; minute: Date; value: number }[]>`
    SELECT "deploymentId", minute, value FROM (
      SELECT "deploymentId", minute, value,
             lag(value) OVER (PARTITION BY "deploymentId" ORDER BY minute) AS previous
      FROM "DeploymentMetricPoint"
      WHERE "deploymentId" = ANY(${deploymentIds}::uuid[]) AND metric = ${INSTANCES_METRIC}
        AND variant = '' AND minute < ${to}
    ) counted
    WHERE previous IS DISTINCT FROM value
    ORDER BY "deploymentId", minute`;
  for (const row of rows) {
    const list = changes.get(row.deploymentId) ?? [];
    list.push({ at: row.minute, instanceCount: row.value });
    changes.set(row.deploymentId, list);
  }
  return changes;
}

/** Invocations and mean model latency per serverless deployment per day, from the stored minutes. */
async function servedPerDay(db: Db, deploymentIds: string[], from: Date, to: Date) {
  const served = new Map<string, { requests: number; avgDurationMs: number }>();
  if (deploymentIds.length === 0) return served;
  const rows = await db.$queryRaw<
    { deploymentId: string; dayEpoch: number; requests: number | null; latency: number | null }[]
  >`
    SELECT "deploymentId",
           extract(epoch FROM date_trunc('day', minute AT TIME ZONE 'UTC'))::float8 AS "dayEpoch",
           SUM(value) FILTER (WHERE metric = 'invocations')::float8 AS requests,
           AVG(value) FILTER (WHERE metric = 'model_latency_p50')::float8 AS latency
      FROM "DeploymentMetricPoint"
     WHERE "deploymentId" = ANY(${deploymentIds}::uuid[]) AND variant = ''
       AND metric IN ('invocations', 'model_latency_p50') AND minute >= ${from} AND minute < ${to}
     GROUP BY 1, 2`;
  for (const row of rows) {
    served.set(`${row.deploymentId}:${row.dayEpoch * 1000}`, {
      requests: row.requests ?? 0,
      avgDurationMs: row.latency ?? 0,
    });
  }
  return served;
}
