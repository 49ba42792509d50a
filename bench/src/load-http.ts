import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HttpLoadJob, HttpLoadResult } from './load-http-runner';

const RUNNER = fileURLToPath(new URL('./load-http-runner.ts', import.meta.url));

/** Runs the jobs in a second Node process, so the load generator does not share this event loop. */
export function runHttpLoad(
  jobs: HttpLoadJob[],
  onResult: (result: HttpLoadResult) => void,
): Promise<HttpLoadResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(RUNNER, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const results: HttpLoadResult[] = [];
    child.on('message', (result: HttpLoadResult) => {
      results.push(result);
      onResult(result);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      results.length === jobs.length
        ? resolve(results)
        : reject(
            new Error(`The load generator stopped after ${results.length} of ${jobs.length} jobs (${code})`),
          ),
    );
    child.send(jobs);
  });
}
