import { z } from 'zod';
import { teamIdSchema } from './common';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isoDaySchema = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .regex(DAY, { message: `${label} must be a date as YYYY-MM-DD` })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
      message: `${label} must be a real date`,
    });

/** Recomputing more than this many days at once is refused: backfill in pieces. */
export const MAX_COST_RANGE_DAYS = 400;

const rangeFields = { from: isoDaySchema('From'), to: isoDaySchema('To') };

function withRangeRules<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((value) => value.from <= value.to, { message: 'From must not be after To', path: ['from'] })
    .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= MAX_COST_RANGE_DAYS * 86_400_000, {
      message: `A range may cover at most ${MAX_COST_RANGE_DAYS} days`,
      path: ['to'],
    });
}

/** A team's costs for a month: `month` is any day in it (YYYY-MM-DD); the current month when absent. */
export const teamCostsInput = z.object({ teamId: teamIdSchema, month: isoDaySchema('Month').optional() });
export type TeamCostsInput = z.infer<typeof teamCostsInput>;

export const orgCostOverviewInput = z.object({ month: isoDaySchema('Month').optional() });
export type OrgCostOverviewInput = z.infer<typeof orgCostOverviewInput>;

/** The cost entries of a team over a range of days, both included. */
export const costEntriesExportInput = withRangeRules(z.object({ teamId: teamIdSchema, ...rangeFields }));
export type CostEntriesExportInput = z.infer<typeof costEntriesExportInput>;

/** Recompute every team's estimated costs for a range of days (backfill). */
export const recomputeCostsInput = withRangeRules(z.object(rangeFields));
export type RecomputeCostsInput = z.infer<typeof recomputeCostsInput>;
