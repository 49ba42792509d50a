import type { AlertRule } from '@cairn/db/generated/prisma/client';
import { describe, expect, it } from 'vitest';
import {
  legacyRollbackAlarmNames,
  MAX_ROLLBACK_ALARMS,
  planRuleAlarms,
  ruleAlarmName,
} from './deployment-alarms';
import { describeShift } from './deployment-guardrails';

const DEPLOYMENT = {
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  projectId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  awsResourceName: 'cairn-ep-0193a1b2c3d47e5f8a9b0c1d2e3f4a5b',
};

let next = 0;
function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  next += 1;
  return {
    id: `0193a1b2-c3d4-7e5f-8a9b-${String(next).padStart(12, '0')}`,
    teamId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d',
    projectId: DEPLOYMENT.projectId,
    deploymentId: null,
    name: `rule ${next}`,
    metric: 'invocation_5xx',
    statistic: 'Sum',
    comparator: 'GREATER_THAN',
    threshold: 5,
    windowMinutes: 1,
    evaluationPeriods: 1,
    severity: 'CRITICAL',
    isDefault: false,
    isEnabled: true,
    cloudwatchAlarmName: null,
    createdById: null,
    createdAt: new Date('2026-11-25T12:00:00Z'),
    ...overrides,
  };
}

describe('planRuleAlarms', () => {
  it('mirrors enabled rules, says why others cannot be, and leaves disabled ones out', () => {
    const errors = rule();
    const drift = rule({ metric: 'drift:*', statistic: 'Average' });
    const disabled = rule({ isEnabled: false });
    const plan = planRuleAlarms([errors, drift, disabled], DEPLOYMENT, 'primary');
    expect(plan.alarms.map((alarm) => alarm.alarmName)).toEqual([ruleAlarmName(errors.id, DEPLOYMENT.id)]);
    expect(plan.alarms[0]?.definition.subject).toMatchObject({
      kind: 'metric',
      metric: { dimensions: { EndpointName: DEPLOYMENT.awsResourceName, VariantName: 'primary' } },
    });
    expect(plan.skipped).toEqual([
      { rule: drift, reason: expect.stringContaining('not one CloudWatch metric') },
    ]);
  });

  it('stops at the ten alarms SageMaker takes and says so for the rest', () => {
    const rules = Array.from({ length: MAX_ROLLBACK_ALARMS + 2 }, () => rule());
    const plan = planRuleAlarms(rules, DEPLOYMENT, 'primary');
    expect(plan.alarms).toHaveLength(MAX_ROLLBACK_ALARMS);
    expect(plan.skipped.map((skipped) => skipped.rule.id)).toEqual(rules.slice(-2).map((r) => r.id));
    expect(plan.skipped[0]?.reason).toMatch(/at most 10 rollback alarms/);
  });

  it('names alarms from the rule and the deployment, apart from the legacy fixed names', () => {
    const name = ruleAlarmName(rule().id, DEPLOYMENT.id);
    expect(name).toMatch(/^cairn-alarm-[0-9a-f]{32}$/);
    expect(legacyRollbackAlarmNames(DEPLOYMENT.id)).not.toContain(name);
  });
});

describe('describeShift', () => {
  const canary = { shift: { kind: 'canary' as const, canaryPercent: 10 }, waitSeconds: 300 };

  it('counts the rule alarms the update rolls back on', () => {
    expect(describeShift({ ...canary, rollbackAlarmNames: ['a', 'b'] })).toBe(
      'canary 10%, bake 300 s, rolls back on 2 alert rule alarms',
    );
  });

  it('says why there are no rollback alarms when the strategy asked for them', () => {
    expect(
      describeShift(
        { ...canary, rollbackAlarmNames: [] },
        { skippedReasons: ['The largest drift of all features is not one CloudWatch metric'] },
      ),
    ).toBe(
      'canary 10%, bake 300 s, no rollback alarms: no enabled alert rule can be a CloudWatch alarm (The largest drift of all features is not one CloudWatch metric)',
    );
  });
});
