import { awsResourceName, clientRequestToken } from '@cairn/core/aws-names';
import type { AlertComparator } from '@cairn/core/monitoring/evaluate-alert-rule';
import { type RuleAlarmDefinition, ruleAlarmDefinition } from '@cairn/core/monitoring/rule-alarm';
import type { PrismaClient } from '@cairn/db/client';
import type { AlertRule, Deployment } from '@cairn/db/generated/prisma/client';
import {
  alarmTags,
  deleteAlarms,
  describeAlarms,
  listEndpointAlarms,
  putMetricAlarm,
} from '../aws/adapters/cloudwatch';
import type { TeamAws } from './team-aws';

/** SageMaker takes at most this many alarms in an AutoRollbackConfiguration. */
export const MAX_ROLLBACK_ALARMS = 10;

// awsResourceName('alarm', id) is this and 32 hex digits.
const CAIRN_ALARM_PREFIX = 'cairn-alarm-';

type AlarmDeployment = Pick<Deployment, 'id' | 'projectId' | 'awsResourceName'>;

/** The domain id of the alarm that mirrors one rule on one deployment: the same on every run. */
function ruleAlarmId(ruleId: string, deploymentId: string): string {
  return clientRequestToken(`alert-rule-alarm:${ruleId}`, deploymentId);
}

export function ruleAlarmName(ruleId: string, deploymentId: string): string {
  return awsResourceName('alarm', ruleAlarmId(ruleId, deploymentId));
}

/** The fixed 5xx and p99 alarms deployments rolled out before rollback alarms came from alert rules. */
export function legacyRollbackAlarmNames(deploymentId: string): string[] {
  return (['errors', 'latency'] as const).map((kind) =>
    awsResourceName('alarm', clientRequestToken(`deployment-rollback-alarm-${kind}`, deploymentId)),
  );
}

/** The rules that apply to a deployment: its own and its project's (deploymentId null), oldest first. */
export function rulesForDeployment(db: PrismaClient, deployment: AlarmDeployment): Promise<AlertRule[]> {
  return db.alertRule.findMany({
    where: {
      projectId: deployment.projectId,
      OR: [{ deploymentId: deployment.id }, { deploymentId: null }],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** Every alarm name a deployment may have: one per rule that applies, and the legacy fixed ones. */
export async function deploymentAlarmNames(db: PrismaClient, deployment: AlarmDeployment): Promise<string[]> {
  const rules = await rulesForDeployment(db, deployment);
  return [
    ...rules.map((rule) => ruleAlarmName(rule.id, deployment.id)),
    ...legacyRollbackAlarmNames(deployment.id),
  ];
}

export interface PlannedRuleAlarm {
  rule: AlertRule;
  alarmName: string;
  definition: RuleAlarmDefinition;
}

export interface RuleAlarmPlan {
  alarms: PlannedRuleAlarm[];
  /** Enabled rules CloudWatch cannot express (or past SageMaker's ten), with why. */
  skipped: { rule: AlertRule; reason: string }[];
}

/** Which enabled rules become alarms on the variant, the first ten that CloudWatch can express. */
export function planRuleAlarms(
  rules: readonly AlertRule[],
  deployment: AlarmDeployment,
  variantName: string,
): RuleAlarmPlan {
  const plan: RuleAlarmPlan = { alarms: [], skipped: [] };
  for (const rule of rules) {
    if (!rule.isEnabled) continue;
    const mirrored = ruleAlarmDefinition(
      { ...rule, comparator: rule.comparator as AlertComparator },
      { endpointName: deployment.awsResourceName, variantName },
    );
    if (!mirrored.canMirror) {
      plan.skipped.push({ rule, reason: mirrored.reason });
    } else if (plan.alarms.length >= MAX_ROLLBACK_ALARMS) {
      plan.skipped.push({ rule, reason: `SageMaker takes at most ${MAX_ROLLBACK_ALARMS} rollback alarms` });
    } else {
      plan.alarms.push({
        rule,
        alarmName: ruleAlarmName(rule.id, deployment.id),
        definition: mirrored.alarm,
      });
    }
  }
  return plan;
}

async function putRuleAlarm(aws: TeamAws, deployment: AlarmDeployment, planned: PlannedRuleAlarm) {
  const ctx = { client: aws.clients.cloudwatch, call: aws.call };
  const { definition, rule } = planned;
  const common = {
    alarmId: ruleAlarmId(rule.id, deployment.id),
    description: `Cairn alert rule "${rule.name}" on deployment ${deployment.id}; rolls back its update`,
    periodSeconds: definition.periodSeconds,
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    threshold: definition.threshold,
    comparison: definition.comparison,
    treatMissingData: definition.treatMissingData,
    tags: { 'cairn:deployment': deployment.id, 'cairn:alert-rule': rule.id },
  };
  const { subject } = definition;
  if (subject.kind === 'math') {
    await putMetricAlarm(ctx, {
      ...common,
      math: {
        queries: subject.queries.map((query) => ({ id: query.id, stat: query.stat, ...query.metric })),
        expression: subject.expression,
      },
    });
  } else {
    await putMetricAlarm(ctx, {
      ...common,
      ...subject.metric,
      ...(subject.statistic ? { statistic: subject.statistic as 'Sum' } : {}),
      ...(subject.extendedStatistic ? { extendedStatistic: subject.extendedStatistic } : {}),
    });
  }
}

/** Puts (creates or replaces) one alarm per planned rule; answers the plan. */
export async function putRuleAlarms(
  aws: TeamAws,
  db: PrismaClient,
  deployment: AlarmDeployment,
  variantName: string,
): Promise<RuleAlarmPlan> {
  const plan = planRuleAlarms(await rulesForDeployment(db, deployment), deployment, variantName);
  for (const planned of plan.alarms) await putRuleAlarm(aws, deployment, planned);
  return plan;
}

/**
 * Makes the deployment's rule alarms match its rules: puts the planned ones and deletes the rest
 * it has, found by their tags (a deleted rule's id is gone from the database, not from its alarm).
 */
export async function syncRuleAlarms(
  aws: TeamAws,
  db: PrismaClient,
  deployment: AlarmDeployment,
  variantName: string,
): Promise<{ put: string[]; deleted: string[]; skipped: RuleAlarmPlan['skipped'] }> {
  const ctx = { client: aws.clients.cloudwatch, call: aws.call };
  const plan = await putRuleAlarms(aws, db, deployment, variantName);
  const wanted = new Set(plan.alarms.map((alarm) => alarm.alarmName));
  const onEndpoint = await listEndpointAlarms(ctx, {
    alarmNamePrefix: CAIRN_ALARM_PREFIX,
    endpointName: deployment.awsResourceName,
  });
  const stale: string[] = [];
  for (const alarm of onEndpoint) {
    if (wanted.has(alarm.alarmName)) continue;
    const tags = await alarmTags(ctx, alarm.alarmArn);
    if (tags['cairn:deployment'] === deployment.id && tags['cairn:alert-rule']) stale.push(alarm.alarmName);
  }
  const { deleted } = await deleteAlarms(ctx, stale);
  return { put: [...wanted], deleted, skipped: plan.skipped };
}

/** The deployment's rollback alarms now in ALARM: its rule alarms (by tag) and the legacy fixed ones. */
export async function firingRollbackAlarms(
  aws: TeamAws,
  deployment: Pick<Deployment, 'id' | 'awsResourceName'>,
): Promise<string[]> {
  const ctx = { client: aws.clients.cloudwatch, call: aws.call };
  const onEndpoint = await listEndpointAlarms(ctx, {
    alarmNamePrefix: CAIRN_ALARM_PREFIX,
    endpointName: deployment.awsResourceName,
  });
  const firing: string[] = [];
  for (const alarm of onEndpoint) {
    if (alarm.state !== 'ALARM') continue;
    const tags = await alarmTags(ctx, alarm.alarmArn);
    if (tags['cairn:deployment'] === deployment.id) firing.push(alarm.alarmName);
  }
  const legacy = await describeAlarms(ctx, legacyRollbackAlarmNames(deployment.id));
  for (const alarm of legacy) {
    if (alarm.state === 'ALARM' && !firing.includes(alarm.alarmName)) firing.push(alarm.alarmName);
  }
  return firing;
}
