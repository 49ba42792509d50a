import { findInstanceType } from '../deployments/instance-catalogue';
import { SERVERLESS_PRICES_USD } from '../deployments/serverless-pricing';
import { deploymentSpecSchema } from '../schemas/deployment';
import { DAY_MS } from './cost-calendar';
import { type CapacityChange, instanceHoursWithin, overlapHours, type TimeSpan } from './running-hours';

export type CostResourceKind = 'ENDPOINT_INSTANCE' | 'SERVERLESS' | 'TRANSFORM' | 'PIPELINE';

/** One priced line of one day: what ran, how much of it, what it cost. */
export interface CostItem {
  resourceKind: CostResourceKind;
  description: string;
  quantity: number;
  unit: string;
  amountUsd: number;
}

/** A deployment as the cost model reads it: its stored spec and when it ran. */
export interface CostedDeployment {
  spec: unknown;
  createdAt: Date;
  inServiceAt: Date | null;
  endedAt: Date | null;
  shadowEndedAt: Date | null;
  /** Instance count changes of the production variant, when recorded; none means the spec's count throughout. */
  capacityChanges?: readonly CapacityChange[];
  /** Requests a serverless endpoint served on the day and their mean duration, when collected. */
  servedOnDay?: { requests: number; avgDurationMs: number };
}

const INSTANCE_HOURS = 'instance-hours';
const GB_SECONDS = 'GB-seconds';

function instancePrice(instanceType: string): number {
  return findInstanceType(instanceType)?.pricePerHourUsd ?? 0;
}

function instanceItem(
  resourceKind: CostResourceKind,
  description: string,
  instanceType: string,
  hours: number,
): CostItem[] {
  if (hours <= 0) return [];
  return [
    {
      resourceKind,
      description,
      quantity: hours,
      unit: INSTANCE_HOURS,
      amountUsd: hours * instancePrice(instanceType),
    },
  ];
}

/**
 * What a deployment cost on one UTC day (up to `now` for today), from the list prices of the
 * instance catalogue: an endpoint's production fleet from InService until it ended (superseded,
 * deleted, failed), following recorded capacity changes; a shadow variant until it ended; A/B
 * variants beside production; serverless provisioned concurrency and the inference it served;
 * a batch transform's instances from creation until it finished.
 */
export function deploymentCostForDay(deployment: CostedDeployment, day: Date, now: Date): CostItem[] {
  const parsed = deploymentSpecSchema.safeParse(deployment.spec);
  if (!parsed.success) return [];
  const spec = parsed.data;
  const window: TimeSpan = { from: day, to: new Date(Math.min(day.getTime() + DAY_MS, now.getTime())) };
  const end = deployment.endedAt ?? now;
  if (spec.type === 'BATCH') {
    const running = { from: deployment.inServiceAt ?? deployment.createdAt, to: end };
    return instanceItem(
      'TRANSFORM',
      `${spec.instanceType} x ${spec.instanceCount} (transform job)`,
      spec.instanceType,
      spec.instanceCount * overlapHours(running, window),
    );
  }
  if (!deployment.inServiceAt) return [];
  const running: TimeSpan = { from: deployment.inServiceAt, to: end };
  if (spec.type === 'SERVERLESS') return serverlessItems(spec, running, window, deployment.servedOnDay);
  const items = instanceItem(
    'ENDPOINT_INSTANCE',
    `${spec.instanceType} (production)`,
    spec.instanceType,
    instanceHoursWithin(running, window, spec.initialInstanceCount, deployment.capacityChanges),
  );
  if (spec.type === 'REALTIME' && spec.strategy.kind === 'SHADOW') {
    const shadowEnd = Math.min((deployment.shadowEndedAt ?? end).getTime(), end.getTime());
    items.push(
      ...instanceItem(
        'ENDPOINT_INSTANCE',
        `${spec.instanceType} (shadow variant)`,
        spec.instanceType,
        spec.initialInstanceCount * overlapHours({ from: running.from, to: new Date(shadowEnd) }, window),
      ),
    );
  }
  if (spec.type === 'REALTIME' && spec.strategy.kind === 'AB') {
    spec.strategy.variants.forEach((variant, index) => {
      items.push(
        ...instanceItem(
          'ENDPOINT_INSTANCE',
          `${variant.instanceType} (A/B variant ${index + 1})`,
          variant.instanceType,
          variant.instanceCount * overlapHours(running, window),
        ),
      );
    });
  }
  return items;
}

function serverlessItems(
  spec: { memorySizeMb: number; provisionedConcurrency: number },
  running: TimeSpan,
  window: TimeSpan,
  served: CostedDeployment['servedOnDay'],
): CostItem[] {
  const memoryGb = spec.memorySizeMb / 1024;
  const items: CostItem[] = [];
  const hours = overlapHours(running, window);
  if (spec.provisionedConcurrency > 0 && hours > 0) {
    const gbSeconds = spec.provisionedConcurrency * memoryGb * hours * 3600;
    items.push({
      resourceKind: 'SERVERLESS',
      description: `Serverless ${spec.memorySizeMb} MB, provisioned concurrency ${spec.provisionedConcurrency}`,
      quantity: gbSeconds,
      unit: GB_SECONDS,
      amountUsd: gbSeconds * SERVERLESS_PRICES_USD.provisionedConcurrencyPerGbSecond,
    });
  }
  if (served && served.requests > 0 && hours > 0) {
    const gbSeconds = served.requests * (served.avgDurationMs / 1000) * memoryGb;
    const rate =
      spec.provisionedConcurrency > 0
        ? SERVERLESS_PRICES_USD.provisionedComputePerGbSecond
        : SERVERLESS_PRICES_USD.computePerGbSecond;
    items.push({
      resourceKind: 'SERVERLESS',
      description: `Serverless ${spec.memorySizeMb} MB inference, ${served.requests} requests`,
      quantity: gbSeconds,
      unit: GB_SECONDS,
      amountUsd: gbSeconds * rate,
    });
  }
  return items;
}
