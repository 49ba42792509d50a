import { Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';

const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] as const;
const AGGREGATION_TYPES = ['Average', 'Minimum', 'Maximum'] as const;
const COOLDOWN_MAX = 31_536_000;

export interface StepAdjustment {
  lowerBound: number | undefined;
  upperBound: number | undefined;
  scalingAdjustment: number;
}

/**
 * Validates StepScalingPolicyConfiguration the way Application Auto Scaling does: an adjustment
 * type and at least one step are required; each step's interval (relative to the alarm threshold)
 * has its lower bound below its upper one, only one step may leave its lower bound open and only
 * one its upper bound, and the intervals must not overlap. Returns the configuration as stored.
 */
export function stepScaling(config: JsonInput): JsonInput {
  const path = 'StepScalingPolicyConfiguration';
  const problems = new Problems();
  const adjustmentType = problems.string(config, 'AdjustmentType', `${path}.AdjustmentType`, {
    values: ADJUSTMENT_TYPES,
  });
  problems.number(config, 'Cooldown', `${path}.Cooldown`, { min: 0, max: COOLDOWN_MAX });
  problems.string(config, 'MetricAggregationType', `${path}.MetricAggregationType`, {
    values: AGGREGATION_TYPES,
  });
  const magnitude = problems.number(config, 'MinAdjustmentMagnitude', `${path}.MinAdjustmentMagnitude`);
  const rawSteps = problems.array(config, 'StepAdjustments', `${path}.StepAdjustments`) ?? [];
  const steps: StepAdjustment[] = rawSteps.map((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new SimError('SerializationException', `Expected a structure at '${path}.StepAdjustments'`);
    }
    const step = raw as JsonInput;
    const at = `${path}.StepAdjustments.${index + 1}`;
    return {
      lowerBound: problems.number(step, 'MetricIntervalLowerBound', `${at}.MetricIntervalLowerBound`),
      upperBound: problems.number(step, 'MetricIntervalUpperBound', `${at}.MetricIntervalUpperBound`),
      scalingAdjustment: problems.number(step, 'ScalingAdjustment', `${at}.ScalingAdjustment`, {
        required: true,
      }) as number,
    };
  });
  problems.throwIfAny();
  if (!adjustmentType) {
    throw new SimError('ValidationException', 'AdjustmentType is required for a step scaling policy');
  }
  if (steps.length === 0) {
    throw new SimError(
      'ValidationException',
      'At least one step adjustment is required for a step scaling policy',
    );
  }
  if (magnitude !== undefined && adjustmentType !== 'PercentChangeInCapacity') {
    throw new SimError(
      'ValidationException',
      'MinAdjustmentMagnitude is only valid when AdjustmentType is PercentChangeInCapacity',
    );
  }
  checkIntervals(steps);
  return config;
}

function checkIntervals(steps: StepAdjustment[]) {
  for (const step of steps) {
    if (!Number.isInteger(step.scalingAdjustment)) {
      throw new SimError('ValidationException', 'ScalingAdjustment must be an integer');
    }
    if (
      step.lowerBound !== undefined &&
      step.upperBound !== undefined &&
      step.lowerBound >= step.upperBound
    ) {
      throw new SimError(
        'ValidationException',
        'MetricIntervalLowerBound must be less than MetricIntervalUpperBound in each step adjustment',
      );
    }
  }
  if (steps.filter((step) => step.lowerBound === undefined).length > 1) {
    throw new SimError('ValidationException', 'Only one step adjustment may have a null lower bound');
  }
  if (steps.filter((step) => step.upperBound === undefined).length > 1) {
    throw new SimError('ValidationException', 'Only one step adjustment may have a null upper bound');
  }
  const ordered = [...steps].sort(
    (a, b) => (a.lowerBound ?? Number.NEGATIVE_INFINITY) - (b.lowerBound ?? Number.NEGATIVE_INFINITY),
  );
  for (let index = 1; index < ordered.length; index += 1) {
    const before = ordered[index - 1] as StepAdjustment;
    const after = ordered[index] as StepAdjustment;
    if ((before.upperBound ?? Number.POSITIVE_INFINITY) > (after.lowerBound ?? Number.NEGATIVE_INFINITY)) {
      throw new SimError('ValidationException', 'Step adjustment intervals must not overlap');
    }
  }
}
