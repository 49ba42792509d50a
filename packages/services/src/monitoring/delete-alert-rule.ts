import type { AlertRuleRefInput } from '@cairn/core/monitoring/monitoring-schemas';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { alertRuleForPerson, auditedRule } from './alert-rule-access';
import { enqueueRuleAlarmSyncs } from './enqueue-rule-alarm-syncs';

/**
 * Deletes an alert rule, audited with the rule as it was. Its alerts stay as history (each keeps
 * the rule's name and condition); the ones still open resolve, since nothing evaluates them now.
 */
export async function deleteAlertRule(ctx: ServiceContext, input: AlertRuleRefInput) {
  return ctx.db.$transaction(async (tx) => {
    const rule = await alertRuleForPerson(tx, ctx, input, 'project:write');
    const resolved = await tx.alert.updateMany({
      where: { ruleId: rule.id, status: { in: ['FIRING', 'ACKNOWLEDGED'] } },
      data: { status: 'RESOLVED', resolvedAt: new Date() },
    });
    await tx.alertRule.delete({ where: { id: rule.id } });
    await enqueueRuleAlarmSyncs(tx, ctx, rule);
    await recordAudit(tx, ctx, {
      action: 'alertRule.delete',
      resourceType: 'AlertRule',
      resourceId: rule.id,
      teamId: rule.teamId,
      before: auditedRule(rule),
      after: { openAlertsResolved: resolved.count },
    });
    return { id: rule.id, openAlertsResolved: resolved.count };
  });
}
