import type { Actor, RequestMeta } from '@cairn/core/actor';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { Tx } from '@cairn/db/client';

/**
 * Resolves a deployment's open alerts when it stops serving (superseded, failed, deleted): nothing
 * evaluates them any more, so left open they would never clear. Each resolve is audited with why.
 */
export async function resolveEndedDeploymentAlerts(
  tx: Tx,
  input: { deploymentId: string; teamId: string; reason: string; actor: Actor; request: RequestMeta },
): Promise<number> {
  const open = await tx.alert.findMany({
    where: { deploymentId: input.deploymentId, status: { in: ['FIRING', 'ACKNOWLEDGED'] } },
    select: { id: true, status: true },
  });
  if (open.length === 0) return 0;
  const now = new Date();
  await tx.alert.updateMany({
    where: { id: { in: open.map((alert) => alert.id) } },
    data: { status: 'RESOLVED', resolvedAt: now },
  });
  for (const alert of open) {
    await appendAuditEvent(tx, {
      actor: input.actor,
      request: input.request,
      action: 'alert.resolve',
      resourceType: 'Alert',
      resourceId: alert.id,
      teamId: input.teamId,
      outcome: 'SUCCESS',
      reason: `The deployment stopped serving: ${input.reason}`,
      before: { status: alert.status },
      after: { status: 'RESOLVED' },
    });
  }
  return open.length;
}
