import autocannon from 'autocannon';
import { percentile } from './measure';

/** One load step: a URL hammered at one concurrency for a few seconds. */
export interface HttpLoadJob {
  label: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
  /** MLflow log-batch: each request logs `points` metric points to one of these runs. */
  ingest?: { runIds: string[]; points: number };
}

export interface HttpLoadResult {
  label: string;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  failures: number;
}

const METRIC_KEYS = 10;

/** A log-batch body whose steps never repeat across requests, spread over the runs. */
function ingestBody(ingest: NonNullable<HttpLoadJob['ingest']>, sequence: number): string {
  const stepsPerKey = Math.ceil(ingest.points / METRIC_KEYS);
  const timestamp = Date.now();
  const metrics = Array.from({ length: ingest.points }, (_, index) => ({
    key: `bench_metric_${index % METRIC_KEYS}`,
    value: Math.sin(sequence + index),
    timestamp,
    step: sequence * stepsPerKey + Math.floor(index / METRIC_KEYS),
  }));
  return JSON.stringify({ run_id: ingest.runIds[sequence % ingest.runIds.length], metrics });
}

/** Runs one job with autocannon, timing every response itself for p95 (autocannon has none). */
export async function runHttpLoadJob(job: HttpLoadJob): Promise<HttpLoadResult> {
  const latencies: number[] = [];
  let sequence = 0;
  let finish: (outcome: { error: unknown; result: autocannon.Result }) => void = () => {};
  const finished = new Promise<{ error: unknown; result: autocannon.Result }>((resolve) => {
    finish = resolve;
  });
  const options: autocannon.Options = {
    url: job.url,
    method: job.method,
    headers: job.headers,
    connections: job.concurrency,
    duration: job.seconds,
    ...(job.ingest
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                body: ingestBody(job.ingest!, sequence++),
              }),
            },
          ],
        }
      : {}),
  };
  const instance = autocannon(options, (error, result) => finish({ error, result }));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const { error, result } = await finished;
  if (error) throw error;
  return {
    label: job.label,
    concurrency: job.concurrency,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requestsPerSecond: result.requests.total / job.seconds,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** As a forked child: the parent sends the jobs, the child answers with each result in turn. */
if (process.send) {
  process.once('message', async (jobs: HttpLoadJob[]) => {
    for (const job of jobs) process.send!(await runHttpLoadJob(job));
    process.disconnect();
  });
}
