import { invalidInput } from '@cairn/core/errors';
import type { UpdateAlertRuleInput } from '@cairn/core/monitoring/monitoring-schemas';
import { createAlertRuleInput } from '@cairn/core/monitoring/monitoring-schemas';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { alertRuleForPerson, auditedRule } from './alert-rule-access';
import { enqueueRuleAlarmSyncs } from './enqueue-rule-alarm-syncs';

/** Changes an alert rule (threshold, window, severity, enabled, ...); audited with before and after. */
export async function updateAlertRule(ctx: ServiceContext, input: UpdateAlertRuleInput) {
  return ctx.db.$transaction(async (tx) => {
    const before = await alertRuleForPerson(tx, ctx, input, 'project:write');
    const { teamId: _teamId, ruleId: _ruleId, ...changes } = input;
    // The merged rule must hold as a whole: a longer window alone can break the one-day span.
    const merged = createAlertRuleInput.safeParse({ ...before, ...changes });
    if (!merged.success) {
      const issue = merged.error.issues[0];
      throw invalidInput(issue?.message ?? 'The rule is not valid', issue?.path.join('.'));
    }
    const after = await tx.alertRule.update({ where: { id: before.id }, data: changes });
    await recordAudit(tx, ctx, {
      action: 'alertRule.update',
      resourceType: 'AlertRule',
      resourceId: after.id,
      teamId: after.teamId,
      before: auditedRule(before),
      after: auditedRule(after),
    });
    await enqueueRuleAlarmSyncs(tx, ctx, after);
    return after;
  });
}
