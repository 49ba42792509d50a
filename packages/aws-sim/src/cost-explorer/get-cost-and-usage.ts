import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import type { DailyCost, DailyCostStore } from './daily-costs';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function invalid(message: string): SimError {
  return new SimError('ValidationException', message);
}

function timePeriod(input: JsonInput): { start: string; end: string } {
  const period = input.TimePeriod as { Start?: unknown; End?: unknown } | undefined;
  const start = period?.Start;
  const end = period?.End;
  if (typeof start !== 'string' || !ISO_DAY.test(start) || typeof end !== 'string' || !ISO_DAY.test(end))
    throw invalid('TimePeriod.Start and TimePeriod.End must be dates in the format YYYY-MM-DD');
  if (start >= end) throw invalid('Start date (inclusive) must be before end date (exclusive)');
  return { start, end };
}

/** The tag key spend is grouped by, or undefined for totals only. The sim groups by one tag. */
function groupTagKey(input: JsonInput): string | undefined {
  const groupBy = input.GroupBy;
  if (groupBy === undefined) return undefined;
  if (!Array.isArray(groupBy) || groupBy.length === 0) return undefined;
  const [first] = groupBy as { Type?: unknown; Key?: unknown }[];
  if (groupBy.length > 1 || first?.Type !== 'TAG' || typeof first.Key !== 'string')
    throw invalid('aws-sim groups by one TAG only');
  return first.Key;
}

type TagFilter = { key: string; values: string[] } | undefined;

/** The sim filters on one tag (`Filter.Tags` with EQUALS, the default match). */
function tagFilter(input: JsonInput): TagFilter {
  const filter = input.Filter as
    | { Tags?: { Key?: unknown; Values?: unknown; MatchOptions?: unknown } }
    | undefined;
  if (filter === undefined) return undefined;
  const tags = filter.Tags;
  const isEquals =
    tags?.MatchOptions === undefined ||
    (Array.isArray(tags.MatchOptions) && tags.MatchOptions.every((option) => option === 'EQUALS'));
  if (
    Object.keys(filter).length !== 1 ||
    typeof tags?.Key !== 'string' ||
    !Array.isArray(tags.Values) ||
    !isEquals
  )
    throw invalid('aws-sim filters on one Tags expression matching EQUALS only');
  return { key: tags.Key, values: tags.Values.map(String) };
}

function eachDay(start: string, end: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${start}T00:00:00Z`); at < Date.parse(`${end}T00:00:00Z`); at += DAY_MS)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

const money = (amount: number) => ({ Amount: amount.toFixed(10), Unit: 'USD' });

/**
 * GetCostAndUsage over the spend set through the admin API: DAILY granularity, the UnblendedCost
 * metric, optionally grouped by one tag (group keys read `<tag>$<value>`, `<tag>$` for untagged
 * spend, as on AWS) and filtered on one tag.
 */
export function getCostAndUsage(input: JsonInput, store: DailyCostStore) {
  const { start, end } = timePeriod(input);
  if (input.Granularity !== 'DAILY') throw invalid('aws-sim answers Granularity DAILY only');
  const metrics = input.Metrics;
  if (!Array.isArray(metrics) || metrics.length !== 1 || metrics[0] !== 'UnblendedCost')
    throw invalid('aws-sim answers the UnblendedCost metric only');
  const groupKey = groupTagKey(input);
  const filter = tagFilter(input);
  const matches = (row: DailyCost) => {
    if (!filter) return true;
    const value = row.tags[filter.key];
    return value !== undefined && filter.values.includes(value);
  };
  const resultsByTime = eachDay(start, end).map((day) => {
    const rows = store.rows.filter((row) => row.day === day && matches(row));
    const timePeriod = { Start: day, End: nextDay(day) };
    if (groupKey === undefined) {
      const total = rows.reduce((sum, row) => sum + row.amountUsd, 0);
      return { TimePeriod: timePeriod, Total: { UnblendedCost: money(total) }, Groups: [], Estimated: false };
    }
    const byKey = new Map<string, number>();
    for (const row of rows) {
      const key = `${groupKey}$${row.tags[groupKey] ?? ''}`;
      byKey.set(key, (byKey.get(key) ?? 0) + row.amountUsd);
    }
    return {
      TimePeriod: timePeriod,
      Total: {},
      Groups: [...byKey].map(([key, amount]) => ({ Keys: [key], Metrics: { UnblendedCost: money(amount) } })),
      Estimated: false,
    };
  });
  return {
    GroupDefinitions: groupKey === undefined ? [] : [{ Type: 'TAG', Key: groupKey }],
    ResultsByTime: resultsByTime,
    DimensionValueAttributes: [],
  };
}
