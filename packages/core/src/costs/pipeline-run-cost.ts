import { DAY_MS } from './cost-calendar';
import type { CostItem } from './deployment-day-cost';
import { PIPELINE_PRICES_USD_PER_MINUTE, type PricedPipelineKind } from './pipeline-pricing';
import { overlapHours } from './running-hours';

export interface CostedPipelineRun {
  kind: PricedPipelineKind;
  pipelineName: string;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The minutes of a pipeline run that fell on one UTC day (up to `now`), priced by the minute. */
export function pipelineRunCostForDay(run: CostedPipelineRun, day: Date, now: Date): CostItem[] {
  if (!run.startedAt) return [];
  const window = { from: day, to: new Date(Math.min(day.getTime() + DAY_MS, now.getTime())) };
  const minutes = overlapHours({ from: run.startedAt, to: run.finishedAt ?? now }, window) * 60;
  if (minutes <= 0) return [];
  return [
    {
      resourceKind: 'PIPELINE',
      description: `${run.pipelineName} (${run.kind === 'CODEPIPELINE' ? 'CodePipeline' : 'SageMaker Pipeline'} run)`,
      quantity: minutes,
      unit: 'minutes',
      amountUsd: minutes * PIPELINE_PRICES_USD_PER_MINUTE[run.kind],
    },
  ];
}
