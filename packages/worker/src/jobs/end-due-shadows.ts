import { isShadowDue, shadowWindowOf } from '@cairn/core/deployments/shadow-window';
import type { Deployment } from '@cairn/db/generated/prisma/client';
import { endShadowJobKey } from '@cairn/services/deployments/end-shadow-deployment';
import { sendFollowUpJob } from '@cairn/services/jobs/enqueue-job';
import { endShadowVariantJob } from '@cairn/services/jobs/job-contracts';
import type { WorkerDeps } from './job-runner';

type Watched = Pick<
  Deployment,
  'id' | 'teamId' | 'status' | 'spec' | 'inServiceAt' | 'shadowEndedAt' | 'shadowEndFailure'
>;

/**
 * Sends the end-shadow job for each in-service shadow test whose days have passed since it came in
 * service. Keyed per deployment, so the minute sweeps that see it due before it has ended send one
 * job between them; the job itself does nothing for a shadow already ended. A shadow SageMaker
 * refused to end waits for a person to ask again rather than being retried every minute.
 */
export async function endDueShadows(
  deps: Pick<WorkerDeps, 'queue' | 'logger'>,
  deployments: Watched[],
  now: Date,
): Promise<string[]> {
  const { queue } = deps;
  if (!queue) return [];
  const sent: string[] = [];
  for (const deployment of deployments) {
    if (deployment.status !== 'IN_SERVICE' || deployment.shadowEndFailure) continue;
    if (!isShadowDue(shadowWindowOf(deployment), now)) continue;
    try {
      const jobId = await sendFollowUpJob(
        queue,
        endShadowVariantJob,
        {
          teamId: deployment.teamId,
          deploymentId: deployment.id,
          requestedByUserId: null,
          requestedByLabel: 'cairn-monitor',
        },
        { key: endShadowJobKey(deployment.id) },
      );
      if (jobId) sent.push(deployment.id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.warn({ deploymentId: deployment.id, reason }, 'could not send the end-shadow job');
    }
  }
  return sent;
}
