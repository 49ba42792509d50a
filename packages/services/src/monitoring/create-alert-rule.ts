import { notFound } from '@cairn/core/errors';
import type { CreateAlertRuleInput } from '@cairn/core/monitoring/monitoring-schemas';
import { personInTeam } from '../approvals/approver-role';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';
import { auditedRule } from './alert-rule-access';
import { enqueueRuleAlarmSyncs } from './enqueue-rule-alarm-syncs';

/** Adds an alert rule to a deployment, or to every deployment of the project; audited. */
export async function createAlertRule(ctx: ServiceContext, input: CreateAlertRuleInput) {
  const person = personInTeam(ctx, input.teamId);
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'project:write');
    if (input.deploymentId) {
      const deployment = await tx.deployment.findFirst({
        where: { id: input.deploymentId, projectId: project.id, teamId: project.teamId },
        select: { id: true },
      });
      if (!deployment) throw notFound('Deployment');
    }
    const { teamId: _teamId, projectId: _projectId, ...fields } = input;
    const rule = await tx.alertRule.create({
      data: { ...fields, teamId: project.teamId, projectId: project.id, createdById: person.userId },
    });
    await recordAudit(tx, ctx, {
      action: 'alertRule.create',
      resourceType: 'AlertRule',
      resourceId: rule.id,
      teamId: rule.teamId,
      after: auditedRule(rule),
    });
    await enqueueRuleAlarmSyncs(tx, ctx, rule);
    return rule;
  });
}
