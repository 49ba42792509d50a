import type { DeploymentIssue } from '@cairn/core/deployments/deployment-issue';

/** Refusals from the preview grouped by field, every message kept (two rules can refuse one field). */
export function issuesByField(issues: readonly DeploymentIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues)
    out[issue.field] = out[issue.field] ? `${out[issue.field]} ${issue.message}` : issue.message;
  return out;
}

/** A server error's field ("spec.strategy.canaryPercent") as the wizard names it. */
export function wizardFieldOf(serverField: string): string {
  return serverField.startsWith('spec.') ? serverField.slice('spec.'.length) : serverField;
}

/**
 * The field messages the wizard shows: the schema's, then the preview's refusals. "Is required"
 * waits for a first Deploy click so a blank form does not open in red.
 */
export function visibleFieldErrors(
  schemaErrors: Record<string, string>,
  refusals: Record<string, string>,
  hasTriedToDeploy: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(schemaErrors)) {
    if (hasTriedToDeploy || !/ is required$/.test(message)) out[field] = message;
  }
  for (const [field, message] of Object.entries(refusals)) out[field] ??= message;
  return out;
}
