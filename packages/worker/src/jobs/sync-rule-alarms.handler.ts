import { ALARMED_DEPLOYMENT_STATUSES, usesRollbackAlarms } from '@cairn/core/deployments/rollback-alarms';
import { type JobPayload, syncRuleAlarmsJob } from '@cairn/services/jobs/job-contracts';
import { syncRuleAlarms } from './deployment-alarms';
import { loadDeploymentTarget, PRIMARY_VARIANT, teamAwsFor } from './deployment-aws';
import type { JobHandler, JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof syncRuleAlarmsJob>;

const LIVE: readonly string[] = ALARMED_DEPLOYMENT_STATUSES;

/**
 * Brings a live deployment's rule alarms in line with its alert rules after a rule changed: puts
 * one per enabled rule CloudWatch can express, deletes those of rules deleted, disabled or no longer
 * expressible. SageMaker keeps the alarm names an update in flight was given, so only the alarms'
 * definitions and existence change.
 */
export const syncRuleAlarmsHandler: JobHandler<Payload> = {
  contract: syncRuleAlarmsJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const deployment = await loadDeploymentTarget(db, payload.deploymentId);
    if (!deployment || deployment.teamId !== payload.teamId) return { skipped: 'deployment deleted' };
    if (!LIVE.includes(deployment.status)) return { skipped: deployment.status };
    if (!usesRollbackAlarms(deployment)) return { skipped: 'the deployment does not roll back on alarms' };
    const aws = openTeamAws(run.deps, teamAwsFor(deployment, payload, run.jobId));
    try {
      const result = await syncRuleAlarms(aws, db, deployment, PRIMARY_VARIANT);
      return {
        put: result.put,
        deleted: result.deleted,
        skipped: result.skipped.map(({ rule, reason }) => ({ ruleId: rule.id, reason })),
      };
    } finally {
      aws.close();
    }
  },
};
