import { conflict, notFound } from '@cairn/core/errors';
import type { AcknowledgeAlertInput } from '@cairn/core/monitoring/monitoring-schemas';
import { personInTeam } from '../approvals/approver-role';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/**
 * Acknowledges a firing alert: who, when and their note, audited. The alert stays open until its
 * condition clears. An alert already acknowledged or resolved is a CONFLICT that says by whom or when.
 */
export async function acknowledgeAlert(ctx: ServiceContext, input: AcknowledgeAlertInput) {
  const person = personInTeam(ctx, input.teamId);
  return ctx.db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { id: input.alertId, teamId: input.teamId } });
    if (!alert) throw notFound('Alert');
    await projectForPerson(tx, ctx, { teamId: alert.teamId, projectId: alert.projectId }, 'project:write');
    const now = new Date();
    const { count } = await tx.alert.updateMany({
      where: { id: alert.id, status: 'FIRING' },
      data: {
        status: 'ACKNOWLEDGED',
        acknowledgedAt: now,
        acknowledgedById: person.userId,
        acknowledgeNote: input.note,
      },
    });
    if (count === 0) {
      const current = await tx.alert.findUniqueOrThrow({ where: { id: alert.id } });
      if (current.status === 'RESOLVED') {
        throw conflict(
          `This alert resolved at ${current.resolvedAt?.toISOString() ?? 'an earlier time'}; there is nothing left to acknowledge`,
        );
      }
      const by = current.acknowledgedById
        ? await tx.user.findUnique({ where: { id: current.acknowledgedById }, select: { email: true } })
        : null;
      throw conflict(
        `This alert was already acknowledged by ${by?.email ?? 'someone'} at ${current.acknowledgedAt?.toISOString() ?? 'an earlier time'}`,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'alert.acknowledge',
      resourceType: 'Alert',
      resourceId: alert.id,
      teamId: alert.teamId,
      reason: input.note,
      before: { status: alert.status },
      after: { status: 'ACKNOWLEDGED', acknowledgedAt: now.toISOString(), acknowledgedBy: person.email },
    });
    return tx.alert.findUniqueOrThrow({ where: { id: alert.id } });
  });
}
