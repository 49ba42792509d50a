import type { BeatsProductionGate, MetricGate, MetricGateOp } from '../schemas/approval-policy';
import type { GateResult } from './approval-types';
import { formatNumber, formatPair, formatUsd } from './format';

/**
 * The evidence gates of an approval policy. Each returns a result with the numbers and a sentence
 * for the approver; none throws, whatever the evidence holds.
 *
 * A non-finite value (NaN, ±Infinity) never passes: MLflow stores them as logged, and a metric
 * that blew up is not evidence that the model is good, even where `Infinity >= 0.85` would hold.
 */

const COMPARE: Record<MetricGateOp, (actual: number, threshold: number) => boolean> = {
  '>=': (a, t) => a >= t,
  '>': (a, t) => a > t,
  '<=': (a, t) => a <= t,
  '<': (a, t) => a < t,
  // Exact: thresholds are typed by people and compared with what the run logged, bit for bit.
  '==': (a, t) => a === t,
};

/** Own keys only, so a metric named "constructor" is not found on Object.prototype. */
function readMetric(metrics: Record<string, number>, key: string): number | undefined {
  return Object.hasOwn(metrics, key) ? metrics[key] : undefined;
}

export function evaluateMetricGate(
  gate: MetricGate,
  index: number,
  versionMetrics: Record<string, number>,
): GateResult {
  const label = `${gate.metric} ${gate.op} ${formatNumber(gate.threshold)}`;
  const base = { id: `metric-${index}`, kind: 'metric' as const, label, expected: gate.threshold };
  const actual = readMetric(versionMetrics, gate.metric);
  if (actual === undefined) {
    return {
      ...base,
      passed: false,
      actual: null,
      reason: `the run never logged ${gate.metric}, needs ${gate.op} ${formatNumber(gate.threshold)}`,
    };
  }
  if (!Number.isFinite(actual)) {
    return {
      ...base,
      passed: false,
      actual,
      reason: `${gate.metric} is ${formatNumber(actual)}, not a finite number, needs ${gate.op} ${formatNumber(gate.threshold)}`,
    };
  }
  const [shownActual, shownThreshold] = formatPair(actual, gate.threshold);
  const passed = COMPARE[gate.op](actual, gate.threshold);
  return {
    ...base,
    passed,
    actual,
    reason: passed
      ? `${gate.metric} is ${shownActual}, meets ${gate.op} ${shownThreshold}`
      : `${gate.metric} is ${shownActual}, needs ${gate.op} ${shownThreshold}`,
  };
}

/**
 * Passes when nothing is in prod (nothing to beat). Fails when either side lacks a finite value
 * for the primary metric: a silent pass there would let a regression through unseen.
 */
export function evaluateBeatsProductionGate(
  gate: BeatsProductionGate,
  versionMetrics: Record<string, number>,
  productionMetrics: Record<string, number> | null,
): GateResult {
  const better = gate.direction === 'higher' ? 'higher is better' : 'lower is better';
  const label = `${gate.metric} at least as good as production (${better})`;
  const base = { id: 'beats-production', kind: 'beatsProduction' as const, label };
  const actual = readMetric(versionMetrics, gate.metric);
  if (productionMetrics === null) {
    return {
      ...base,
      passed: true,
      actual: actual ?? null,
      expected: null,
      reason: 'no version in production yet',
    };
  }
  const production = readMetric(productionMetrics, gate.metric);
  const expected = production ?? null;
  if (actual === undefined) {
    return { ...base, passed: false, actual: null, expected, reason: `the run never logged ${gate.metric}` };
  }
  if (!Number.isFinite(actual)) {
    return {
      ...base,
      passed: false,
      actual,
      expected,
      reason: `${gate.metric} is ${formatNumber(actual)}, not a finite number, so it cannot beat production`,
    };
  }
  if (production === undefined) {
    return {
      ...base,
      passed: false,
      actual,
      expected,
      reason: `the version in production never logged ${gate.metric}, so there is nothing to compare ${formatNumber(actual)} with`,
    };
  }
  if (!Number.isFinite(production)) {
    return {
      ...base,
      passed: false,
      actual,
      expected,
      reason: `${gate.metric} of the version in production is ${formatNumber(production)}, not a finite number, so it cannot be compared`,
    };
  }
  const passed = gate.direction === 'higher' ? actual >= production : actual <= production;
  const [shownActual, shownProduction] = formatPair(actual, production);
  return {
    ...base,
    passed,
    actual,
    expected,
    reason: passed
      ? `${gate.metric} is ${shownActual} vs ${shownProduction} in production (${better})`
      : `${gate.metric} is ${shownActual}, worse than ${shownProduction} in production (${better})`,
  };
}

/**
 * Passes when the team has no budget. With a budget but no planned prod deployment the gate
 * cannot be evaluated (passed: null), which blocks approval: otherwise not planning the
 * deployment would be a way around the budget check.
 */
export function evaluateBudgetGate(
  predictedMonthlyCostUsd: number | null,
  remainingBudgetUsd: number | null,
): GateResult {
  const base = {
    id: 'budget',
    kind: 'budget' as const,
    label: 'predicted monthly cost fits in the remaining budget',
    actual: predictedMonthlyCostUsd,
    expected: remainingBudgetUsd,
  };
  if (remainingBudgetUsd === null) return { ...base, passed: true, reason: 'no budget set' };
  if (predictedMonthlyCostUsd === null) {
    return {
      ...base,
      passed: null,
      reason: `no deployment planned yet, so its cost cannot be checked against the ${formatUsd(remainingBudgetUsd)} left this month`,
    };
  }
  if (!Number.isFinite(predictedMonthlyCostUsd) || !Number.isFinite(remainingBudgetUsd)) {
    return {
      ...base,
      passed: false,
      reason: `predicted ${formatUsd(predictedMonthlyCostUsd)}/month against ${formatUsd(remainingBudgetUsd)} left this month cannot be compared`,
    };
  }
  const passed = predictedMonthlyCostUsd <= remainingBudgetUsd;
  let shownCost = formatUsd(predictedMonthlyCostUsd);
  let shownLeft = formatUsd(remainingBudgetUsd);
  if (shownCost === shownLeft && predictedMonthlyCostUsd !== remainingBudgetUsd) {
    [shownCost, shownLeft] = [`$${predictedMonthlyCostUsd}`, `$${remainingBudgetUsd}`];
  }
  return {
    ...base,
    passed,
    reason: passed
      ? `predicted ${shownCost}/month fits in the ${shownLeft} left this month`
      : `predicted ${shownCost}/month exceeds the ${shownLeft} left this month`,
  };
}

export function evaluateApprovalsGate(validApprovals: number, requiredApprovals: number): GateResult {
  const noun = requiredApprovals === 1 ? 'approval' : 'approvals';
  return {
    id: 'approvals',
    kind: 'approvals',
    label: `${requiredApprovals} ${noun} from approvers`,
    passed: validApprovals >= requiredApprovals,
    actual: validApprovals,
    expected: requiredApprovals,
    reason: `${validApprovals} of ${requiredApprovals} required ${noun}`,
  };
}
