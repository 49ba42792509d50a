import { formatUsd } from './cost-line';

/** Above this share of the remaining budget the preview warns. */
export const BUDGET_WARN_PERCENT = 80;
/** Above this share the deploy is blocked unless an admin overrides (the caller's business). */
export const BUDGET_BLOCK_PERCENT = 100;

export type BudgetLevel = 'ok' | 'warn' | 'block';

export interface BudgetComparison {
  level: BudgetLevel;
  /** Predicted cost as a percentage of what is left; null when there is no budget or nothing left. */
  percentOfRemaining: number | null;
  message: string;
}

/** Sets a deployment's predicted monthly cost against what is left of the team's budget. */
export function compareWithBudget(totalUsd: number, remainingBudgetUsd: number | null): BudgetComparison {
  const cost = formatUsd(totalUsd);
  if (remainingBudgetUsd === null) {
    return {
      level: 'ok',
      percentOfRemaining: null,
      message: `${cost} a month; this team has no budget set.`,
    };
  }
  if (remainingBudgetUsd <= 0) {
    return totalUsd > 0
      ? {
          level: 'block',
          percentOfRemaining: null,
          message: `${cost} a month, and nothing is left of the team's budget: deploying needs an admin override.`,
        }
      : {
          level: 'ok',
          percentOfRemaining: null,
          message: "This deployment costs nothing; nothing is left of the team's budget.",
        };
  }
  const percent = Math.round((totalUsd / remainingBudgetUsd) * 1000) / 10;
  const left = formatUsd(remainingBudgetUsd);
  if (percent > BUDGET_BLOCK_PERCENT) {
    return {
      level: 'block',
      percentOfRemaining: percent,
      message: `${cost} a month is ${percent}% of the ${left} left in the team's budget: deploying needs an admin override.`,
    };
  }
  if (percent > BUDGET_WARN_PERCENT) {
    return {
      level: 'warn',
      percentOfRemaining: percent,
      message: `${cost} a month is ${percent}% of the ${left} left in the team's budget, above the ${BUDGET_WARN_PERCENT}% warning line.`,
    };
  }
  return {
    level: 'ok',
    percentOfRemaining: percent,
    message: `${cost} a month is ${percent}% of the ${left} left in the team's budget.`,
  };
}
