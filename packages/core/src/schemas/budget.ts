import { z } from 'zod';
import { DEFAULT_THRESHOLDS_PERCENT } from '../costs/budget-status';
import { idSchema, teamIdSchema } from './common';

export const budgetTeamInput = z.object({ teamId: teamIdSchema });
export type BudgetTeamInput = z.infer<typeof budgetTeamInput>;

const thresholdMessage = 'Each threshold must be a whole percent between 1 and 1000';

/** A team-wide budget (projectId null) or one project's; saving the same scope again updates it. */
export const saveBudgetInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema.nullable().default(null),
  monthlyUsd: z
    .number({ message: 'Monthly budget must be a number of US dollars' })
    .positive({ message: 'Monthly budget must be more than 0' })
    .max(9_999_999_999, { message: 'Monthly budget must be less than 10 billion' })
    .multipleOf(0.01, { message: 'Monthly budget must be in whole cents' }),
  thresholdsPercent: z
    .array(
      z
        .number({ message: thresholdMessage })
        .int({ message: thresholdMessage })
        .min(1, { message: thresholdMessage })
        .max(1000, { message: thresholdMessage }),
      {
        message: 'Thresholds must be a list of percentages',
      },
    )
    .min(1, { message: 'Give at least one threshold' })
    .max(10, { message: 'Give at most 10 thresholds' })
    .default([...DEFAULT_THRESHOLDS_PERCENT])
    .transform((values) => [...new Set(values)].sort((a, b) => a - b)),
  ownerId: idSchema.nullable().default(null),
});
export type SaveBudgetInput = z.infer<typeof saveBudgetInput>;

export const deleteBudgetInput = z.object({ teamId: teamIdSchema, budgetId: idSchema });
export type DeleteBudgetInput = z.infer<typeof deleteBudgetInput>;
