import type { ApprovalPolicy } from '@cairn/core/schemas/approval-policy';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "168 hours" reads better as "7 days"; whole days only, so "36 hours" stays as typed. */
export function formatHours(hours: number): string {
  if (hours >= 24 && hours % 24 === 0) return plural(hours / 24, 'day', 'days');
  return plural(hours, 'hour', 'hours');
}

/** The policy as sentences anyone on the team can read, one rule each, in the order they are checked. */
export function policyInWords(policy: ApprovalPolicy): string[] {
  const lines = [
    `${plural(policy.requiredApprovals, 'approval', 'approvals')} from approvers who neither registered the version nor authored its run.`,
  ];
  for (const gate of policy.metricGates) {
    lines.push(`The run's ${gate.metric} must be ${gate.op} ${gate.threshold}.`);
  }
  if (policy.beatsProduction) {
    const better = policy.beatsProduction.direction === 'higher' ? 'higher' : 'lower';
    lines.push(
      `${policy.beatsProduction.metric} must be at least as good as the version in production (${better} is better).`,
    );
  }
  if (policy.budgetHeadroom) {
    lines.push("The predicted monthly cost must fit in what is left of the team's budget.");
  }
  lines.push(`A request expires ${formatHours(policy.requestTtlHours)} after it is opened.`);
  return lines;
}
