import { answerPipelineApprovalHandler } from './answer-pipeline-approval.handler';
import { collectDeploymentMetricsHandler } from './collect-deployment-metrics.handler';
import { computeCostsHandler } from './compute-costs.handler';
import { deleteDeploymentHandler } from './delete-deployment.handler';
import { deliverWebhookHandler } from './deliver-webhook.handler';
import { endShadowVariantHandler } from './end-shadow-variant.handler';
import { expireApprovalRequestsHandler } from './expire-approval-requests.handler';
import type { JobHandler } from './job-runner';
import { mirrorModelGroupHandler } from './mirror-model-group.handler';
import { reconcileDeploymentHandler } from './reconcile-deployment.handler';
import { reconcilePipelineRunHandler } from './reconcile-pipeline-run.handler';
import { registerModelVersionHandler } from './register-model-version.handler';
import { rolloutDeploymentHandler } from './rollout-deployment.handler';
import { startPipelineRunHandler } from './start-pipeline-run.handler';
import { syncModelVersionApprovalHandler } from './sync-model-version-approval.handler';
import { syncRuleAlarmsHandler } from './sync-rule-alarms.handler';
import { verifyTeamAwsAccessHandler } from './verify-team-aws-access.handler';
import { warmRunChartsHandler } from './warm-run-charts.handler';

/** Every queue the worker serves. A contract without a handler here is never worked. */
export const HANDLERS: JobHandler<never>[] = [
  verifyTeamAwsAccessHandler as JobHandler<never>,
  mirrorModelGroupHandler as JobHandler<never>,
  registerModelVersionHandler as JobHandler<never>,
  syncModelVersionApprovalHandler as JobHandler<never>,
  startPipelineRunHandler as JobHandler<never>,
  answerPipelineApprovalHandler as JobHandler<never>,
  deliverWebhookHandler as JobHandler<never>,
  expireApprovalRequestsHandler as JobHandler<never>,
  reconcilePipelineRunHandler as JobHandler<never>,
  warmRunChartsHandler as JobHandler<never>,
  collectDeploymentMetricsHandler as JobHandler<never>,
  rolloutDeploymentHandler as JobHandler<never>,
  reconcileDeploymentHandler as JobHandler<never>,
  deleteDeploymentHandler as JobHandler<never>,
  syncRuleAlarmsHandler as JobHandler<never>,
  endShadowVariantHandler as JobHandler<never>,
  computeCostsHandler as JobHandler<never>,
];
