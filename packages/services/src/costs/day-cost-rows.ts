import { addDays } from '@cairn/core/costs/cost-calendar';
import { type CostItem, deploymentCostForDay } from '@cairn/core/costs/deployment-day-cost';
import { pipelineRunCostForDay } from '@cairn/core/costs/pipeline-run-cost';
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
 * meets the range and every pipeline run that did. Instance counts are the spec's: the worker
 * records no capacity changes yet (the minute metrics hold invocations and utilisation, not the
 * variant's instance count), so an autoscaled fleet is priced at its initial count. Serverless
 * inference is priced from the collected invocations and mean model latency of the day.
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
  const byDay = new Map<number, CostRow[]>();
  for (let day = input.from; day.getTime() < rangeEnd.getTime(); day = addDays(day, 1)) {
    if (day.getTime() >= input.now.getTime()) break;
    const rows: CostRow[] = [];
    for (const deployment of deployments) {
      const items = deploymentCostForDay(
        { ...deployment, servedOnDay: served.get(`${deployment.id}:${day.getTime()}`) },
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
