import {
  createDeploymentInput,
  deleteDeploymentInput,
  deploymentRefInput,
  listDeploymentsInput,
  previewDeploymentInput,
  rollbackDeploymentInput,
} from '@cairn/core/schemas/deployment-request';
import { endShadowInput, shadowComparisonInput } from '@cairn/core/schemas/shadow-request';
import { compareShadowDeployment } from '@cairn/services/deployments/compare-shadow-variants';
import { createDeployment } from '@cairn/services/deployments/create-deployment';
import { deleteDeployment } from '@cairn/services/deployments/delete-deployment';
import { endShadowDeployment } from '@cairn/services/deployments/end-shadow-deployment';
import { getDeployment } from '@cairn/services/deployments/get-deployment';
import { listDeployments } from '@cairn/services/deployments/list-deployments';
import { previewDeployment } from '@cairn/services/deployments/preview-deployment';
import { rollbackDeployment } from '@cairn/services/deployments/rollback-deployment';
import { createRouter, teamProcedure } from '../trpc';

export const deploymentRouter = createRouter({
  list: teamProcedure('project:read')
    .input(listDeploymentsInput)
    .query(({ ctx, input }) => listDeployments(ctx, input)),
  byId: teamProcedure('project:read')
    .input(deploymentRefInput)
    .query(({ ctx, input }) => getDeployment(ctx, input)),
  preview: teamProcedure('project:read')
    .input(previewDeploymentInput)
    .query(({ ctx, input }) => previewDeployment(ctx, input)),
  create: teamProcedure('project:write')
    .input(createDeploymentInput)
    .mutation(({ ctx, input }) => createDeployment(ctx, input)),
  rollback: teamProcedure('project:write')
    .input(rollbackDeploymentInput)
    .mutation(({ ctx, input }) => rollbackDeployment(ctx, input)),
  shadowComparison: teamProcedure('project:read')
    .input(shadowComparisonInput)
    .query(({ ctx, input }) => compareShadowDeployment(ctx, input)),
  endShadow: teamProcedure('project:write')
    .input(endShadowInput)
    .mutation(({ ctx, input }) => endShadowDeployment(ctx, input)),
  delete: teamProcedure('project:write')
    .input(deleteDeploymentInput)
    .mutation(({ ctx, input }) => deleteDeployment(ctx, input)),
});
