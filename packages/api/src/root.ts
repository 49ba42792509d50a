import { approvalRouter } from './routers/approval';
import { approvalPolicyRouter } from './routers/approval-policy';
import { auditRouter } from './routers/audit';
import { budgetRouter } from './routers/budget';
import { costRouter } from './routers/cost';
import { deploymentRouter } from './routers/deployment';
import { environmentRouter } from './routers/environment';
import { experimentRouter } from './routers/experiment';
import { meRouter } from './routers/me';
import { memberRouter } from './routers/member';
import { modelGroupRouter } from './routers/model-group';
import { modelVersionRouter } from './routers/model-version';
import { monitoringRouter } from './routers/monitoring';
import { notificationRouter } from './routers/notification';
import { opsRouter } from './routers/ops';
import { pipelineRouter } from './routers/pipeline';
import { projectRouter } from './routers/project';
import { runRouter } from './routers/run';
import { teamRouter } from './routers/team';
import { tokenRouter } from './routers/token';
import { userRouter } from './routers/user';
import { webhookRouter } from './routers/webhook';
import { createCallerFactory, createRouter } from './trpc';

export const appRouter = createRouter({
  me: meRouter,
  team: teamRouter,
  member: memberRouter,
  project: projectRouter,
  token: tokenRouter,
  modelGroup: modelGroupRouter,
  modelVersion: modelVersionRouter,
  pipeline: pipelineRouter,
  environment: environmentRouter,
  deployment: deploymentRouter,
  monitoring: monitoringRouter,
  approval: approvalRouter,
  approvalPolicy: approvalPolicyRouter,
  notification: notificationRouter,
  webhook: webhookRouter,
  experiment: experimentRouter,
  run: runRouter,
  audit: auditRouter,
  user: userRouter,
  ops: opsRouter,
  budget: budgetRouter,
  cost: costRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: for React Server Components and tests. */
export const createCaller = createCallerFactory(appRouter);
