import { type JobPayload, warmRunChartsJob } from '@cairn/services/jobs/job-contracts';
import { warmRunCharts } from '@cairn/services/tracking/warm-run-charts';
import type { JobHandler, JobRun } from './job-runner';

type Payload = JobPayload<typeof warmRunChartsJob>;

/** Charts an ended run's long metric series before anyone opens them; a repeat is a no-op. */
export const warmRunChartsHandler: JobHandler<Payload> = {
  contract: warmRunChartsJob,

  run(payload: Payload, run: JobRun) {
    return warmRunCharts(run.deps.db, payload);
  },
};
