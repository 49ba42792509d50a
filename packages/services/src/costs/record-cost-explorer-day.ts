import { isoDay, utcDay } from '@cairn/core/costs/cost-calendar';
import type { CostResourceKind } from '@cairn/core/costs/deployment-day-cost';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';
import { systemRequest } from '../context';
import { COST_ACTOR } from './cost-actor';

/** One group of a Cost Explorer day: the `cairn:deployment` tag's value ('' for untagged spend). */
export interface CostExplorerGroup {
  deploymentTag: string;
  amountUsd: number;
}

const KIND_BY_DEPLOYMENT_TYPE: Record<string, CostResourceKind> = {
  BATCH: 'TRANSFORM',
  SERVERLESS: 'SERVERLESS',
  REALTIME: 'ENDPOINT_INSTANCE',
  ASYNC: 'ENDPOINT_INSTANCE',
};

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Replaces a team's entries of one UTC day with what Cost Explorer billed, grouped by the
 * `cairn:deployment` tag: when it reported any spend, all of the team's entries for the day
 * (estimates and earlier Cost Explorer rows) are deleted and the billed rows inserted, in one
 * transaction with its audit event, so rerunning a day gives the same rows. A day Cost Explorer
 * reported nothing for is left as it is (the estimates keep covering it). Returns the rows stored.
 */
export async function recordCostExplorerDay(
  db: PrismaClient,
  input: { teamId: string; day: Date; groups: readonly CostExplorerGroup[]; requestId?: string },
): Promise<number> {
  const day = utcDay(input.day);
  if (input.groups.length === 0) return 0;
  const tags = [...new Set(input.groups.map((group) => group.deploymentTag).filter((tag) => tag !== ''))];
  const deployments = await db.deployment.findMany({
    // Tags carry deployment ids; anything else (a hand-set tag) cannot be one.
    where: { teamId: input.teamId, id: { in: tags.filter(isUuid) } },
    select: { id: true, projectId: true, awsResourceName: true, type: true },
  });
  const byId = new Map(deployments.map((deployment) => [deployment.id, deployment]));
  const rows = input.groups.map((group) => {
    const deployment = byId.get(group.deploymentTag);
    return {
      day,
      teamId: input.teamId,
      projectId: deployment?.projectId ?? null,
      deploymentId: deployment?.id ?? null,
      resourceKind: deployment
        ? (KIND_BY_DEPLOYMENT_TYPE[deployment.type] ?? 'ENDPOINT_INSTANCE')
        : 'ENDPOINT_INSTANCE',
      description: deployment
        ? `${deployment.awsResourceName}, billed in Cost Explorer`
        : group.deploymentTag === ''
          ? 'Untagged in Cost Explorer'
          : `Tagged cairn:deployment=${group.deploymentTag} in Cost Explorer, not a deployment of this team`,
      quantity: 1,
      unit: 'day',
      amountUsd: round4(group.amountUsd),
      source: 'COST_EXPLORER' as const,
    };
  });
  await db.$transaction(async (tx) => {
    // The same lock as the estimates' recomputation of this day: the two never interleave.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`costs:${isoDay(day)}`}))`;
    const deleted = await tx.costEntry.deleteMany({ where: { day, teamId: input.teamId } });
    await tx.costEntry.createMany({ data: rows });
    await appendAuditEvent(tx, {
      actor: COST_ACTOR,
      request: { ...systemRequest(COST_ACTOR.label), requestId: input.requestId ?? crypto.randomUUID() },
      action: 'cost.cost-explorer.record',
      resourceType: 'CostEntry',
      teamId: input.teamId,
      outcome: 'SUCCESS',
      after: {
        day: isoDay(day),
        entries: rows.length,
        replaced: deleted.count,
        amountUsd: round4(rows.reduce((sum, row) => sum + row.amountUsd, 0)),
      },
    });
  });
  return rows.length;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
