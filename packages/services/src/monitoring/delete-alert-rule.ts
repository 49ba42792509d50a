import type { AlertRuleRefInput } from '@cairn/core/monitoring/monitoring-schemas';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { alertRuleForPerson, auditedRule } from './alert-rule-access';

/**
 * Deletes an alert rule and, with it, its alerts (the schema cascades); audited with the rule as
 * it was. Disabling a rule keeps its history instead.
 */
export async function deleteAlertRule(ctx: ServiceContext, input: AlertRuleRefInput) {
  return ctx.db.$transaction(async (tx) => {
    const rule = await alertRuleForPerson(tx, ctx, input, 'project:write');
    await tx.alertRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, ctx, {
      action: 'alertRule.delete',
      resourceType: 'AlertRule',
      resourceId: rule.id,
      teamId: rule.teamId,
      before: auditedRule(rule),
    });
    return { id: rule.id };
  });
}
