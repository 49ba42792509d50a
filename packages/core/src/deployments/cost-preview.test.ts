import { describe, expect, it } from 'vitest';
import type { DeploymentSpecInput } from '../schemas/deployment';
import { type CostPreviewOptions, previewMonthlyCost } from './cost-preview';
import { findInstanceType } from './instance-catalogue';
import {
  ASYNC_INPUT,
  BATCH_INPUT,
  OTHER_VERSION_ID,
  REALTIME_INPUT,
  SERVERLESS_INPUT,
  spec,
} from './test-specs';

// REALTIME_INPUT: ml.m5.xlarge ($0.23/h) x 4; 4 x 730 h x $0.23 = $671.60.
describe('the predicted monthly cost', () => {
  const cases: Array<{
    label: string;
    input: DeploymentSpecInput;
    options?: CostPreviewOptions;
    lines: Array<[label: string, quantity: number, unitPriceUsd: number, usd: number]>;
    totalUsd: number;
    rangeUsd?: { lowUsd: number; highUsd: number };
  }> = [
    {
      label: 'a real-time fleet, all at once without a bake',
      input: REALTIME_INPUT,
      lines: [['ml.m5.xlarge x 4, 730 h a month', 2920, 0.23, 671.6]],
      totalUsd: 671.6,
      rangeUsd: { lowUsd: 671.6, highUsd: 671.6 },
    },
    {
      label: 'a canary baking 30 min twice: both fleets for 1 h',
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 25, bakeSeconds: 1800 } },
      lines: [
        ['ml.m5.xlarge x 4, 730 h a month', 2920, 0.23, 671.6],
        [
          'New fleet beside the old one during the canary rollout (60 min of bakes and termination wait)',
          4,
          0.23,
          0.92,
        ],
      ],
      totalUsd: 672.52,
    },
    {
      label: 'a linear rollout of 5 steps of 10 min plus a 5 min termination wait',
      input: {
        ...REALTIME_INPUT,
        strategy: { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 600 },
        terminationWaitSeconds: 300,
      },
      lines: [
        ['ml.m5.xlarge x 4, 730 h a month', 2920, 0.23, 671.6],
        [
          'New fleet beside the old one during the linear rollout (55 min of bakes and termination wait)',
          4 * (3300 / 3600),
          0.23,
          0.84,
        ],
      ],
      totalUsd: 672.44,
    },
    {
      label: 'four canary rollouts a month',
      input: { ...REALTIME_INPUT, strategy: { kind: 'CANARY', canaryPercent: 25, bakeSeconds: 1800 } },
      options: { deploymentsPerMonth: 4 },
      lines: [
        ['ml.m5.xlarge x 4, 730 h a month', 2920, 0.23, 671.6],
        [
          'New fleet beside the old one during the canary rollout (60 min of bakes and termination wait)',
          16,
          0.23,
          3.68,
        ],
      ],
      totalUsd: 675.28,
    },
    {
      label: 'a 7-day shadow variant on GPUs',
      input: {
        ...REALTIME_INPUT,
        instanceType: 'ml.g5.xlarge',
        initialInstanceCount: 2,
        strategy: { kind: 'SHADOW', shadowPercent: 50, days: 7 },
      },
      lines: [
        ['ml.g5.xlarge x 2, 730 h a month', 1460, 1.408, 2055.68],
        ['Shadow variant ml.g5.xlarge x 2 for 7 days', 336, 1.408, 473.09],
      ],
      totalUsd: 2528.77,
    },
    {
      label: 'a 60-day shadow capped at the month',
      input: {
        ...REALTIME_INPUT,
        initialInstanceCount: 1,
        strategy: { kind: 'SHADOW', shadowPercent: 50, days: 60 },
      },
      lines: [
        ['ml.m5.xlarge x 1, 730 h a month', 730, 0.23, 167.9],
        ['Shadow variant ml.m5.xlarge x 1 for 60 days', 730, 0.23, 167.9],
      ],
      totalUsd: 335.8,
    },
    {
      label: 'an A/B test with a smaller challenger',
      input: {
        ...REALTIME_INPUT,
        strategy: {
          kind: 'AB',
          variants: [
            { modelVersionId: OTHER_VERSION_ID, weight: 1, instanceType: 'ml.c5.large', instanceCount: 2 },
          ],
        },
      },
      lines: [
        ['ml.m5.xlarge x 4, 730 h a month', 2920, 0.23, 671.6],
        ['A/B variant 1: ml.c5.large x 2, 730 h a month', 1460, 0.102, 148.92],
      ],
      totalUsd: 820.52,
    },
    {
      label: 'autoscaling 2-8, reported at the initial 4',
      input: {
        ...REALTIME_INPUT,
        autoscaling: { minInstances: 2, maxInstances: 8, targetInvocationsPerInstance: 100 },
      },
      lines: [['ml.m5.xlarge x 4, 730 h a month', 2920, 0.23, 671.6]],
      totalUsd: 671.6,
      rangeUsd: { lowUsd: 335.8, highUsd: 1343.2 },
    },
    {
      label: 'a month of 100 hours',
      input: { ...REALTIME_INPUT, instanceType: 'ml.m5.large', initialInstanceCount: 1 },
      options: { hoursPerMonth: 100 },
      lines: [['ml.m5.large x 1, 100 h a month', 100, 0.115, 11.5]],
      totalUsd: 11.5,
    },
    {
      label: 'an async endpoint that scales to zero',
      input: {
        ...ASYNC_INPUT,
        scalesToZero: true,
        autoscaling: { minInstances: 0, maxInstances: 4, targetInvocationsPerInstance: 5 },
      },
      lines: [['ml.g5.xlarge x 1, 730 h a month', 730, 1.408, 1027.84]],
      totalUsd: 1027.84,
      rangeUsd: { lowUsd: 0, highUsd: 4111.36 },
    },
    {
      label: 'serverless on demand: 1 M requests of 200 ms at 2 GB, 10 KB each',
      input: SERVERLESS_INPUT,
      options: { serverlessTraffic: { requestsPerMonth: 1_000_000, avgDurationMs: 200, avgPayloadKb: 10 } },
      lines: [
        ['Inference: 1,000,000 requests x 200 ms at 2048 MB', 400_000, 0.00002, 8],
        ['Data processed: 10 KB in and out per request', 10_000_000 / 1_048_576, 0.016, 0.15],
      ],
      totalUsd: 8.15,
    },
    {
      label: 'serverless with 5 provisioned at 4 GB and 500 k requests of 100 ms',
      input: { ...SERVERLESS_INPUT, memorySizeMb: 4096, provisionedConcurrency: 5 },
      options: { serverlessTraffic: { requestsPerMonth: 500_000, avgDurationMs: 100 } },
      lines: [
        ['Provisioned concurrency 5 x 4096 MB, kept warm all month', 52_560_000, 0.0000048, 252.29],
        ['Inference: 500,000 requests x 100 ms at 4096 MB', 200_000, 0.0000106, 2.12],
      ],
      totalUsd: 254.41,
    },
    {
      label: 'serverless with no traffic stated',
      input: SERVERLESS_INPUT,
      lines: [],
      totalUsd: 0,
    },
    {
      label: 'a nightly batch of 2 h on 4 instances',
      input: BATCH_INPUT,
      options: { batchRunsPerMonth: 30, batchHoursPerRun: 2 },
      lines: [['ml.m5.xlarge x 4, 30 runs of 2 h', 240, 0.23, 55.2]],
      totalUsd: 55.2,
    },
  ];
  it.each(cases)('$label', ({ input, options, lines, totalUsd, rangeUsd }) => {
    const preview = previewMonthlyCost(spec(input), options);
    expect(preview.lines.map((line) => [line.label, line.quantity, line.unitPriceUsd, line.usd])).toEqual(
      lines.map(([label, quantity, price, usd]) => [label, expect.closeTo(quantity, 6), price, usd]),
    );
    expect(preview.totalUsd).toBe(totalUsd);
    if (rangeUsd) expect(preview.rangeUsd).toEqual(rangeUsd);
  });
});

describe('what the preview says it assumed', () => {
  it('prices from the catalogue and names the region', () => {
    const preview = previewMonthlyCost(spec(REALTIME_INPUT));
    expect(preview.lines[0]!.unitPriceUsd).toBe(findInstanceType('ml.m5.xlarge')!.pricePerHourUsd);
    expect(preview.assumptions[0]).toContain('us-east-1 on-demand list prices (2025)');
  });

  it('mentions the autoscaling maximum', () => {
    const preview = previewMonthlyCost(
      spec({
        ...REALTIME_INPUT,
        autoscaling: { minInstances: 2, maxInstances: 8, targetInvocationsPerInstance: 100 },
      }),
    );
    expect(preview.assumptions).toContain(
      'Autoscaling runs 2-8 instances: the total assumes 4 all month; at 8 the fleet would cost $1,343.20.',
    );
  });

  it('assumes a nightly hour when batch runs are not stated', () => {
    const preview = previewMonthlyCost(spec(BATCH_INPUT));
    expect(preview.totalUsd).toBe(27.6);
    expect(preview.assumptions).toContain(
      'Runs not stated: assumes 30 runs a month of 1 h each (a nightly job).',
    );
  });

  it('says serverless costs nothing idle when no traffic is stated', () => {
    expect(previewMonthlyCost(spec(SERVERLESS_INPUT)).assumptions).toContain(
      'No traffic stated: on-demand inference costs nothing while the endpoint is idle.',
    );
  });

  it('refuses to price an instance type outside the catalogue', () => {
    expect(() => previewMonthlyCost(spec({ ...REALTIME_INPUT, instanceType: 'ml.x1.32xlarge' }))).toThrow(
      'No price for ml.x1.32xlarge',
    );
  });
});
