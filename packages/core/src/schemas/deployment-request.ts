import { z } from 'zod';
import { idSchema, teamIdSchema } from './common';
import { DEPLOYMENT_ENVIRONMENTS, deploymentSpecSchema } from './deployment';

const reasonSchema = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, { message: `${label} is required` })
    .max(500, { message: `${label} must be at most 500 characters` });

/** What the cost preview assumes beyond the spec itself. */
export const costAssumptionsSchema = z.object({
  serverlessTraffic: z
    .object({
      requestsPerMonth: z.number({ message: 'Requests per month must be a number' }).int().min(0).max(1e12),
      avgDurationMs: z.number({ message: 'Average duration must be a number' }).min(1).max(60_000),
    })
    .optional(),
  batchRunsPerMonth: z
    .number({ message: 'Runs per month must be a number' })
    .int()
    .min(1)
    .max(10_000)
    .optional(),
  batchHoursPerRun: z.number({ message: 'Hours per run must be a number' }).min(0.01).max(720).optional(),
});
export type CostAssumptions = z.infer<typeof costAssumptionsSchema>;

export const previewDeploymentInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  spec: deploymentSpecSchema,
  assumptions: costAssumptionsSchema.default({}),
});
export type PreviewDeploymentInput = z.infer<typeof previewDeploymentInput>;

export const createDeploymentInput = previewDeploymentInput.extend({
  /** A team admin deploying above the remaining budget says why; audited. */
  budgetOverrideReason: reasonSchema('Budget override reason').optional(),
});
export type CreateDeploymentInput = z.infer<typeof createDeploymentInput>;

export const deploymentRefInput = z.object({ teamId: teamIdSchema, deploymentId: idSchema });
export type DeploymentRefInput = z.infer<typeof deploymentRefInput>;

export const rollbackDeploymentInput = deploymentRefInput.extend({ reason: reasonSchema('Reason') });
export type RollbackDeploymentInput = z.infer<typeof rollbackDeploymentInput>;

export const deleteDeploymentInput = deploymentRefInput.extend({
  reason: reasonSchema('Reason'),
  /** The endpoint's name typed again: deleting takes a model out of service. */
  confirmName: z.string().trim().min(1, { message: 'Type the endpoint name to confirm' }),
});
export type DeleteDeploymentInput = z.infer<typeof deleteDeploymentInput>;

export const listDeploymentsInput = z.object({
  teamId: teamIdSchema,
  projectId: idSchema,
  environment: z.enum(DEPLOYMENT_ENVIRONMENTS).optional(),
  includeEnded: z.boolean().default(false),
});
export type ListDeploymentsInput = z.infer<typeof listDeploymentsInput>;
