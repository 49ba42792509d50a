import { describe, expect, it } from 'vitest';
import { type BudgetComparison, compareWithBudget } from './compare-with-budget';

describe('a predicted cost against the remaining budget', () => {
  const cases: Array<{ total: number; remaining: number | null } & BudgetComparison> = [
    {
      total: 400,
      remaining: 1000,
      level: 'ok',
      percentOfRemaining: 40,
      message: "$400.00 a month is 40% of the $1,000.00 left in the team's budget.",
    },
    {
      total: 800,
      remaining: 1000,
      level: 'ok',
      percentOfRemaining: 80,
      message: "$800.00 a month is 80% of the $1,000.00 left in the team's budget.",
    },
    {
      total: 800.5,
      remaining: 1000,
      level: 'warn',
      percentOfRemaining: 80.1,
      message:
        "$800.50 a month is 80.1% of the $1,000.00 left in the team's budget, above the 80% warning line.",
    },
    {
      total: 1000,
      remaining: 1000,
      level: 'warn',
      percentOfRemaining: 100,
      message:
        "$1,000.00 a month is 100% of the $1,000.00 left in the team's budget, above the 80% warning line.",
    },
    {
      total: 1336.2,
      remaining: 1000,
      level: 'block',
      percentOfRemaining: 133.6,
      message:
        "$1,336.20 a month is 133.6% of the $1,000.00 left in the team's budget: deploying needs an admin override.",
    },
    {
      total: 10,
      remaining: 0,
      level: 'block',
      percentOfRemaining: null,
      message: "$10.00 a month, and nothing is left of the team's budget: deploying needs an admin override.",
    },
    {
      total: 10,
      remaining: -50,
      level: 'block',
      percentOfRemaining: null,
      message: "$10.00 a month, and nothing is left of the team's budget: deploying needs an admin override.",
    },
    {
      total: 0,
      remaining: 0,
      level: 'ok',
      percentOfRemaining: null,
      message: "This deployment costs nothing; nothing is left of the team's budget.",
    },
    {
      total: 5000,
      remaining: null,
      level: 'ok',
      percentOfRemaining: null,
      message: '$5,000.00 a month; this team has no budget set.',
    },
  ];
  it.each(cases)('$total against $remaining -> $level', ({ total, remaining, ...expected }) => {
    expect(compareWithBudget(total, remaining)).toEqual(expected);
  });
});
