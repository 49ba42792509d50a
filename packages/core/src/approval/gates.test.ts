import { describe, expect, it } from 'vitest';
import type { BeatsProductionGate, MetricGate } from '../schemas/approval-policy';
import {
  evaluateApprovalsGate,
  evaluateBeatsProductionGate,
  evaluateBudgetGate,
  evaluateMetricGate,
} from './gates';

describe('a metric gate', () => {
  const cases: Array<{ gate: MetricGate; value: number | undefined; passed: boolean; reason: string }> = [
    {
      gate: { metric: 'accuracy', op: '>=', threshold: 0.85 },
      value: 0.85,
      passed: true,
      reason: 'accuracy is 0.85, meets >= 0.85',
    },
    {
      gate: { metric: 'accuracy', op: '>=', threshold: 0.85 },
      value: 0.83,
      passed: false,
      reason: 'accuracy is 0.83, needs >= 0.85',
    },
    {
      gate: { metric: 'accuracy', op: '>', threshold: 0.85 },
      value: 0.85,
      passed: false,
      reason: 'accuracy is 0.85, needs > 0.85',
    },
    {
      gate: { metric: 'accuracy', op: '>', threshold: 0.85 },
      value: 0.9,
      passed: true,
      reason: 'accuracy is 0.9, meets > 0.85',
    },
    {
      gate: { metric: 'loss', op: '<=', threshold: 0.2 },
      value: 0.2,
      passed: true,
      reason: 'loss is 0.2, meets <= 0.2',
    },
    {
      gate: { metric: 'loss', op: '<=', threshold: 0.2 },
      value: 0.31,
      passed: false,
      reason: 'loss is 0.31, needs <= 0.2',
    },
    {
      gate: { metric: 'loss', op: '<', threshold: 0.2 },
      value: 0.2,
      passed: false,
      reason: 'loss is 0.2, needs < 0.2',
    },
    {
      gate: { metric: 'loss', op: '<', threshold: 0.2 },
      value: -1,
      passed: true,
      reason: 'loss is -1, meets < 0.2',
    },
    {
      gate: { metric: 'failed_checks', op: '==', threshold: 0 },
      value: 0,
      passed: true,
      reason: 'failed_checks is 0, meets == 0',
    },
    {
      gate: { metric: 'failed_checks', op: '==', threshold: 0 },
      value: 2,
      passed: false,
      reason: 'failed_checks is 2, needs == 0',
    },
    {
      gate: { metric: 'f1', op: '>=', threshold: 0.7 },
      value: undefined,
      passed: false,
      reason: 'the run never logged f1, needs >= 0.7',
    },
    ...(['>=', '>', '<=', '<', '=='] as const).map((op) => ({
      gate: { metric: 'auc', op, threshold: 0.5 },
      value: Number.NaN,
      passed: false,
      reason: `auc is NaN, not a finite number, needs ${op} 0.5`,
    })),
    {
      gate: { metric: 'auc', op: '>=', threshold: 0.5 },
      value: Number.POSITIVE_INFINITY,
      passed: false,
      reason: 'auc is Infinity, not a finite number, needs >= 0.5',
    },
    {
      gate: { metric: 'loss', op: '<=', threshold: 0.5 },
      value: Number.NEGATIVE_INFINITY,
      passed: false,
      reason: 'loss is -Infinity, not a finite number, needs <= 0.5',
    },
    {
      gate: { metric: 'accuracy', op: '>=', threshold: 0.83 },
      value: 0.1 + 0.73,
      passed: true,
      reason: 'accuracy is 0.83, meets >= 0.83',
    },
    {
      gate: { metric: 'accuracy', op: '>=', threshold: 0.85 },
      value: 0.8499999999,
      passed: false,
      reason: 'accuracy is 0.8499999999, needs >= 0.85',
    },
  ];

  it.each(cases)(
    '$gate.metric $gate.op $gate.threshold with $value -> $passed',
    ({ gate, value, passed, reason }) => {
      const metrics = value === undefined ? { other: 1 } : { [gate.metric]: value };
      const result = evaluateMetricGate(gate, 3, metrics);
      expect(result).toMatchObject({
        id: 'metric-3',
        kind: 'metric',
        passed,
        expected: gate.threshold,
        reason,
      });
      expect(result.actual).toBe(value ?? null);
    },
  );

  it('labels the gate with its rule', () => {
    expect(evaluateMetricGate({ metric: 'accuracy', op: '>=', threshold: 0.85 }, 0, {}).label).toBe(
      'accuracy >= 0.85',
    );
  });

  it('does not find metrics on Object.prototype', () => {
    const result = evaluateMetricGate({ metric: 'constructor', op: '>=', threshold: 0 }, 0, {});
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('the run never logged constructor, needs >= 0');
  });
});

describe('the beats-production gate', () => {
  const higher = { metric: 'accuracy', direction: 'higher' } as const;
  const lower = { metric: 'latency_ms', direction: 'lower' } as const;
  const cases: Array<{
    name: string;
    gate: BeatsProductionGate;
    version: Record<string, number>;
    prod: Record<string, number> | null;
    passed: boolean;
    reason: string;
  }> = [
    {
      name: 'nothing in prod',
      gate: higher,
      version: { accuracy: 0.5 },
      prod: null,
      passed: true,
      reason: 'no version in production yet',
    },
    {
      name: 'higher and better',
      gate: higher,
      version: { accuracy: 0.91 },
      prod: { accuracy: 0.89 },
      passed: true,
      reason: 'accuracy is 0.91 vs 0.89 in production (higher is better)',
    },
    {
      name: 'higher and equal',
      gate: higher,
      version: { accuracy: 0.89 },
      prod: { accuracy: 0.89 },
      passed: true,
      reason: 'accuracy is 0.89 vs 0.89 in production (higher is better)',
    },
    {
      name: 'higher and worse',
      gate: higher,
      version: { accuracy: 0.87 },
      prod: { accuracy: 0.89 },
      passed: false,
      reason: 'accuracy is 0.87, worse than 0.89 in production (higher is better)',
    },
    {
      name: 'lower and better',
      gate: lower,
      version: { latency_ms: 40 },
      prod: { latency_ms: 55 },
      passed: true,
      reason: 'latency_ms is 40 vs 55 in production (lower is better)',
    },
    {
      name: 'lower and worse',
      gate: lower,
      version: { latency_ms: 60 },
      prod: { latency_ms: 55 },
      passed: false,
      reason: 'latency_ms is 60, worse than 55 in production (lower is better)',
    },
    {
      name: 'version never logged it',
      gate: higher,
      version: {},
      prod: { accuracy: 0.89 },
      passed: false,
      reason: 'the run never logged accuracy',
    },
    {
      name: 'version NaN',
      gate: higher,
      version: { accuracy: Number.NaN },
      prod: { accuracy: 0.89 },
      passed: false,
      reason: 'accuracy is NaN, not a finite number, so it cannot beat production',
    },
    {
      name: 'version Infinity',
      gate: higher,
      version: { accuracy: Number.POSITIVE_INFINITY },
      prod: { accuracy: 0.89 },
      passed: false,
      reason: 'accuracy is Infinity, not a finite number, so it cannot beat production',
    },
    {
      name: 'prod never logged it',
      gate: higher,
      version: { accuracy: 0.9 },
      prod: { loss: 1 },
      passed: false,
      reason: 'the version in production never logged accuracy, so there is nothing to compare 0.9 with',
    },
    {
      name: 'prod NaN',
      gate: lower,
      version: { latency_ms: 40 },
      prod: { latency_ms: Number.NaN },
      passed: false,
      reason: 'latency_ms of the version in production is NaN, not a finite number, so it cannot be compared',
    },
    {
      name: 'prod -Infinity',
      gate: lower,
      version: { latency_ms: 40 },
      prod: { latency_ms: Number.NEGATIVE_INFINITY },
      passed: false,
      reason:
        'latency_ms of the version in production is -Infinity, not a finite number, so it cannot be compared',
    },
  ];

  it.each(cases)('$name -> $passed', ({ gate, version, prod, passed, reason }) => {
    const result = evaluateBeatsProductionGate(gate, version, prod);
    expect(result).toMatchObject({ id: 'beats-production', kind: 'beatsProduction', passed, reason });
  });

  it('carries both numbers for the side-by-side view', () => {
    expect(evaluateBeatsProductionGate(higher, { accuracy: 0.91 }, { accuracy: 0.89 })).toMatchObject({
      actual: 0.91,
      expected: 0.89,
      label: 'accuracy at least as good as production (higher is better)',
    });
  });
});

describe('the budget gate', () => {
  const cases = [
    { name: 'no budget, no plan', cost: null, left: null, passed: true, reason: 'no budget set' },
    { name: 'no budget, a plan', cost: 5_000, left: null, passed: true, reason: 'no budget set' },
    {
      name: 'a budget, no plan',
      cost: null,
      left: 1_000,
      passed: null,
      reason:
        'no deployment planned yet, so its cost cannot be checked against the $1,000.00 left this month',
    },
    {
      name: 'fits',
      cost: 420,
      left: 1_000,
      passed: true,
      reason: 'predicted $420.00/month fits in the $1,000.00 left this month',
    },
    {
      name: 'fits exactly',
      cost: 1_000,
      left: 1_000,
      passed: true,
      reason: 'predicted $1,000.00/month fits in the $1,000.00 left this month',
    },
    {
      name: 'exceeds',
      cost: 1_200.5,
      left: 1_000,
      passed: false,
      reason: 'predicted $1,200.50/month exceeds the $1,000.00 left this month',
    },
    {
      name: 'overspent already',
      cost: 10,
      left: -50,
      passed: false,
      reason: 'predicted $10.00/month exceeds the -$50.00 left this month',
    },
    {
      name: 'free deployment, nothing left',
      cost: 0,
      left: 0,
      passed: true,
      reason: 'predicted $0.00/month fits in the $0.00 left this month',
    },
    {
      name: 'rounds to the same cents',
      cost: 1_000.004,
      left: 1_000,
      passed: false,
      reason: 'predicted $1000.004/month exceeds the $1000 left this month',
    },
    {
      name: 'NaN cost',
      cost: Number.NaN,
      left: 1_000,
      passed: false,
      reason: 'predicted $NaN/month against $1,000.00 left this month cannot be compared',
    },
  ];

  it.each(cases)('$name -> $passed', ({ cost, left, passed, reason }) => {
    expect(evaluateBudgetGate(cost, left)).toMatchObject({
      id: 'budget',
      kind: 'budget',
      passed,
      actual: cost,
      expected: left,
      reason,
    });
  });
});

describe('the approvals gate', () => {
  it.each([
    { valid: 0, required: 1, passed: false, reason: '0 of 1 required approval' },
    { valid: 1, required: 1, passed: true, reason: '1 of 1 required approval' },
    { valid: 1, required: 2, passed: false, reason: '1 of 2 required approvals' },
    { valid: 3, required: 2, passed: true, reason: '3 of 2 required approvals' },
  ])('$valid of $required -> $passed', ({ valid, required, passed, reason }) => {
    expect(evaluateApprovalsGate(valid, required)).toMatchObject({
      passed,
      reason,
      actual: valid,
      expected: required,
    });
  });
});
