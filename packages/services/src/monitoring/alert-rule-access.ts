import { notFound } from '@cairn/core/errors';
import type { Permission } from '@cairn/core/permissions';
import type { Db } from '@cairn/db/client';
import type { ServiceContext } from '../context';
import { projectForPerson } from '../model-versions/model-version-access';

/** A rule of the team, after authorizing the person for its project; a foreign id is NOT_FOUND. */
export async function alertRuleForPerson(
  tx: Db,
  ctx: ServiceContext,
  input: { teamId: string; ruleId: string },
  permission: Permission,
) {
  const rule = await tx.alertRule.findFirst({ where: { id: input.ruleId, teamId: input.teamId } });
  if (!rule) throw notFound('Alert rule');
  await projectForPerson(tx, ctx, { teamId: rule.teamId, projectId: rule.projectId }, permission);
  return rule;
}

/** The fields an audit event shows of a rule, before and after a change. */
export function auditedRule(rule: {
  name: string;
  deploymentId: string | null;
  metric: string;
  statistic: string;
  comparator: string;
  threshold: number;
  windowMinutes: number;
  evaluationPeriods: number;
  severity: string;
  isEnabled: boolean;
}) {
  return {
    name: rule.name,
    deploymentId: rule.deploymentId,
    metric: rule.metric,
    statistic: rule.statistic,
    comparator: rule.comparator,
    threshold: rule.threshold,
    windowMinutes: rule.windowMinutes,
    evaluationPeriods: rule.evaluationPeriods,
    severity: rule.severity,
    isEnabled: rule.isEnabled,
  };
}
