import { getMetricSeriesInput, logRunDataInput, searchRunsInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '@cairn/services/context';
import { getMetricSeries } from '@cairn/services/tracking/get-metric-series';
import { logRunData } from '@cairn/services/tracking/log-run-data';
import { searchRuns } from '@cairn/services/tracking/search-runs';
import { warmRunCharts } from '@cairn/services/tracking/warm-run-charts';
import type { TrackingSeedIds } from './tracking-seed';

export const SEARCH_FILTER = 'metrics.auc > 0.9';
export const SEARCH_ORDER = 'metrics.val_loss ASC';

export interface BenchMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/**
 * The service calls the tracking bench measures, each parsed by the same input schema the tRPC
 * procedures and the MLflow REST handlers use.
 */
export function trackingWorkloads(ctx: ServiceContext, ids: TrackingSeedIds) {
  return {
    logBatch: (runId: string, metrics: BenchMetric[]) =>
      logRunData(ctx, logRunDataInput.parse({ teamId: ids.teamId, runId, metrics })),
    searchRuns: (maxResults: number) =>
      searchRuns(
        ctx,
        searchRunsInput.parse({
          teamId: ids.teamId,
          experimentIds: ids.experimentIds,
          filter: SEARCH_FILTER,
          orderBy: [SEARCH_ORDER],
          maxResults,
        }),
      ),
    metricSeries: () =>
      getMetricSeries(
        ctx,
        getMetricSeriesInput.parse({
          teamId: ids.teamId,
          runIds: [ids.longRunId],
          keys: [ids.longSeriesKey],
        }),
      ),
    /** What the worker does once when a run ends (run.warm-charts). */
    warmCharts: () => warmRunCharts(ctx.db, { teamId: ids.teamId, runId: ids.longRunId }),
  };
}
