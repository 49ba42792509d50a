import type { AlarmStates } from '../core/alarm-states';
import type { Caller } from '../core/caller';
import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { type MetricMath, mathSeries, parseMetricMath } from './metric-math';
import { type EndpointLookup, type MetricQuery, series } from './metrics';
import type { TrafficHistory } from './traffic';

const COMPARISONS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;

export interface MetricAlarm {
  name: string;
  arn: string;
  input: JsonInput;
  source: { kind: 'metric'; query: MetricQuery; stat: string } | { kind: 'math'; math: MetricMath };
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: (typeof COMPARISONS)[number];
  treatMissingData: (typeof MISSING_DATA)[number];
  updatedAt: number;
  createdBy: Caller;
}

function breaches(alarm: MetricAlarm, value: number): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
}

const SINGLE_METRIC_MEMBERS = [
  'MetricName',
  'Namespace',
  'Statistic',
  'ExtendedStatistic',
  'Dimensions',
  'Period',
  'Unit',
];

function parseSingleMetric(problems: Problems, input: JsonInput) {
  const metricName = problems.string(input, 'MetricName', 'MetricName', { required: true, min: 1, max: 255 });
  const namespace = problems.string(input, 'Namespace', 'Namespace', { required: true, min: 1, max: 255 });
  const statistic = problems.string(input, 'Statistic', 'Statistic', { values: STATISTICS });
  const extended = problems.string(input, 'ExtendedStatistic', 'ExtendedStatistic', {
    pattern: /^p(\d{1,2}(\.\d+)?|100)$/,
  });
  const period = problems.number(input, 'Period', 'Period', { required: true, min: 10 });
  const dimensions = asRecords(problems.array(input, 'Dimensions', 'Dimensions', { max: 30 }));
  const dimensionMap: Record<string, string> = {};
  dimensions.forEach((dimension, index) => {
    const key = problems.string(dimension, 'Name', `Dimensions.${index + 1}.member.Name`, {
      required: true,
      min: 1,
    });
    const value = problems.string(dimension, 'Value', `Dimensions.${index + 1}.member.Value`, {
      required: true,
      min: 1,
    });
    if (key && value) dimensionMap[key] = value;
  });
  // Cross-member rules come after the members, in the order CloudWatch reports them.
  const checkCombination = () => {
    if (period !== undefined && !([10, 20, 30].includes(period) || period % 60 === 0)) {
      problems.add(period, 'Period', 'be 10, 20, 30 or a multiple of 60');
    }
    if ((statistic === undefined) === (extended === undefined)) {
      problems.note('Exactly one of Statistic and ExtendedStatistic must be specified.');
    }
  };
  const source: MetricAlarm['source'] = {
    kind: 'metric',
    query: { namespace: namespace as string, metricName: metricName as string, dimensions: dimensionMap },
    stat: (statistic ?? extended) as string,
  };
  return { source, periodSeconds: period as number, checkCombination };
}

function parseMathMetric(problems: Problems, input: JsonInput) {
  const conflicting = SINGLE_METRIC_MEMBERS.filter(
    (member) => input[member] !== undefined && input[member] !== null,
  );
  if (conflicting.length > 0) {
    problems.note(`Metrics cannot be specified together with ${conflicting.join(', ')}.`);
  }
  const math = parseMetricMath(problems, input);
  const source: MetricAlarm['source'] | undefined = math ? { kind: 'math', math } : undefined;
  return { source, periodSeconds: math?.periodSeconds, checkCombination: () => {} };
}

/**
 * Validates PutMetricAlarm: a single metric (MetricName, Namespace, Statistic or ExtendedStatistic,
 * Period) or metric math (`Metrics`), never both.
 */
export function parseMetricAlarm(input: JsonInput, region: string, caller: Caller, now: number): MetricAlarm {
  const problems = new Problems();
  const name = problems.string(input, 'AlarmName', 'AlarmName', { required: true, min: 1, max: 255 });
  problems.string(input, 'AlarmDescription', 'AlarmDescription', { max: 1024 });
  const { source, periodSeconds, checkCombination } =
    input.Metrics !== undefined && input.Metrics !== null
      ? parseMathMetric(problems, input)
      : parseSingleMetric(problems, input);
  const evaluationPeriods = problems.number(input, 'EvaluationPeriods', 'EvaluationPeriods', {
    required: true,
    min: 1,
  });
  const datapoints = problems.number(input, 'DatapointsToAlarm', 'DatapointsToAlarm', { min: 1 });
  const threshold = problems.number(input, 'Threshold', 'Threshold', { required: true });
  const comparison = problems.string(input, 'ComparisonOperator', 'ComparisonOperator', {
    required: true,
    values: COMPARISONS,
  });
  const missing = problems.string(input, 'TreatMissingData', 'TreatMissingData', { values: MISSING_DATA });
  checkCombination();
  if (datapoints !== undefined && evaluationPeriods !== undefined && datapoints > evaluationPeriods) {
    problems.note('DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
  }
  problems.throwIfAny('ValidationException');
  return {
    name: name as string,
    arn: `arn:aws:cloudwatch:${region}:${caller.accountId}:alarm:${name}`,
    input,
    source: source as MetricAlarm['source'],
    periodSeconds: periodSeconds as number,
    evaluationPeriods: evaluationPeriods as number,
    datapointsToAlarm: datapoints ?? (evaluationPeriods as number),
    threshold: threshold as number,
    comparison: comparison as MetricAlarm['comparison'],
    treatMissingData: (missing ?? 'missing') as MetricAlarm['treatMissingData'],
    updatedAt: now,
    createdBy: caller,
  };
}

/**
 * Evaluates an alarm over its last EvaluationPeriods periods (the current, partial one included,
 * so a traffic change trips it without waiting a minute) and records the state in `states`, which
 * SageMaker's auto-rollback reads. States set through the admin API win until they are cleared.
 */
export function evaluateAlarm(
  alarm: MetricAlarm,
  states: AlarmStates,
  lookup: EndpointLookup,
  traffic: TrafficHistory,
  now: number,
): void {
  if (states.get(alarm.name)?.isManual) return;
  const periodMs = alarm.periodSeconds * 1000;
  const start = (Math.floor(now / periodMs) - (alarm.evaluationPeriods - 1)) * periodMs;
  const window = { start, end: now + 1, now };
  const values =
    alarm.source.kind === 'math'
      ? mathSeries(lookup, traffic, alarm.source.math, window)
      : series(lookup, traffic, alarm.source.query, {
          ...window,
          periodSeconds: alarm.periodSeconds,
          stat: alarm.source.stat,
        }).values;
  const missing = alarm.evaluationPeriods - values.length;
  let breaching = values.filter((value) => breaches(alarm, value)).length;
  if (alarm.treatMissingData === 'breaching') breaching += missing;
  if (values.length === 0 && ['missing', 'ignore'].includes(alarm.treatMissingData)) {
    states.set(alarm.name, 'INSUFFICIENT_DATA', 'Insufficient Data: no datapoints were received.', now);
    return;
  }
  if (breaching >= alarm.datapointsToAlarm) {
    states.set(
      alarm.name,
      'ALARM',
      `Threshold Crossed: ${breaching} datapoint(s) ${alarm.comparison} ${alarm.threshold}.`,
      now,
    );
  } else {
    states.set(
      alarm.name,
      'OK',
      `Threshold not crossed: ${breaching} of ${alarm.datapointsToAlarm} needed.`,
      now,
    );
  }
}
