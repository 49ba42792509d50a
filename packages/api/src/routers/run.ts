import {
  compareRunsInput,
  getMetricHistoryInput,
  getMetricSeriesInput,
  listMetricKeysInput,
  logRunDataInput,
  runRefInput,
  searchRunsInput,
  updateRunInput,
} from '@cairn/core/schemas/tracking';
import { compareRuns } from '@cairn/services/tracking/compare-runs';
import { deleteRun } from '@cairn/services/tracking/delete-run';
import { getMetricHistory } from '@cairn/services/tracking/get-metric-history';
import { getMetricSeries } from '@cairn/services/tracking/get-metric-series';
import { getRun } from '@cairn/services/tracking/get-run';
import { listMetricKeys } from '@cairn/services/tracking/list-metric-keys';
import { logRunData } from '@cairn/services/tracking/log-run-data';
import { restoreRun } from '@cairn/services/tracking/restore-run';
import { searchRuns } from '@cairn/services/tracking/search-runs';
import { updateRun } from '@cairn/services/tracking/update-run';
import { createRouter, teamProcedure } from '../trpc';

export const runRouter = createRouter({
  search: teamProcedure('tracking:read')
    .input(searchRunsInput)
    .query(({ ctx, input }) => searchRuns(ctx, input)),
  byId: teamProcedure('tracking:read')
    .input(runRefInput)
    .query(({ ctx, input }) => getRun(ctx, input)),
  update: teamProcedure('tracking:write')
    .input(updateRunInput)
    .mutation(({ ctx, input }) => updateRun(ctx, input)),
  delete: teamProcedure('tracking:write')
    .input(runRefInput)
    .mutation(({ ctx, input }) => deleteRun(ctx, input)),
  restore: teamProcedure('tracking:write')
    .input(runRefInput)
    .mutation(({ ctx, input }) => restoreRun(ctx, input)),
  logBatch: teamProcedure('tracking:write')
    .input(logRunDataInput)
    .mutation(({ ctx, input }) => logRunData(ctx, input)),
  metricSeries: teamProcedure('tracking:read')
    .input(getMetricSeriesInput)
    .query(({ ctx, input }) => getMetricSeries(ctx, input)),
  metricHistory: teamProcedure('tracking:read')
    .input(getMetricHistoryInput)
    .query(({ ctx, input }) => getMetricHistory(ctx, input)),
  metricKeys: teamProcedure('tracking:read')
    .input(listMetricKeysInput)
    .query(({ ctx, input }) => listMetricKeys(ctx, input)),
  compare: teamProcedure('tracking:read')
    .input(compareRunsInput)
    .query(({ ctx, input }) => compareRuns(ctx, input)),
});
