import { DEFAULT_ALERT_RULES } from '@cairn/core/monitoring/default-alert-rules';
import type { Tx } from '@cairn/db/client';

/**
 * Gives a new endpoint deployment the default rules (5xx rate, p99 latency, feature drift), inside
 * the deployment's own transaction. A batch transform serves no traffic, so it gets none.
 */
export async function createDefaultAlertRules(
  tx: Tx,
  deployment: { id: string; teamId: string; projectId: string; type: string; createdById: string | null },
): Promise<number> {
  if (deployment.type === 'BATCH') return 0;
  const { count } = await tx.alertRule.createMany({
    data: DEFAULT_ALERT_RULES.map((rule) => ({
      ...rule,
      teamId: deployment.teamId,
      projectId: deployment.projectId,
      deploymentId: deployment.id,
      isDefault: true,
      createdById: deployment.createdById,
    })),
  });
  return count;
}
