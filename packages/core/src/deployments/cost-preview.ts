import type {
  AsyncDeploymentSpec,
  BatchDeploymentSpec,
  DeploymentSpec,
  RealtimeDeploymentSpec,
} from '../schemas/deployment';
import { type CostLine, costLine, formatUsd, roundUsd } from './cost-line';
import { findInstanceType } from './instance-catalogue';
import { blueGreenOverlapSeconds, isBlueGreen } from './rollout-timing';
import { type ServerlessTraffic, serverlessCost } from './serverless-cost';

export const HOURS_PER_MONTH = 730;
export const DEFAULT_BATCH_RUNS_PER_MONTH = 30;
export const DEFAULT_BATCH_HOURS_PER_RUN = 1;

export interface CostPreviewOptions {
  hoursPerMonth?: number;
  serverlessTraffic?: ServerlessTraffic;
  batchRunsPerMonth?: number;
  batchHoursPerRun?: number;
  /** Rollouts a month whose blue/green overlap is billed; one unless stated. */
  deploymentsPerMonth?: number;
}

export interface CostPreview {
  totalUsd: number;
  lines: CostLine[];
  assumptions: string[];
  /** The month's cost at the autoscaling minimum and maximum (equal to the total without autoscaling). */
  rangeUsd: { lowUsd: number; highUsd: number };
}

const INSTANCE_HOURS = 'instance-hours';

function hourlyPrice(instanceType: string): number {
  const spec = findInstanceType(instanceType);
  // validateDeployment refuses types outside the catalogue before anything is priced.
  if (!spec) throw new Error(`No price for ${instanceType}: it is not in the instance catalogue`);
  return spec.pricePerHourUsd;
}

const minutes = (seconds: number) => `${+(seconds / 60).toFixed(1)} min`;

/** Real-time and async endpoints: the fleet, its rollout overlap, shadow and A/B variants. */
function endpointCost(
  spec: RealtimeDeploymentSpec | AsyncDeploymentSpec,
  hours: number,
  deployments: number,
) {
  const price = hourlyPrice(spec.instanceType);
  const count = spec.initialInstanceCount;
  const lines = [
    costLine(`${spec.instanceType} x ${count}, ${hours} h a month`, count * hours, INSTANCE_HOURS, price),
  ];
  const assumptions: string[] = [];
  let lowUsd = 0;
  let highUsd = 0;
  const scaling = spec.autoscaling;
  if (scaling) {
    const minCount = spec.type === 'ASYNC' && spec.scalesToZero ? 0 : scaling.minInstances;
    lowUsd = (minCount - count) * hours * price;
    highUsd = (Math.max(scaling.maxInstances, count) - count) * hours * price;
    assumptions.push(
      `Autoscaling runs ${minCount}-${scaling.maxInstances} instances: the total assumes ${count} all month; at ${scaling.maxInstances} the fleet would cost ${formatUsd(scaling.maxInstances * hours * price)}.`,
    );
  }
  if (spec.type === 'ASYNC' && spec.scalesToZero) {
    lowUsd = -count * hours * price;
    assumptions.push(
      'The endpoint scales to zero when its queue is empty: idle hours cost nothing, so the total is an upper bound for a quiet month.',
    );
  }
  const strategy = spec.strategy;
  const overlapSeconds = blueGreenOverlapSeconds(strategy, spec.terminationWaitSeconds ?? 0);
  if (isBlueGreen(strategy) && overlapSeconds > 0) {
    const overlapHours = (overlapSeconds / 3600) * deployments;
    lines.push(
      costLine(
        `New fleet beside the old one during the ${strategy.kind.toLowerCase().replace(/_/g, '-')} rollout (${minutes(overlapSeconds)} of bakes and termination wait)`,
        count * overlapHours,
        INSTANCE_HOURS,
        price,
      ),
    );
    assumptions.push(
      `${deployments} rollout${deployments === 1 ? '' : 's'} a month updating a running endpoint: SageMaker keeps both fleets until the last bake ends (a first deployment has no old fleet).`,
    );
  }
  if (strategy.kind === 'SHADOW') {
    const shadowHours = Math.min(strategy.days * 24, hours);
    lines.push(
      costLine(
        `Shadow variant ${spec.instanceType} x ${count} for ${strategy.days} days`,
        count * shadowHours,
        INSTANCE_HOURS,
        price,
      ),
    );
    assumptions.push('The shadow variant runs the same instance type and count as production.');
  }
  if (strategy.kind === 'AB') {
    strategy.variants.forEach((variant, index) => {
      lines.push(
        costLine(
          `A/B variant ${index + 1}: ${variant.instanceType} x ${variant.instanceCount}, ${hours} h a month`,
          variant.instanceCount * hours,
          INSTANCE_HOURS,
          hourlyPrice(variant.instanceType),
        ),
      );
    });
  }
  return { lines, assumptions, lowDeltaUsd: lowUsd, highDeltaUsd: highUsd };
}

function batchCost(spec: BatchDeploymentSpec, options: CostPreviewOptions) {
  const runs = options.batchRunsPerMonth ?? DEFAULT_BATCH_RUNS_PER_MONTH;
  const hoursPerRun = options.batchHoursPerRun ?? DEFAULT_BATCH_HOURS_PER_RUN;
  const assumptions: string[] = [];
  if (options.batchRunsPerMonth === undefined || options.batchHoursPerRun === undefined) {
    assumptions.push(
      `Runs not stated: assumes ${runs} runs a month of ${hoursPerRun} h each (a nightly job).`,
    );
  }
  const lines = [
    costLine(
      `${spec.instanceType} x ${spec.instanceCount}, ${runs} runs of ${hoursPerRun} h`,
      spec.instanceCount * runs * hoursPerRun,
      INSTANCE_HOURS,
      hourlyPrice(spec.instanceType),
    ),
  ];
  return { lines, assumptions };
}

/**
 * The predicted monthly cost of a deployment from the catalogue's list prices: instances x hours,
 * both fleets while a blue/green rollout bakes, the shadow variant for its days, A/B variants,
 * serverless from the stated traffic, batch from runs x hours x instances.
 */
export function previewMonthlyCost(spec: DeploymentSpec, options: CostPreviewOptions = {}): CostPreview {
  const hours = options.hoursPerMonth ?? HOURS_PER_MONTH;
  let lines: CostLine[];
  let assumptions: string[];
  let lowDeltaUsd = 0;
  let highDeltaUsd = 0;
  switch (spec.type) {
    case 'REALTIME':
    case 'ASYNC':
      ({ lines, assumptions, lowDeltaUsd, highDeltaUsd } = endpointCost(
        spec,
        hours,
        options.deploymentsPerMonth ?? 1,
      ));
      break;
    case 'SERVERLESS':
      ({ lines, assumptions } = serverlessCost(spec, options.serverlessTraffic, hours));
      break;
    case 'BATCH':
      ({ lines, assumptions } = batchCost(spec, options));
      break;
  }
  const totalUsd = roundUsd(lines.reduce((sum, line) => sum + line.usd, 0));
  return {
    totalUsd,
    lines,
    assumptions: [
      'us-east-1 on-demand list prices (2025); other regions, savings plans and storage are not included.',
      ...assumptions,
    ],
    rangeUsd: {
      lowUsd: roundUsd(Math.max(0, totalUsd + lowDeltaUsd)),
      highUsd: roundUsd(totalUsd + highDeltaUsd),
    },
  };
}
