import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import { type EndpointLookup, type MetricQuery, series } from './metrics';
import type { TrafficHistory } from './traffic';

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** awsJson sends timestamps as epoch seconds; some clients send ISO strings. */
function epochMs(value: unknown, member: string): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new SimError(
    'ValidationException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

/** GetMetricData for single-metric queries; metric-math expressions answer with an explanatory message. */
export function getMetricData(
  input: JsonInput,
  lookup: EndpointLookup,
  traffic: TrafficHistory,
  now: number,
) {
  const problems = new Problems();
  const queries = asRecords(
    problems.array(input, 'MetricDataQueries', 'MetricDataQueries', { required: true, min: 1, max: 500 }),
  );
  const parsed = queries.map((query, index) => {
    const path = `MetricDataQueries.${index + 1}.member`;
    const id = problems.string(query, 'Id', `${path}.Id`, {
      required: true,
      min: 1,
      max: 255,
      pattern: QUERY_ID,
    });
    const stat = problems.object(query, 'MetricStat', `${path}.MetricStat`);
    const expression = problems.string(query, 'Expression', `${path}.Expression`, { min: 1, max: 2048 });
    if (!stat && expression === undefined)
      problems.note(`The parameter ${path}.MetricStat or Expression must be specified.`);
    const metric = stat && problems.object(stat, 'Metric', `${path}.MetricStat.Metric`, { required: true });
    const period =
      stat && problems.number(stat, 'Period', `${path}.MetricStat.Period`, { required: true, min: 1 });
    const statistic = stat && problems.string(stat, 'Stat', `${path}.MetricStat.Stat`, { required: true });
    const dimensions: Record<string, string> = {};
    for (const dimension of asRecords(
      metric && problems.array(metric, 'Dimensions', `${path}.MetricStat.Metric.Dimensions`, { max: 30 }),
    )) {
      if (typeof dimension.Name === 'string' && typeof dimension.Value === 'string') {
        dimensions[dimension.Name] = dimension.Value;
      }
    }
    const metricQuery: MetricQuery | undefined = metric
      ? { namespace: String(metric.Namespace ?? ''), metricName: String(metric.MetricName ?? ''), dimensions }
      : undefined;
    return {
      id: id ?? '',
      label: typeof query.Label === 'string' ? query.Label : (metricQuery?.metricName ?? id ?? ''),
      metricQuery,
      period,
      statistic,
      isReturned: query.ReturnData !== false,
    };
  });
  problems.throwIfAny();
  const start = epochMs(input.StartTime, 'startTime');
  const end = epochMs(input.EndTime, 'endTime');
  if (end <= start) {
    throw new SimError(
      'ValidationException',
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  }
  const isAscending = input.ScanBy === 'TimestampAscending';
  const messages: { Code: string; Value: string }[] = [];
  const results = parsed
    .filter((query) => query.isReturned)
    .map((query) => {
      if (!query.metricQuery || query.period === undefined || query.statistic === undefined) {
        messages.push({
          Code: 'Unsupported',
          Value: `aws-sim does not evaluate metric math (query ${query.id})`,
        });
        return { Id: query.id, Label: query.label, Timestamps: [], Values: [], StatusCode: 'Complete' };
      }
      const { timestamps, values } = series(lookup, traffic, query.metricQuery, {
        start,
        end,
        periodSeconds: query.period,
        stat: query.statistic,
        now,
      });
      if (isAscending) {
        timestamps.reverse();
        values.reverse();
      }
      return {
        Id: query.id,
        Label: query.label,
        Timestamps: timestamps.map((timestamp) => new Date(timestamp)),
        Values: values,
        StatusCode: 'Complete',
      };
    });
  return { MetricDataResults: results, Messages: messages };
}
