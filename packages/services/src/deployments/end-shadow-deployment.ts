import { shadowWindowOf } from '@cairn/core/deployments/shadow-window';
import { conflict, DomainError } from '@cairn/core/errors';
import type { EndShadowInput } from '@cairn/core/schemas/shadow-request';
import { personInTeam } from '../approvals/approver-role';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { endShadowVariantJob } from '../jobs/job-contracts';
import { deploymentForPerson } from './load-deployment';

/** A request to end the shadow counts as in progress this long; after it, another may be sent. */
const REQUEST_PENDING_MS = 60 * 60 * 1000;

/** The job key of a deployment's shadow ending: the sweep and a person's request share it. */
export const endShadowJobKey = (deploymentId: string) => `end-shadow:${deploymentId}`;

/**
 * Ends a shadow test before its days are up: the endpoint goes back to its production variants
 * only (the worker's end-shadow job). Refused for a deployment that is not a shadow test, not in
 * service, or whose shadow has already ended. Audited with the reason.
 */
export async function endShadowDeployment(ctx: ServiceContext, input: EndShadowInput) {
  const queue = requireQueue(ctx);
  const person = personInTeam(ctx, input.teamId);
  return ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Deployment" WHERE id = ${input.deploymentId}::uuid FOR UPDATE`;
    const { deployment, project } = await deploymentForPerson(tx, ctx, input, 'project:write');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const window = shadowWindowOf(deployment);
    if (!window) throw conflict('This deployment is not a shadow test: it has no shadow variant to end');
    if (deployment.shadowEndedAt) {
      throw conflict(`The shadow variant already ended on ${deployment.shadowEndedAt.toISOString()}`);
    }
    if (deployment.status !== 'IN_SERVICE') {
      throw conflict(
        `Only a shadow test in service can be ended; this one is ${deployment.status.toLowerCase().replaceAll('_', ' ')}`,
      );
    }
    // A request after the worker reported a failure is a retry, not a duplicate of the first.
    const pending = deployment.shadowEndFailure
      ? null
      : await tx.auditEvent.findFirst({
          where: {
            resourceId: deployment.id,
            action: 'deployment.endShadow',
            outcome: 'SUCCESS',
            occurredAt: { gte: new Date(Date.now() - REQUEST_PENDING_MS) },
          },
          select: { occurredAt: true },
        });
    if (pending) {
      throw conflict(
        `The shadow variant is already being ended (requested at ${pending.occurredAt.toISOString()})`,
      );
    }
    const jobId = await enqueueJob(
      tx,
      queue,
      endShadowVariantJob,
      {
        teamId: deployment.teamId,
        deploymentId: deployment.id,
        requestedByUserId: person.userId,
        requestedByLabel: person.email,
      },
      { key: endShadowJobKey(deployment.id) },
    );
    if (deployment.shadowEndFailure) {
      await tx.deployment.update({ where: { id: deployment.id }, data: { shadowEndFailure: null } });
    }
    await tx.deploymentEvent.create({
      data: {
        deploymentId: deployment.id,
        status: deployment.status,
        detail: `Early end of the shadow variant requested by ${person.email}${input.reason ? `: ${input.reason}` : ''}`,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'deployment.endShadow',
      resourceType: 'Deployment',
      resourceId: deployment.id,
      teamId: deployment.teamId,
      reason: input.reason ?? null,
      before: deployment.shadowEndFailure ? { shadowEndFailure: deployment.shadowEndFailure } : null,
      after: { jobId, shadowPercent: window.shadowPercent, days: window.days, dueAt: window.endsAt },
    });
    return { deploymentId: deployment.id, jobId };
  });
}
