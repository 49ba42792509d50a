import {
  acknowledgeAlertInput,
  alertRuleRefInput,
  createAlertRuleInput,
  deploymentMetricsInput,
  listAlertRulesInput,
  listAlertsInput,
  openAlertSummaryInput,
  updateAlertRuleInput,
} from '@cairn/core/monitoring/monitoring-schemas';
import { acknowledgeAlert } from '@cairn/services/monitoring/acknowledge-alert';
import { createAlertRule } from '@cairn/services/monitoring/create-alert-rule';
import { deleteAlertRule } from '@cairn/services/monitoring/delete-alert-rule';
import { listAlertRules } from '@cairn/services/monitoring/list-alert-rules';
import { listAlerts } from '@cairn/services/monitoring/list-alerts';
import { listDeploymentMetrics } from '@cairn/services/monitoring/list-deployment-metrics';
import { openAlertSummary } from '@cairn/services/monitoring/open-alert-summary';
import { updateAlertRule } from '@cairn/services/monitoring/update-alert-rule';
import { createRouter, protectedProcedure, teamProcedure } from '../trpc';

export const monitoringRouter = createRouter({
  metrics: teamProcedure('project:read')
    .input(deploymentMetricsInput)
    .query(({ ctx, input }) => listDeploymentMetrics(ctx, input)),
  alerts: teamProcedure('project:read')
    .input(listAlertsInput)
    .query(({ ctx, input }) => listAlerts(ctx, input)),
  // Across the person's teams for the home page: the service limits it to teams they belong to.
  openAlertSummary: protectedProcedure
    .input(openAlertSummaryInput)
    .query(({ ctx, input }) => openAlertSummary(ctx, input)),
  acknowledge: teamProcedure('project:write')
    .input(acknowledgeAlertInput)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx, input)),
  rules: teamProcedure('project:read')
    .input(listAlertRulesInput)
    .query(({ ctx, input }) => listAlertRules(ctx, input)),
  createRule: teamProcedure('project:write')
    .input(createAlertRuleInput)
    .mutation(({ ctx, input }) => createAlertRule(ctx, input)),
  updateRule: teamProcedure('project:write')
    .input(updateAlertRuleInput)
    .mutation(({ ctx, input }) => updateAlertRule(ctx, input)),
  deleteRule: teamProcedure('project:write')
    .input(alertRuleRefInput)
    .mutation(({ ctx, input }) => deleteAlertRule(ctx, input)),
});
