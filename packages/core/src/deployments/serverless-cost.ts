import type { ServerlessDeploymentSpec } from '../schemas/deployment';
import { type CostLine, costLine, formatUsd } from './cost-line';
import { SERVERLESS_PRICES_USD as P } from './serverless-pricing';

/** The traffic a serverless endpoint is expected to serve in a month. */
export interface ServerlessTraffic {
  requestsPerMonth: number;
  avgDurationMs: number;
  /** Request plus response size; data processed is billed per GB. */
  avgPayloadKb?: number;
}

/** Serverless lines: inference duration, provisioned concurrency kept warm, data processed. */
export function serverlessCost(
  spec: ServerlessDeploymentSpec,
  traffic: ServerlessTraffic | undefined,
  hoursPerMonth: number,
): { lines: CostLine[]; assumptions: string[] } {
  const memoryGb = spec.memorySizeMb / 1024;
  const lines: CostLine[] = [];
  const assumptions = [
    'SageMaker charges no fee per request: a request costs its duration and the data it moves.',
  ];
  const provisioned = spec.provisionedConcurrency;
  if (provisioned > 0) {
    lines.push(
      costLine(
        `Provisioned concurrency ${provisioned} x ${spec.memorySizeMb} MB, kept warm all month`,
        provisioned * memoryGb * hoursPerMonth * 3600,
        'GB-seconds',
        P.provisionedConcurrencyPerGbSecond,
      ),
    );
  }
  if (!traffic) {
    assumptions.push('No traffic stated: on-demand inference costs nothing while the endpoint is idle.');
    return { lines, assumptions };
  }
  const rate = provisioned > 0 ? P.provisionedComputePerGbSecond : P.computePerGbSecond;
  lines.push(
    costLine(
      `Inference: ${traffic.requestsPerMonth.toLocaleString('en-US')} requests x ${traffic.avgDurationMs} ms at ${spec.memorySizeMb} MB`,
      traffic.requestsPerMonth * (traffic.avgDurationMs / 1000) * memoryGb,
      'GB-seconds',
      rate,
    ),
  );
  if (provisioned > 0) {
    assumptions.push(
      `All requests are served by the ${provisioned} provisioned instances of concurrency, billed at $${rate} per GB-second; bursts beyond them bill at the on-demand $${P.computePerGbSecond}.`,
    );
  }
  if (traffic.avgPayloadKb !== undefined) {
    lines.push(
      costLine(
        `Data processed: ${traffic.avgPayloadKb} KB in and out per request`,
        (traffic.requestsPerMonth * traffic.avgPayloadKb) / (1024 * 1024),
        'GB',
        P.dataProcessedPerGb,
      ),
    );
  } else {
    assumptions.push(
      `Data processed (${formatUsd(P.dataProcessedPerGb)} per GB in and out) is not counted: no payload size stated.`,
    );
  }
  return { lines, assumptions };
}
