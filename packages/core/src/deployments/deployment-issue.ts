/** One thing the deploy wizard refuses (or warns about), tied to the field the user should change. */
export interface DeploymentIssue {
  /** Dotted path of the field in the wizard input, e.g. `strategy.canaryPercent`. */
  field: string;
  /** Stable identifier for tests and the UI, e.g. `canary_too_large`. */
  code: string;
  /** A sentence for the user: what is wrong, SageMaker's reason and the limit. */
  message: string;
}

export function issue(field: string, code: string, message: string): DeploymentIssue {
  return { field, code, message };
}
