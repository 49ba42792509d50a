import { describe, expect, it } from 'vitest';
import {
  type AlertEvaluation,
  evaluateAlertRule,
  type RuleCondition,
  windowValues,
} from './evaluate-alert-rule';

const NOW = new Date('2026-11-25T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** Points for the last `values.length` minutes, oldest first (the last value is the newest minute). */
function series(values: (number | null)[]) {
  return values.flatMap((value, index) =>
    value === null ? [] : [{ minute: minutesAgo(values.length - index), value }],
  );
}

const errorRate: RuleCondition = {
  statistic: 'Average',
  comparator: 'GREATER_THAN',
  threshold: 1,
  windowMinutes: 5,
  evaluationPeriods: 2,
};

const calm = Array<number>(10).fill(0.2);
const burning = Array<number>(10).fill(12);

type Case = {
  name: string;
  rule?: Partial<RuleCondition>;
  values: (number | null)[];
  open?: number | null;
  lastResolvedMinutesAgo?: number;
  expected: AlertEvaluation['kind'];
  value?: number;
};

const cases: Case[] = [
  { name: 'calm traffic fires nothing', values: calm, expected: 'nothing' },
  { name: 'both windows breaching fires', values: burning, expected: 'fire', value: 12 },
  {
    name: 'only the newest window breaching does not fire yet',
    values: [...calm.slice(0, 5), ...burning.slice(0, 5)],
    expected: 'nothing',
  },
  {
    name: 'a single spike averaged over the window does not breach',
    values: [0, 0, 0, 0, 4, 0, 0, 0, 0, 4],
    expected: 'nothing',
  },
  {
    name: 'a window without data is missing, so nothing fires',
    values: [null, null, null, null, null, 12, 12, 12, 12, 12],
    expected: 'nothing',
  },
  {
    name: 'an open alert still breaching with a new value updates',
    values: burning,
    open: 9,
    expected: 'update',
    value: 12,
  },
  {
    name: 'an open alert still breaching, same value, does nothing',
    values: burning,
    open: 12,
    expected: 'nothing',
  },
  {
    name: 'an open alert clear in the newest window only stays open (flapping suppressed)',
    values: [...burning.slice(0, 5), ...calm.slice(0, 5)],
    open: 12,
    expected: 'update',
    value: 0.2,
  },
  {
    name: 'an open alert clear for all periods resolves',
    values: calm,
    open: 12,
    expected: 'resolve',
    value: 0.2,
  },
  {
    name: 'an open alert without recent data stays open',
    values: [...calm.slice(0, 5), null, null, null, null, null],
    open: 12,
    expected: 'nothing',
  },
  {
    name: 'breaching again within the cooldown after a resolve does not fire',
    values: burning,
    lastResolvedMinutesAgo: 3,
    expected: 'nothing',
  },
  {
    name: 'breaching after the cooldown fires again',
    values: burning,
    lastResolvedMinutesAgo: 11,
    expected: 'fire',
    value: 12,
  },
  {
    name: 'less-than rules fire below the threshold',
    rule: { comparator: 'LESS_THAN', threshold: 5, statistic: 'Sum', evaluationPeriods: 1 },
    values: [0, 1, 0, 1, 0],
    expected: 'fire',
    value: 2,
  },
  {
    name: 'greater-or-equal fires at the threshold exactly',
    rule: { comparator: 'GREATER_THAN_OR_EQUAL', threshold: 12, evaluationPeriods: 1 },
    values: [12, 12, 12, 12, 12],
    expected: 'fire',
  },
  {
    name: 'Maximum catches a spike Average would hide',
    rule: { statistic: 'Maximum', evaluationPeriods: 1 },
    values: [0, 0, 30, 0, 0],
    expected: 'fire',
    value: 30,
  },
  {
    name: 'less-or-equal at the threshold with Minimum',
    rule: { comparator: 'LESS_THAN_OR_EQUAL', threshold: 1, statistic: 'Minimum', evaluationPeriods: 1 },
    values: [3, 1, 4, 5, 5],
    expected: 'fire',
    value: 1,
  },
];

describe('evaluateAlertRule', () => {
  it.each(cases)('$name', (testCase) => {
    const result = evaluateAlertRule(
      { ...errorRate, ...testCase.rule },
      series(testCase.values),
      testCase.open === undefined || testCase.open === null ? null : { lastValue: testCase.open },
      NOW,
      testCase.lastResolvedMinutesAgo === undefined
        ? {}
        : { lastResolvedAt: minutesAgo(testCase.lastResolvedMinutesAgo) },
    );
    expect(result.kind).toBe(testCase.expected);
    if (testCase.value !== undefined && 'value' in result) expect(result.value).toBeCloseTo(testCase.value);
  });

  it('puts each minute in exactly one window, newest first, and ignores points not yet ended', () => {
    const points = [
      { minute: minutesAgo(11), value: 100 },
      { minute: minutesAgo(10), value: 1 },
      { minute: minutesAgo(6), value: 3 },
      { minute: minutesAgo(5), value: 5 },
      { minute: minutesAgo(1), value: 7 },
      { minute: NOW, value: 1_000 },
    ];
    expect(windowValues(errorRate, points, NOW)).toEqual([6, 2]);
  });
});
